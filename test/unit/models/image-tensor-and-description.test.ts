import { describe, expect, it } from '@jest/globals';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { fitToInput, imagesToTensor } from '../../../orchestrator/src/models/image-tensor.js';
import type { ImageInputSpec } from '../../../orchestrator/src/models/model-description.js';
import { MODEL_KINDS, parseModelDescription } from '../../../orchestrator/src/models/model-description.js';

const SPEC: ImageInputSpec = { name: 'x', layout: 'NCHW', widthPx: 2, heightPx: 1, colourOrder: 'RGB', scale: 255, mean: [0.5, 0, 1], std: [0.5, 1, 2], resize: 'stretch' };

describe('imagesToTensor', () => {
  // a 2x1 RGB image: pixel 0 = (255, 0, 51), pixel 1 = (0, 255, 102); same size, so no resampling
  const image = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([255, 0, 51, 0, 255, 102]) };

  it('normalises per channel and lays out NCHW', () => {
    const { data, dims } = imagesToTensor([image], SPEC);
    expect(dims).toEqual([1, 3, 1, 2]);
    // R: (1 - 0.5) / 0.5 = 1, (0 - 0.5) / 0.5 = -1; G: 0, 1; B: (0.2 - 1) / 2 = -0.4, (0.4 - 1) / 2 = -0.3
    const expected = [1, -1, 0, 1, -0.4, -0.3];
    expected.forEach((v, k) => expect(data[k]).toBeCloseTo(v, 6));
  });

  it('swaps to BGR and lays out NHWC', () => {
    const { data, dims } = imagesToTensor([image, image], { ...SPEC, layout: 'NHWC', colourOrder: 'BGR', mean: [0, 0, 0], std: [1, 1, 1], scale: 1 });
    expect(dims).toEqual([2, 1, 2, 3]);
    expect(Array.from(data.subarray(0, 6))).toEqual([51, 0, 255, 102, 255, 0]);
    expect(Array.from(data.subarray(6))).toEqual(Array.from(data.subarray(0, 6)));
  });

  it('letterboxes keeping the aspect ratio', () => {
    const wide = createRawImage(8, 2, 3);
    wide.data.fill(200);
    const fitted = fitToInput(wide, { ...SPEC, widthPx: 4, heightPx: 4, resize: 'letterbox', padValue: [10, 20, 30] });
    // 8x2 scaled by 0.5 -> 4x1, centred at row 1; rows 0, 2, 3 are padding
    expect(Array.from(fitted.data.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(Array.from(fitted.data.subarray(12, 15))).toEqual([200, 200, 200]);
    expect(Array.from(fitted.data.subarray(24, 27))).toEqual([10, 20, 30]);
  });
});

describe('parseModelDescription', () => {
  const good = {
    formatVersion: 1,
    id: 'm',
    kind: 'feature-map',
    input: { ...SPEC },
    outputs: { featureMap: 'features' },
    featureMap: { channels: 64 },
  };

  it('accepts every kind of the table with its roles', () => {
    expect(parseModelDescription(good).kind).toBe('feature-map');
    expect(Object.keys(MODEL_KINDS)).toEqual(expect.arrayContaining(['reid-embedding', 'feature-map', 'detector', 'pose', 'garment-landmarks']));
    expect(parseModelDescription({ formatVersion: 1, id: 'builtin', kind: 'reid-embedding', builtin: 'x', outputs: {}, embedding: { metric: 'cosine', normalize: true, eps: { plain: [0.1, 0.2], rerank: [0.4, 0.5] } } }).builtin).toBe('x');
  });

  it.each([
    [{ formatVersion: 2 }, /formatVersion/],
    [{ id: 'has space' }, /id/],
    [{ kind: 'segmenter' }, /kind/],
    [{ outputs: {} }, /outputs.featureMap/],
    [{ input: { ...SPEC, layout: 'CHW' } }, /input.layout/],
    [{ input: { ...SPEC, std: [1, 0, 1] } }, /input.std/],
    [{ input: { ...SPEC, widthPx: 1.5 } }, /input.widthPx/],
    [{ featureMap: { channels: -1 } }, /featureMap.channels/],
    [{ kind: 'reid-embedding', outputs: { embedding: 'e' } }, /embedding/],
  ])('refuses %j', (change, message) => {
    expect(() => parseModelDescription({ ...good, ...change }, 'm.json')).toThrow(message);
    expect(() => parseModelDescription({ ...good, ...change }, 'm.json')).toThrow(/^m\.json: /);
  });
});
