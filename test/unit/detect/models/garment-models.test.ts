/**
 * The DeepFashion2 model kinds: decoders on exact tensors (values worked out by hand), the
 * registry checks of their sections, and loadGarmentModels over tiny ONNX models.
 */
import { describe, expect, it } from '@jest/globals';
import { createRawImage } from '../../../../orchestrator/src/imaging/raw-image.js';
import { parseModelDescription } from '../../../../orchestrator/src/models/model-description.js';
import { createMemoryFileStore } from '../../../../orchestrator/src/shared/memory-file-store.js';
import {
  DF2_LANDMARK_COUNTS,
  decodeGarmentDetections,
  decodeGarmentLandmarks,
  df2LandmarkOffset,
  garmentDetectorDecoding,
  garmentLandmarkDecoding,
} from '../../../../orchestrator/src/detect/models/garment-decoding.js';
import { loadGarmentModels } from '../../../../orchestrator/src/detect/models/garment-models.js';
import { OnnxGraphBuilder } from '../../../helpers/onnx-builder.js';

const t = (values: number[], dims: number[]): { data: Float32Array; dims: number[] } => ({ data: Float32Array.from(values), dims });
const round = (box: number[]): number[] => box.map((v) => Number(v.toFixed(4)));

describe('garment detector decoding', () => {
  const input = { widthPx: 100, heightPx: 200 };
  // the input shows the photo region x 10..60, y 20..120 (half scale)
  const region = { x: 10, y: 20, width: 50, height: 100 };

  it('"detections", xyxy in input pixels: thresholds, DF2 ids, per-category NMS, mapping to the photo', () => {
    const outputs = {
      boxes: t([10, 20, 50, 100, 12, 22, 50, 100, 10, 20, 50, 100, 0, 0, 10, 10, 0, 0, 20, 20, 0, 0, 30, 30], [1, 6, 4]),
      scores: t([0.9, 0.8, 0.7, 0.1, 0.9, 0.9], [1, 6]),
      // 7 trousers, 7 again (overlaps: suppressed), 9 skirt (same box, other category: kept), low score, 0 and 14 (not DF2 ids)
      classes: t([7, 7, 9, 7, 0, 14], [1, 6]),
    };
    const found = decodeGarmentDetections(outputs, garmentDetectorDecoding({ format: 'detections' }), input, region);
    expect(found.map((g) => [g.category, g.score, round(g.box)])).toEqual([
      [7, expect.closeTo(0.9, 6), [15, 30, 35, 70]],
      [9, expect.closeTo(0.7, 6), [15, 30, 35, 70]],
    ]);
  });

  it('"detections", yxyx normalised, with a class offset', () => {
    const outputs = { boxes: t([0.1, 0.1, 0.5, 0.5], [1, 4]), scores: t([0.5], [1]), classes: t([0], [1]) };
    const found = decodeGarmentDetections(outputs, garmentDetectorDecoding({ format: 'detections', boxFormat: 'yxyx', boxUnits: 'normalized', classOffset: 1 }), input, region);
    expect(found.map((g) => [g.category, round(g.box)])).toEqual([[1, [15, 30, 35, 70]]]);
  });

  it('"yolo" in both layouts: cx, cy, w, h then 13 class scores; best class per anchor, threshold, NMS', () => {
    // anchors: a0 box (50, 100, 20, 40) class index 6 (trousers) 0.8; a1 same box, class index 1 (long-sleeve top) 0.6; a2 weak
    const anchors = [
      [50, 100, 20, 40, 0, 0, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 0, 0],
      [50, 100, 20, 40, 0, 0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [10, 10, 5, 5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
    ];
    const anchorFirst = t(anchors.flat(), [1, 3, 17]);
    const channelsFirst = t(Array.from({ length: 17 * 3 }, (_, i) => anchors[i % 3][Math.floor(i / 3)]), [1, 17, 3]);
    const decoding = garmentDetectorDecoding({ format: 'yolo' });
    const expected = [
      [7, [30, 60, 40, 80]],
      [2, [30, 60, 40, 80]],
    ];
    for (const predictions of [anchorFirst, channelsFirst]) {
      expect(decodeGarmentDetections({ predictions }, decoding, input, region).map((g) => [g.category, round(g.box)])).toEqual(expected);
    }
  });
});

describe('garment landmark decoding', () => {
  it('knows the DF2 landmark layout: 294 channels, categories in id order', () => {
    expect(Object.values(DF2_LANDMARK_COUNTS).reduce((a, b) => a + b, 0)).toBe(294);
    expect(df2LandmarkOffset(1)).toBe(0);
    expect(df2LandmarkOffset(9)).toBe(182);
    expect(df2LandmarkOffset(13)).toBe(275);
  });

  it('"heatmaps" over all 294 channels: the category slice, peak plus a quarter pixel towards the higher neighbour', () => {
    const [h, w] = [4, 4];
    const data = new Float32Array(294 * h * w);
    data[0] = 5; // a peak in another category's channel must not matter
    for (let k = 0; k < 8; k++) data[(182 + k) * 16 + 1 * w + (k % 4)] = 1;
    data[(182 + 1) * 16 + 1 * w + 2] = 0.5; // landmark 1's right neighbour: shift +0.25 in x
    const region = { x: 0, y: 0, width: 40, height: 80 };
    const decoded = decodeGarmentLandmarks({ data, dims: [1, 294, h, w] }, garmentLandmarkDecoding({ format: 'heatmaps' }), 9, { widthPx: 10, heightPx: 20 }, region);
    // heatmap column c centred at (c + 0.5) / 4 of the 40 px region; only landmark 1 has a higher neighbour
    const xs = [5, 15, 25, 35];
    expect(decoded.points.map(round)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => [k === 1 ? 17.5 : xs[k % 4], 30]));
    expect(decoded.scores).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('"coordinates" of one category in input pixels; refuses another category', () => {
    const data = Array.from({ length: 8 }, (_, k) => [2 + k, 4]).flat();
    const decoding = garmentLandmarkDecoding({ format: 'coordinates', channels: 'category', category: 9 });
    const region = { x: 100, y: 50, width: 40, height: 80 };
    const decoded = decodeGarmentLandmarks(t(data, [1, 8, 2]), decoding, 9, { widthPx: 10, heightPx: 20 }, region);
    expect(decoded.points.map(round)).toEqual(Array.from({ length: 8 }, (_, k) => [100 + ((2 + k) / 10) * 40, 66]));
    expect(() => decodeGarmentLandmarks(t(data, [1, 8, 2]), decoding, 8, { widthPx: 10, heightPx: 20 }, region)).toThrow(/category 9, not 8/);
  });
});

describe('registry sections of the garment kinds', () => {
  const base = { formatVersion: 1, file: 'm.onnx', input: { name: 'x', layout: 'NCHW', widthPx: 8, heightPx: 8, colourOrder: 'RGB', scale: 255, mean: [0, 0, 0], std: [1, 1, 1], resize: 'stretch' } };
  it.each([
    [{ kind: 'garment-detector', outputs: { boxes: 'b', scores: 's' }, decoding: { format: 'detections' } }, /outputs\.classes/],
    [{ kind: 'garment-detector', outputs: { predictions: 'p' }, decoding: { format: 'ssd' } }, /decoding\.format/],
    [{ kind: 'garment-detector', outputs: { predictions: 'p' }, decoding: { format: 'yolo', scoreThreshold: 2 } }, /scoreThreshold/],
    [{ kind: 'garment-landmarks', outputs: { heatmaps: 'h' }, decoding: { format: 'heatmaps', channels: 'category' } }, /decoding\.category/],
    [{ kind: 'garment-landmarks', outputs: { heatmaps: 'h' }, decoding: { format: 'coordinates' } }, /outputs\.landmarks/],
  ])('rejects %j', (fields, message) => {
    expect(() => parseModelDescription({ ...base, id: 'g', ...fields })).toThrow(message);
  });
  it('accepts complete sections', () => {
    expect(parseModelDescription({ ...base, id: 'd', kind: 'garment-detector', outputs: { predictions: 'p' }, decoding: { format: 'yolo', iouThreshold: 0.6 } }).kind).toBe('garment-detector');
    expect(parseModelDescription({ ...base, id: 'l', kind: 'garment-landmarks', outputs: { heatmaps: 'h' }, decoding: { format: 'heatmaps' } }).kind).toBe('garment-landmarks');
  });
});

/** An ONNX model with image input `x` [1, 3, h, w] whose outputs are constants (plus 0 * mean(x), so the input is used). */
function constantModel(h: number, w: number, outputs: Record<string, { values: number[]; dims: number[] }>): Uint8Array {
  const b = new OnnxGraphBuilder('constant');
  b.input('x', 'float32', [1, 3, h, w]);
  const zero = b.node('Mul', [b.node('ReduceMean', ['x'], { keepdims: 0 }), b.initializer('zero', [0], [])]);
  for (const [name, out] of Object.entries(outputs)) {
    b.node('Add', [zero, b.initializer(`${name}_c`, out.values, out.dims)], {}, [name]);
    b.output(name, 'float32', out.dims);
  }
  return b.build();
}

describe('loadGarmentModels', () => {
  const input = (w: number, h: number, resize: string): Record<string, unknown> => ({ name: 'x', layout: 'NCHW', widthPx: w, heightPx: h, colourOrder: 'RGB', scale: 255, mean: [0, 0, 0], std: [1, 1, 1], resize });
  const detector = {
    formatVersion: 1,
    id: 'df2-detector',
    kind: 'garment-detector',
    file: 'detector.onnx',
    input: input(16, 32, 'letterbox'),
    outputs: { boxes: 'boxes', scores: 'scores', classes: 'classes' },
    decoding: { format: 'detections', boxUnits: 'normalized', classOffset: 0, boxPadding: 0 },
  };
  const landmarks = {
    formatVersion: 1,
    id: 'df2-landmarks',
    kind: 'garment-landmarks',
    file: 'landmarks.onnx',
    input: input(8, 8, 'stretch'),
    outputs: { landmarks: 'points' },
    decoding: { format: 'coordinates', units: 'normalized', channels: 'category', category: 1, boxPadding: 0.5 },
  };
  const files = (withLandmarks = true): ReturnType<typeof createMemoryFileStore> =>
    createMemoryFileStore({
      '/reg/detector.json': JSON.stringify(detector),
      '/reg/detector.onnx': constantModel(32, 16, { boxes: { values: [0.25, 0.5, 0.75, 1], dims: [1, 1, 4] }, scores: { values: [0.9], dims: [1, 1] }, classes: { values: [1], dims: [1, 1] } }),
      ...(withLandmarks
        ? {
            '/reg/landmarks.json': JSON.stringify(landmarks),
            '/reg/landmarks.onnx': constantModel(8, 8, { points: { values: Array.from({ length: 25 }, (_, k) => [k / 25, 0.5]).flat(), dims: [1, 25, 2] } }),
          }
        : {}),
      '/empty/readme.txt': 'no models here',
    });

  it('is undefined without garment models, and refuses a detector without a landmark model', async () => {
    expect(await loadGarmentModels(undefined)).toBeUndefined();
    expect(await loadGarmentModels('/empty', { files: files(), cacheDir: '/cache' })).toBeUndefined();
    await expect(loadGarmentModels('/reg', { files: files(false), cacheDir: '/cache' })).rejects.toThrow(/no garment-landmarks model/);
  });

  it('detects on the person crop (letterboxed to the input aspect) and places landmarks on the garment crop', async () => {
    const models = (await loadGarmentModels('/reg', { files: files(), cacheDir: '/cache' }))!;
    try {
      const image = createRawImage(200, 200, 3);
      // person 80 x 120 at (40, 10); the 1:2 input makes the region 80 x 160: x 40..120, y -10..150
      const garments = await models.detect(image, [40, 10, 120, 130]);
      expect(garments.map((g) => [g.category, round(g.box), g.score])).toEqual([[1, [60, 70, 100, 150], expect.closeTo(0.9, 6)]]);
      // garment 40 x 80 padded by half on each side: x 40..120, y 30..190 (stretched)
      const points = await models.landmarks(image, garments[0]);
      expect(points.map(round)).toEqual(Array.from({ length: 25 }, (_, k) => [40 + (80 * k) / 25, 110]));
      expect(models.fingerprint).toMatch(/^df2-detector@[0-9a-f]{16}\+df2-landmarks@[0-9a-f]{16}$/);
    } finally {
      await models.close();
    }
  });
});
