/**
 * The person models' whole path with tiny models whose outputs are known: a user registry
 * folder overrides the three built-in ids with an ONNX detector, a TF.js pose model (converted
 * and cached on first use) and an ONNX "mask" that echoes the red channel. Expected values are
 * worked out by hand from the crop rules (letterbox square, 1.25 x and 1.2 x person squares).
 */
import { describe, expect, it } from '@jest/globals';
import { createRawImage } from '../../../../orchestrator/src/imaging/raw-image.js';
import { createMemoryFileStore } from '../../../../orchestrator/src/shared/memory-file-store.js';
import { loadBuiltinPersonModels } from '../../../../orchestrator/src/detect/models/person-models.js';
import { OnnxGraphBuilder } from '../../../helpers/onnx-builder.js';
import { TfjsGraphBuilder, attr } from '../../../helpers/tfjs-graph-builder.js';

const S = 8;

/** MultiPose-shaped rows [ymin, xmin, ymax, xmax, score] per person; keypoint k of person p at (y = 0.25 + 0.01 k, x = 0.5 + 0.1 p). */
function multiposeRows(boxes: number[][]): Float32Array {
  const rows = new Float32Array(boxes.length * 56);
  boxes.forEach((b, p) => {
    for (let k = 0; k < 17; k++) rows.set([0.25 + 0.01 * k, 0.5 + 0.1 * p, 0.7], p * 56 + 3 * k);
    rows.set(b, p * 56 + 51);
  });
  return rows;
}

/**
 * Detector: constant rows, plus the input's mean / 255 added to every box score, so the
 * score shows how much of the letterboxed input is photo (white) and how much padding (black).
 */
function detectorModel(boxes: number[][]): Uint8Array {
  const b = new OnnxGraphBuilder('tiny_multipose');
  b.input('input', 'float32', [1, S, S, 3]);
  const mean = b.node('ReduceMean', ['input'], { keepdims: 0 });
  const scaled = b.node('Mul', [mean, b.initializer('inv255', [1 / 255], [])]);
  const scoreMask = new Float32Array(boxes.length * 56);
  for (let p = 0; p < boxes.length; p++) scoreMask[p * 56 + 55] = 1;
  const bump = b.node('Mul', [scaled, b.initializer('mask', scoreMask, [1, boxes.length, 56])]);
  b.node('Add', [bump, b.initializer('rows', multiposeRows(boxes), [1, boxes.length, 56])], {}, ['people']);
  b.output('people', 'float32', [1, boxes.length, 56]);
  return b.build();
}

/** Mask: the red channel of the input as the person probability (input scale 255 -> 0..1). */
function echoMaskModel(): Uint8Array {
  const b = new OnnxGraphBuilder('echo_mask');
  b.input('image', 'float32', [1, S, S, 3]);
  const starts = b.initializer('starts', [0n], [1], 'int64');
  const ends = b.initializer('ends', [1n], [1], 'int64');
  const axes = b.initializer('axes', [3n], [1], 'int64');
  const red = b.node('Slice', ['image', starts, ends, axes]);
  b.node('Clip', [red, b.initializer('lo', [0], []), b.initializer('hi', [1], [])], {}, ['probability']);
  b.output('probability', 'float32', [1, S, S, 1]);
  return b.build();
}

/** Pose as a TF.js graph (int32 input like MoveNet): keypoint k at (y = 0.2 + 0.02 k, x = 0.4), score 0.9, plus 0 * sum(input). */
function poseTfjs(): { json: string; shard: Uint8Array } {
  const g = new TfjsGraphBuilder();
  g.placeholder('input', 'int32', [1, S, S, 3]);
  const kp: number[] = [];
  for (let k = 0; k < 17; k++) kp.push(0.2 + 0.02 * k, 0.4, 0.9);
  g.constant('kp', kp, [1, 1, 17, 3]);
  g.op('asFloat', 'Cast', ['input'], { SrcT: attr.type('int32'), DstT: attr.type('float32') });
  g.constant('all', [0, 1, 2, 3], [4], 'int32');
  g.op('total', 'Sum', ['asFloat', 'all'], { T: attr.type('float32'), keep_dims: attr.bool(false) });
  g.constant('zero', [0], [], 'float32');
  g.op('nothing', 'Mul', ['total', 'zero'], { T: attr.type('float32') });
  g.op('Identity', 'AddV2', ['kp', 'nothing'], { T: attr.type('float32') });
  const { json, shard } = g.build(['Identity']);
  return { json: JSON.stringify(json), shard };
}

function input(name: string, scale: number): Record<string, unknown> {
  return { name, layout: 'NHWC', widthPx: S, heightPx: S, colourOrder: 'RGB', scale, mean: [0, 0, 0], std: [1, 1, 1], resize: 'letterbox' };
}

function registry(boxes: number[][]): ReturnType<typeof createMemoryFileStore> {
  const pose = poseTfjs();
  const json = (value: unknown): string => JSON.stringify(value);
  return createMemoryFileStore({
    '/reg/detector.onnx': detectorModel(boxes),
    '/reg/detector.json': json({ formatVersion: 1, id: 'movenet-multipose', kind: 'pose', file: 'detector.onnx', input: input('input', 1), outputs: { people: 'people' }, decoding: { format: 'movenet-multipose', scoreThreshold: 0.2, iouThreshold: 0.5 } }),
    '/reg/pose/model.json': pose.json,
    '/reg/pose/group1-shard1of1.bin': pose.shard,
    '/reg/pose.json': json({ formatVersion: 1, id: 'movenet-thunder', kind: 'pose', tfjs: { modelJson: 'pose/model.json', floatInputs: true }, input: input('input', 1), outputs: { keypoints: 'Identity' }, decoding: { format: 'movenet-singlepose', cropScale: 1.25 } }),
    '/reg/mask.onnx': echoMaskModel(),
    '/reg/mask.json': json({ formatVersion: 1, id: 'mediapipe-selfie', kind: 'person-mask', file: 'mask.onnx', input: input('image', 255), outputs: { mask: 'probability' }, decoding: { format: 'probability', cropScale: 1.2 } }),
  });
}

/** 200 x 100 px, white, with the red channel 255 left of x = 100 and 0 right of it (so the right half is cyan). */
function photo(): ReturnType<typeof createRawImage> {
  const image = createRawImage(200, 100, 3);
  for (let y = 0; y < 100; y++) {
    for (let x = 0; x < 200; x++) image.data.set([x < 100 ? 255 : 0, 255, 255], 3 * (y * 200 + x));
  }
  return image;
}

describe('person models through the registry, with tiny models of known output', () => {
  const A = [0.3, 0.2, 0.9, 0.6, 0.4]; // ymin, xmin, ymax, xmax, base score
  const B = [0.31, 0.21, 0.9, 0.6, 0.3]; // overlaps A: suppressed
  const C = [0.1, 0.1, 0.2, 0.2, -0.45]; // below the score threshold
  const D = [0.3, 0.7, 0.6, 0.95, 0.1]; // a second person

  it('detect: letterboxes the photo into a square, decodes, drops weak people, suppresses overlaps, maps to image pixels', async () => {
    const files = registry([A, B, C, D]);
    const models = await loadBuiltinPersonModels({ modelsDir: '/reg', cacheDir: '/cache', files });
    try {
      const people = await models.detect(photo());
      // the 200 x 100 photo fills half of the 200 x 200 square (rows -50..0 and 100..150 are black padding);
      // the photo's own mean is 255 * (0.5 + 1 + 1) / 3 (red on the left half only), so scores rise by 0.5 * 2.5 / 3
      const bump = (0.5 * 2.5) / 3;
      expect(people.map((p) => p.score)).toEqual([expect.closeTo(0.4 + bump, 5), expect.closeTo(0.1 + bump, 5)]);
      // square: x = 0, y = -50, side 200; A's box (ymax 0.9 -> y 130) is clipped to the photo
      expect(people[0].box.map((v) => Number(v.toFixed(3)))).toEqual([40, 10, 120, 100]);
      expect(people[1].box.map((v) => Number(v.toFixed(3)))).toEqual([140, 10, 190, 70]);
      // keypoint k of the first row: x = 0.5 * 200 = 100, y = -50 + 200 * (0.25 + 0.01 k)
      people[0].keypoints.forEach(([x, y, s], k) => {
        expect(x).toBeCloseTo(100, 3);
        expect(y).toBeCloseTo(0 + 2 * k, 3);
        expect(s).toBeCloseTo(0.7, 5);
      });
      // D was the fourth row (p = 3): x = 200 * (0.5 + 0.3)
      expect(people[1].keypoints[0][0]).toBeCloseTo(160, 3);
      expect(models.fingerprint).toMatch(/^movenet-multipose\+movenet-thunder\+mediapipe-selfie@[0-9a-f]{16}$/);
    } finally {
      await models.close();
    }
  });

  it('refinePose: the TF.js pose model (converted, cached) on the 1.25 x square around the box', async () => {
    const files = registry([A]);
    const models = await loadBuiltinPersonModels({ modelsDir: '/reg', cacheDir: '/cache', files });
    try {
      // box 80 x 120 -> square of side 150 centred on (80, 70): x 5..155, y -5..145
      const keypoints = await models.refinePose(photo(), [40, 10, 120, 130]);
      expect(keypoints).toHaveLength(17);
      keypoints.forEach(([x, y, s], k) => {
        expect(x).toBeCloseTo(5 + 0.4 * 150, 3);
        expect(y).toBeCloseTo(-5 + (0.2 + 0.02 * k) * 150, 3);
        expect(s).toBeCloseTo(0.9, 5);
      });
    } finally {
      await models.close();
    }
    // the conversion was cached: a second load converts nothing
    const onnx = [...files.writes.keys()].filter((f) => f.startsWith('/cache/onnx/') && f.endsWith('.onnx'));
    expect(onnx).toHaveLength(1);
    const again = await loadBuiltinPersonModels({ modelsDir: '/reg', cacheDir: '/cache', files });
    await again.close();
    expect(files.writes.get(onnx[0])).toBe(1);
  });

  it('segment: the 1.2 x square around the box, area-sampled to the mask input, outside the photo black', async () => {
    const models = await loadBuiltinPersonModels({ modelsDir: '/reg', cacheDir: '/cache', files: registry([A]) });
    try {
      // box 80 x 120 -> side 144 centred on (80, 70): x 8..152, y -2..142; 18 px per mask pixel
      const mask = await models.segment(photo(), [40, 10, 120, 130]);
      expect(mask.box).toEqual([8, -2, 152, 142]);
      expect([mask.widthPx, mask.heightPx]).toEqual([8, 8]);
      // red covers x < 100: columns 0-4 fully, column 5 (98..116) for 2 of 18 px; rows: the photo is y 0..100
      const cols = [1, 1, 1, 1, 1, 2 / 18, 0, 0];
      const rows = [16 / 18, 1, 1, 1, 1, 12 / 18, 0, 0];
      const expected = rows.flatMap((r) => cols.map((c) => r * c));
      expect(Array.from(mask.data).map((v) => Number(v.toFixed(4)))).toEqual(expected.map((v) => Number(v.toFixed(4))));
    } finally {
      await models.close();
    }
  });

  it('refuses a registry entry with the wrong decoding for its role', async () => {
    const files = registry([A]);
    const entry = JSON.parse(await files.readText('/reg/mask.json')) as Record<string, unknown>;
    await files.writeAtomic('/reg/mask.json', JSON.stringify({ ...entry, decoding: { format: 'movenet-singlepose' } }));
    await expect(loadBuiltinPersonModels({ modelsDir: '/reg', cacheDir: '/cache', files })).rejects.toMatchObject({ code: 'E_MODEL_DESCRIPTION' });
  });
});
