import { describe, expect, it } from '@jest/globals';
import { createOrtSession, float32Tensor, runOrtSession } from '../../../orchestrator/src/models/onnx-runtime.js';
import type { OrtTensor, TensorInput } from '../../../orchestrator/src/models/onnx-runtime.js';
import { OnnxGraphBuilder, featureMapModel, onnxFloat, reidEmbeddingModel } from '../../helpers/onnx-builder.js';

async function run(bytes: Uint8Array, feeds: Record<string, TensorInput>): Promise<Record<string, OrtTensor>> {
  const session = await createOrtSession(bytes, { threads: 1 });
  try {
    return await runOrtSession(session, feeds, 'test graph');
  } finally {
    await session.release();
  }
}

const values = (t: OrtTensor): number[] => Array.from(t.data as Float32Array);

describe('ONNX encoder (checked by loading in onnxruntime)', () => {
  it('encodes initializers, MatMul and Add', async () => {
    const b = new OnnxGraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const w = b.initializer('w', [1, 0, 0, 1, 1, 1], [3, 2]);
    const bias = b.initializer('b', [0.5, -1], [2]);
    b.output(b.node('Add', [b.node('MatMul', ['x', w]), bias]), 'float32', [2, 2]);
    const out = await run(b.build(), { x: float32Tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3]) });
    // x.W = [[4, 5], [10, 11]], plus the bias
    expect(values(Object.values(out)[0])).toEqual([4.5, 4, 10.5, 10]);
  });

  it('encodes Conv with a bias, Relu, GlobalAveragePool and Flatten', async () => {
    const b = new OnnxGraphBuilder();
    b.input('x', 'float32', [1, 1, 3, 3]);
    const w = b.initializer('w', [1, 1, 1, 1], [1, 1, 2, 2]);
    const bias = b.initializer('b', [-20], [1]);
    const conv = b.node('Conv', ['x', w, bias], { kernel_shape: [2, 2] });
    const y = b.node('Flatten', [b.node('GlobalAveragePool', [b.node('Relu', [conv])])], { axis: 1 });
    b.output(y, 'float32', [1, 1]);
    const out = await run(b.build(), { x: float32Tensor(Float32Array.from({ length: 9 }, (_, i) => i + 1), [1, 1, 3, 3]) });
    // 2x2 window sums 12, 16, 24, 28; minus 20 -> -8, -4, 4, 8; Relu -> 0, 0, 4, 8; mean 3
    expect(values(out[y])).toEqual([3]);
  });

  it('encodes int-list attributes (AveragePool) and a string attribute (auto_pad)', async () => {
    const b = new OnnxGraphBuilder();
    b.input('x', 'float32', [1, 1, 4, 4]);
    const pooled = b.output(b.node('AveragePool', ['x'], { kernel_shape: [2, 2], strides: [2, 2] }), 'float32');
    const out = await run(b.build(), { x: float32Tensor(Float32Array.from({ length: 16 }, (_, i) => i), [1, 1, 4, 4]) });
    expect(values(out[pooled])).toEqual([2.5, 4.5, 10.5, 12.5]);

    const s = new OnnxGraphBuilder();
    s.input('x', 'float32', [1, 1, 3, 3]);
    const ones = s.initializer('w', new Array<number>(9).fill(1), [1, 1, 3, 3]);
    const same = s.output(s.node('Conv', ['x', ones], { kernel_shape: [3, 3], auto_pad: 'SAME_UPPER' }), 'float32');
    const sameOut = await run(s.build(), { x: float32Tensor(Float32Array.from({ length: 9 }, (_, i) => i + 1), [1, 1, 3, 3]) });
    // corners see a 2x2 window (1+2+4+5 = 12 at the top left), the centre all nine (45)
    expect(values(sameOut[same])).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });

  it('encodes float attributes (also integral ones), negative ints and int64 initializers', async () => {
    const b = new OnnxGraphBuilder();
    b.input('x', 'float32', [2, 3]);
    const leaky = b.output(b.node('LeakyRelu', ['x'], { alpha: 0.1 }), 'float32');
    const doubled = b.output(b.node('LeakyRelu', ['x'], { alpha: onnxFloat(2) }), 'float32');
    const maxLast = b.output(b.node('ReduceMax', ['x'], { axes: [-1], keepdims: 0 }), 'float32');
    const flat = b.output(b.node('Reshape', ['x', b.initializer('shape', [-1n], [1], 'int64')]), 'float32');
    const transposed = b.output(b.node('Transpose', ['x'], { perm: [1, 0] }), 'float32');
    const out = await run(b.build(), { x: float32Tensor(new Float32Array([-10, 5, 2, 7, 0, -3]), [2, 3]) });
    expect(values(out[leaky])).toEqual([-1, 5, 2, 7, 0, expect.closeTo(-0.3, 6) as unknown as number]);
    expect(values(out[doubled])).toEqual([-20, 5, 2, 7, 0, -6]);
    expect(values(out[maxLast])).toEqual([5, 7]);
    expect(out[flat].dims).toEqual([6]);
    expect(out[transposed].dims).toEqual([3, 2]);
    expect(values(out[transposed])).toEqual([-10, 7, 5, 0, 2, -3]);
  });

  it('keeps symbolic dimensions in the session metadata', async () => {
    const bytes = reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 5 });
    const session = await createOrtSession(bytes, { threads: 1 });
    expect(session.inputNames).toEqual(['images']);
    expect(session.inputMetadata[0]).toMatchObject({ name: 'images', isTensor: true, type: 'float32', shape: ['batch', 3, 16, 8] });
    expect(session.outputMetadata[0]).toMatchObject({ name: 'embedding', shape: ['batch', 5] });
    const out = await runOrtSession(session, { images: float32Tensor(new Float32Array(4 * 3 * 16 * 8).fill(0.5), [4, 3, 16, 8]) }, 'reid graph');
    expect(out.embedding.dims).toEqual([4, 5]);
    await session.release();
  });

  it('builds the feature-map model of the cloning stage (1x3x384x128 -> 1xCx24x8)', async () => {
    const bytes = featureMapModel({ channels: 4 });
    const session = await createOrtSession(bytes, { threads: 1 });
    const out = await runOrtSession(session, { image: float32Tensor(new Float32Array(3 * 384 * 128).fill(1), [1, 3, 384, 128]) }, 'feature-map graph');
    expect(out.features.dims).toEqual([1, 4, 24, 8]);
    // a constant image gives the same value in every cell of a channel: Relu(sum of weights)
    const data = out.features.data as Float32Array;
    for (let c = 0; c < 4; c++) for (let k = 1; k < 24 * 8; k++) expect(data[c * 192 + k]).toBeCloseTo(data[c * 192], 5);
    await session.release();
  });

  it('refuses a tensor whose value count does not match its dims', () => {
    const b = new OnnxGraphBuilder();
    b.initializer('bad', [1, 2, 3], [2, 2]);
    expect(() => b.build()).toThrow(/4 values/);
  });
});
