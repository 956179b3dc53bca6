/**
 * The TF.js -> ONNX converter, op by op, against TF.js itself: each case builds a tiny TF.js
 * graph with seeded weights, runs it in @tensorflow/tfjs (wasm backend, the oracle) and, after
 * conversion, in onnxruntime, and compares shapes and values.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { convertTfjsGraph, TFJS_OP_MAPPERS } from '../../../../orchestrator/src/models/tfjs/convert-tfjs-graph.js';
import { parseTfjsModelJson } from '../../../../orchestrator/src/models/tfjs/tfjs-model-json.js';
import { createOrtSession, float32Tensor, runOrtSession } from '../../../../orchestrator/src/models/onnx-runtime.js';
import { createRandom } from '../../../../orchestrator/src/shared/random.js';
import { TfjsGraphBuilder, attr, runTfjs } from '../../../helpers/tfjs-graph-builder.js';
import type { TfjsFeed } from '../../../helpers/tfjs-graph-builder.js';

const random = createRandom(7);
const floats = (n: number, scale = 1): number[] => Array.from({ length: n }, () => random.gaussian(0, scale));
const count = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

const covered = new Set<string>();

interface Case {
  graph: TfjsGraphBuilder;
  feeds: Record<string, TfjsFeed>;
  outputs: string[];
  /** Absolute tolerance, relative to max(1, |expected|). */
  tolerance?: number;
}

/** Runs a case in TF.js and converted in onnxruntime; expects equal shapes and values. */
async function expectSameAsTfjs({ graph, feeds, outputs, tolerance = 2e-5 }: Case): Promise<void> {
  const { json, shard } = graph.build();
  const expected = await runTfjs(json, shard, feeds, outputs);
  const converted = convertTfjsGraph(parseTfjsModelJson(structuredClone(json)), [[shard]], { outputs, floatInputs: true });
  for (const node of json.modelTopology.node) covered.add(node.op);
  const session = await createOrtSession(converted.bytes, { threads: 1 });
  try {
    const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, float32Tensor(Float32Array.from(f.data), f.shape)]));
    const actual = await runOrtSession(session, ortFeeds, 'case');
    outputs.forEach((name, k) => {
      const out = actual[converted.outputs[k]];
      expect({ name, dims: out.dims.map(Number) }).toEqual({ name, dims: expected[k].shape });
      const got = Array.from(out.data as ArrayLike<number | boolean>, Number);
      const want = Array.from(expected[k].data, Number);
      const worst = want.reduce((m, w, i) => Math.max(m, Math.abs(got[i] - w) / Math.max(1, Math.abs(w))), 0);
      if (!(worst <= tolerance)) throw new Error(`${name}: max relative difference ${worst} > ${tolerance}\n got ${got.slice(0, 12).join(', ')}\nwant ${want.slice(0, 12).join(', ')}`);
    });
  } finally {
    await session.release();
  }
}

function image(g: TfjsGraphBuilder, shape: number[]): { name: string; feed: TfjsFeed } {
  g.placeholder('x', 'float32', shape);
  return { name: 'x', feed: { data: floats(count(shape)), shape } };
}

const NHWC1 = attr.ints([1, 1, 1, 1]);

describe('convolutions and pooling (NHWC in TF.js, NCHW with Transposes in ONNX)', () => {
  it.each([
    ['SAME, stride 2, odd size', [1, 7, 9, 3], [3, 3, 3, 4], { strides: attr.ints([1, 2, 2, 1]), padding: attr.str('SAME'), dilations: NHWC1 }],
    ['VALID, dilation 2', [1, 8, 8, 2], [3, 3, 2, 3], { strides: NHWC1, padding: attr.str('VALID'), dilations: attr.ints([1, 2, 2, 1]) }],
    ['EXPLICIT padding', [1, 5, 6, 2], [2, 3, 2, 2], { strides: NHWC1, padding: attr.str('EXPLICIT'), explicit_paddings: attr.ints([0, 0, 1, 2, 0, 1, 0, 0]), dilations: NHWC1 }],
  ])('Conv2D %s', async (_, inShape, filterShape, attrs) => {
    const g = new TfjsGraphBuilder();
    const x = image(g, inShape);
    g.constant('w', floats(count(filterShape)), filterShape);
    g.op('y', 'Conv2D', ['x', 'w'], { T: attr.type('float32'), data_format: attr.str('NHWC'), ...attrs });
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['y'] });
  });

  it.each([
    ['BiasAdd + Relu6, float16 weights', ['BiasAdd', 'Relu6'], 'float16', 'SAME'],
    ['BiasAdd only', ['BiasAdd'], undefined, 'VALID'],
    ['BiasAdd + Relu, uint8 weights', ['BiasAdd', 'Relu'], 'uint8', 'SAME'],
  ] as const)('_FusedConv2D %s', async (_, ops, quantize, padding) => {
    const g = new TfjsGraphBuilder();
    const x = image(g, [1, 6, 6, 3]);
    g.constant('w', floats(3 * 3 * 3 * 5, 0.5), [3, 3, 3, 5], 'float32', quantize);
    g.constant('b', floats(5), [5], 'float32', quantize);
    g.op('y', '_FusedConv2D', ['x', 'w', 'b'], {
      T: attr.type('float32'),
      data_format: attr.str('NHWC'),
      strides: attr.ints([1, 1, 1, 1]),
      dilations: NHWC1,
      padding: attr.str(padding),
      fused_ops: attr.strs([...ops]),
      num_args: attr.int(1),
      epsilon: attr.float(0),
    });
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['y'] });
  });

  it('DepthwiseConv2dNative (channel multiplier 2, SAME, stride 2) and the fused form', async () => {
    const g = new TfjsGraphBuilder();
    const x = image(g, [1, 7, 8, 3]);
    g.constant('dw', floats(3 * 3 * 3 * 2), [3, 3, 3, 2]);
    g.op('d', 'DepthwiseConv2dNative', ['x', 'dw'], { T: attr.type('float32'), data_format: attr.str('NHWC'), strides: attr.ints([1, 2, 2, 1]), dilations: NHWC1, padding: attr.str('SAME') });
    g.constant('dw2', floats(3 * 3 * 6), [3, 3, 6, 1], 'float32', 'float16');
    g.constant('b2', floats(6), [6]);
    g.op('f', 'FusedDepthwiseConv2dNative', ['d', 'dw2', 'b2'], {
      T: attr.type('float32'),
      data_format: attr.str('NHWC'),
      strides: NHWC1,
      dilations: NHWC1,
      padding: attr.str('SAME'),
      fused_ops: attr.strs(['BiasAdd', 'Relu6']),
      num_args: attr.int(1),
    });
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['d', 'f'] });
  });

  it.each([
    ['SAME, stride 2, even output', [1, 8, 6, 2], 'SAME', 2],
    ['SAME, stride 2, odd output', [1, 7, 5, 2], 'SAME', 2],
    ['VALID, stride 2', [1, 9, 7, 2], 'VALID', 2],
  ] as const)('Conv2DBackpropInput %s', async (_, outShape, padding, stride) => {
    const g = new TfjsGraphBuilder();
    const inH = padding === 'SAME' ? Math.ceil(outShape[1] / stride) : Math.floor((outShape[1] - 3) / stride) + 1;
    const inW = padding === 'SAME' ? Math.ceil(outShape[2] / stride) : Math.floor((outShape[2] - 3) / stride) + 1;
    const x = image(g, [1, inH, inW, 4]);
    g.constant('sizes', [...outShape], [4], 'int32');
    g.constant('w', floats(3 * 3 * 2 * 4), [3, 3, 2, 4]);
    g.op('y', 'Conv2DBackpropInput', ['sizes', 'w', 'x'], { T: attr.type('float32'), data_format: attr.str('NHWC'), strides: attr.ints([1, stride, stride, 1]), dilations: NHWC1, padding: attr.str(padding) });
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['y'] });
  });

  it('MaxPool (SAME, odd size) and AvgPool (SAME averages valid pixels only; VALID)', async () => {
    const g = new TfjsGraphBuilder();
    const x = image(g, [1, 7, 9, 3]);
    const pool = (ksize: number, stride: number, padding: string) => ({
      T: attr.type('float32'),
      data_format: attr.str('NHWC'),
      ksize: attr.ints([1, ksize, ksize, 1]),
      strides: attr.ints([1, stride, stride, 1]),
      padding: attr.str(padding),
    });
    g.op('max', 'MaxPool', ['x'], pool(5, 2, 'SAME'));
    g.op('avg', 'AvgPool', ['x'], pool(3, 1, 'SAME'));
    g.op('avgValid', 'AvgPool', ['x'], pool(3, 3, 'VALID'));
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['max', 'avg', 'avgValid'] });
  });

  it.each([
    ['half-pixel centres', { align_corners: attr.bool(false), half_pixel_centers: attr.bool(true) }],
    ['aligned corners', { align_corners: attr.bool(true), half_pixel_centers: attr.bool(false) }],
    ['neither (asymmetric)', { align_corners: attr.bool(false), half_pixel_centers: attr.bool(false) }],
  ])('ResizeBilinear, %s, to a constant size and to a size computed from Shape', async (_, attrs) => {
    const g = new TfjsGraphBuilder();
    const x = image(g, [1, 5, 4, 2]);
    g.constant('size', [9, 7], [2], 'int32');
    g.op('fixed', 'ResizeBilinear', ['x', 'size'], { T: attr.type('float32'), ...attrs });
    // MultiPose's up-sampling: size = Shape(x)[1:3] * 2
    g.op('shape', 'Shape', ['x'], { T: attr.type('float32'), out_type: attr.type('int32') });
    g.constant('b', [1], [1], 'int32');
    g.constant('e', [3], [1], 'int32');
    g.constant('s', [1], [1], 'int32');
    g.op('hw', 'StridedSlice', ['shape', 'b', 'e', 's'], { T: attr.type('int32'), Index: attr.type('int32'), begin_mask: attr.int(0), end_mask: attr.int(0), ellipsis_mask: attr.int(0), new_axis_mask: attr.int(0), shrink_axis_mask: attr.int(0) });
    g.constant('two', [2, 2], [2], 'int32');
    g.op('size2', 'Mul', ['hw', 'two'], { T: attr.type('int32') });
    g.op('double', 'ResizeBilinear', ['x', 'size2'], { T: attr.type('float32'), ...attrs });
    await expectSameAsTfjs({ graph: g, feeds: { x: x.feed }, outputs: ['fixed', 'double'] });
  });
});

describe('element-wise ops', () => {
  it('arithmetic and activations with broadcasting', async () => {
    const g = new TfjsGraphBuilder();
    const shape = [2, 3, 4];
    g.placeholder('a', 'float32', shape);
    g.constant('c', floats(4), [4]);
    g.constant('c2', floats(3 * 4), [3, 4], 'float32', 'float16');
    const T = { T: attr.type('float32') };
    for (const [name, op, inputs] of [
      ['add', 'Add', ['a', 'c']],
      ['addv2', 'AddV2', ['a', 'c2']],
      ['bias', 'BiasAdd', ['a', 'c']],
      ['sub', 'Sub', ['c', 'a']],
      ['mul', 'Mul', ['a', 'c2']],
      ['div', 'RealDiv', ['a', 'c']],
      ['min', 'Minimum', ['a', 'c']],
      ['max', 'Maximum', ['a', 'c2']],
      ['sqd', 'SquaredDifference', ['a', 'c']],
      ['abs', 'Abs', ['a']],
      ['exp', 'Exp', ['a']],
      ['sig', 'Sigmoid', ['a']],
      ['sqrt', 'Sqrt', ['abs']],
      ['rec', 'Reciprocal', ['c2']],
      ['relu', 'Relu', ['a']],
      ['relu6', 'Relu6', ['mul']],
      ['id', 'Identity', ['relu6']],
    ] as const) {
      g.op(name, op, [...inputs], T);
    }
    g.op('addn', 'AddN', ['a', 'mul', 'sub'], { ...T, N: attr.int(3) });
    const outputs = ['add', 'addv2', 'bias', 'sub', 'mul', 'div', 'min', 'max', 'sqd', 'abs', 'exp', 'sig', 'sqrt', 'rec', 'relu', 'relu6', 'id', 'addn'];
    await expectSameAsTfjs({ graph: g, feeds: { a: { data: floats(24, 3), shape } }, outputs, tolerance: 1e-5 });
  });

  it('comparisons, logic, Select and casts (float -> int32 truncates, bool -> float)', async () => {
    const g = new TfjsGraphBuilder();
    g.placeholder('a', 'float32', [3, 4]);
    g.constant('t', [0.5], [], 'float32');
    const T = { T: attr.type('float32') };
    g.op('less', 'Less', ['a', 't'], T);
    g.op('greater', 'Greater', ['a', 't'], T);
    g.op('ge', 'GreaterEqual', ['a', 't'], T);
    g.op('ai', 'Cast', ['a'], { SrcT: attr.type('float32'), DstT: attr.type('int32') });
    g.constant('one', [1], [], 'int32');
    g.op('eq', 'Equal', ['ai', 'one'], { T: attr.type('int32') });
    g.op('and', 'LogicalAnd', ['ge', 'eq']);
    g.constant('zeros', new Array(12).fill(0), [3, 4]);
    g.op('sel', 'Select', ['greater', 'a', 'zeros'], T);
    g.op('sel2', 'SelectV2', ['less', 'a', 't'], T);
    g.op('andf', 'Cast', ['and'], { SrcT: attr.type('bool'), DstT: attr.type('float32') });
    g.op('same', 'Cast', ['a'], { SrcT: attr.type('float32'), DstT: attr.type('float32') });
    const data = [-1.7, -0.5, 0, 0.5, 0.7, 1, 1.2, 1.99, 2.5, -2.5, 3, 0.49];
    await expectSameAsTfjs({ graph: g, feeds: { a: { data, shape: [3, 4] } }, outputs: ['less', 'greater', 'ge', 'ai', 'eq', 'and', 'sel', 'sel2', 'andf', 'same'] });
  });

  it('FloorDiv on integers (negative operands round down) and floats', async () => {
    const g = new TfjsGraphBuilder();
    g.placeholder('a', 'int32', [8]);
    g.constant('b', [3, -3, 3, -3, 5, 2, 7, -7], [8], 'int32');
    g.op('q', 'FloorDiv', ['a', 'b'], { T: attr.type('int32') });
    g.op('af', 'Cast', ['a'], { SrcT: attr.type('int32'), DstT: attr.type('float32') });
    g.constant('bf', [2.5], [], 'float32');
    g.op('qf', 'FloorDiv', ['af', 'bf'], { T: attr.type('float32') });
    g.op('prod', 'Mul', ['q', 'b'], { T: attr.type('int32') });
    g.op('rem', 'Sub', ['a', 'prod'], { T: attr.type('int32') });
    g.op('lo', 'Minimum', ['a', 'b'], { T: attr.type('int32') });
    g.op('hi', 'Maximum', ['a', 'b'], { T: attr.type('int32') });
    await expectSameAsTfjs({ graph: g, feeds: { a: { data: [7, 7, -7, -7, 0, -1, 13, 13], shape: [8], dtype: 'int32' } }, outputs: ['q', 'qf', 'rem', 'lo', 'hi'] });
  });
});

describe('shape, slicing, gathering and reductions', () => {
  const int = { T: attr.type('int32') };
  const float = { T: attr.type('float32') };

  function slice(g: TfjsGraphBuilder, name: string, input: string, begin: number[], end: number[], strides: number[], masks: Partial<Record<'begin_mask' | 'end_mask' | 'new_axis_mask' | 'shrink_axis_mask', number>>): string {
    g.constant(`${name}/b`, begin, [begin.length], 'int32');
    g.constant(`${name}/e`, end, [end.length], 'int32');
    g.constant(`${name}/s`, strides, [strides.length], 'int32');
    return g.op(name, 'StridedSlice', [input, `${name}/b`, `${name}/e`, `${name}/s`], {
      ...float,
      Index: attr.type('int32'),
      begin_mask: attr.int(masks.begin_mask ?? 0),
      end_mask: attr.int(masks.end_mask ?? 0),
      ellipsis_mask: attr.int(0),
      new_axis_mask: attr.int(masks.new_axis_mask ?? 0),
      shrink_axis_mask: attr.int(masks.shrink_axis_mask ?? 0),
    });
  }

  it('StridedSlice: ranges, masks, negative begin and stride, shrink and new axes', async () => {
    const g = new TfjsGraphBuilder();
    const shape = [2, 5, 6];
    g.placeholder('x', 'float32', shape);
    slice(g, 'range', 'x', [0, 1, 1], [2, 4, 6], [1, 2, 2], {});
    slice(g, 'masked', 'x', [1, 3, 0], [0, 0, 4], [1, 1, 1], { begin_mask: 1, end_mask: 2 });
    slice(g, 'shrinkLast', 'x', [0, -1], [0, 0], [1, 1], { begin_mask: 1, end_mask: 1, shrink_axis_mask: 2 });
    slice(g, 'reverse', 'x', [0, -1, 5], [2, 0, 0], [1, -2, -1], { begin_mask: 1, end_mask: 5 });
    // MultiPose: x[:, :, tf.newaxis] and x[tf.newaxis, ..., 0]-like patterns
    slice(g, 'newAxis', 'x', [0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1], { begin_mask: 11, end_mask: 11, new_axis_mask: 4 });
    slice(g, 'newShrink', 'x', [0, 0, 2], [0, 0, 3], [1, 1, 1], { new_axis_mask: 1, begin_mask: 2, end_mask: 2, shrink_axis_mask: 4 });
    await expectSameAsTfjs({ graph: g, feeds: { x: { data: floats(60), shape } }, outputs: ['range', 'masked', 'shrinkLast', 'reverse', 'newAxis', 'newShrink'] });
  });

  it('Reshape, Squeeze, ExpandDims, Shape, Size, Pack, Unpack, Split, ConcatV2, Tile, Fill, Range', async () => {
    const g = new TfjsGraphBuilder();
    g.placeholder('x', 'float32', [1, 4, 6]);
    g.constant('newShape', [3, -1], [2], 'int32');
    g.op('reshaped', 'Reshape', ['x', 'newShape'], { ...float, Tshape: attr.type('int32') });
    g.op('squeezed', 'Squeeze', ['x'], { ...float, squeeze_dims: attr.ints([0]) });
    g.op('squeezedAll', 'Squeeze', ['x'], { ...float, squeeze_dims: attr.ints([]) });
    g.constant('axis', [-1], [], 'int32');
    g.op('expanded', 'ExpandDims', ['squeezed', 'axis'], { ...float, Tdim: attr.type('int32') });
    g.op('shape', 'Shape', ['expanded'], { ...float, out_type: attr.type('int32') });
    g.op('size', 'Size', ['x'], { ...float, out_type: attr.type('int32') });
    g.op('packed', 'Pack', ['squeezed', 'squeezed'], { ...float, N: attr.int(2), axis: attr.int(1) });
    g.op('packedInts', 'Pack', ['size', 'size', 'size'], { ...int, N: attr.int(3), axis: attr.int(0) });
    g.op('unpacked', 'Unpack', ['squeezed'], { ...float, num: attr.int(4), axis: attr.int(0) });
    g.constant('splitDim', [1], [], 'int32');
    g.op('split', 'Split', ['splitDim', 'squeezed'], { ...float, num_split: attr.int(3) });
    g.constant('concatAxis', [0], [], 'int32');
    g.op('concat', 'ConcatV2', ['unpacked:3', 'unpacked:0', 'concatAxis'], { ...float, N: attr.int(2), Tidx: attr.type('int32') });
    g.constant('multiples', [2, 1], [2], 'int32');
    g.op('tiled', 'Tile', ['squeezed', 'multiples'], { ...float, Tmultiples: attr.type('int32') });
    g.constant('value', [1.5], [], 'float32');
    g.op('filled', 'Fill', ['packedInts', 'value'], { ...float, index_type: attr.type('int32') });
    g.constant('r0', [2], [], 'int32');
    g.constant('rd', [3], [], 'int32');
    g.op('range', 'Range', ['r0', 'size', 'rd'], { Tidx: attr.type('int32') });
    g.constant('f0', [0.5], [], 'float32');
    g.constant('f1', [3.2], [], 'float32');
    g.constant('fd', [0.7], [], 'float32');
    g.op('rangeF', 'Range', ['f0', 'f1', 'fd'], { Tidx: attr.type('float32') });
    const outputs = ['reshaped', 'squeezed', 'squeezedAll', 'expanded', 'shape', 'size', 'packed', 'unpacked:0', 'unpacked:3', 'split:2', 'concat', 'tiled', 'filled', 'range', 'rangeF'];
    await expectSameAsTfjs({ graph: g, feeds: { x: { data: floats(24), shape: [1, 4, 6] } }, outputs });
  });

  it('ArgMax, TopKV2 (values and indices), GatherNd, Max and Sum (with and without keep_dims)', async () => {
    const g = new TfjsGraphBuilder();
    g.placeholder('x', 'float32', [3, 5]);
    g.constant('dim', [1], [], 'int32');
    g.op('argmax', 'ArgMax', ['x', 'dim'], { ...float, Tidx: attr.type('int32'), output_type: attr.type('int32') });
    g.constant('k', [3], [], 'int32');
    g.op('topk', 'TopKV2', ['x', 'k'], { ...float, sorted: attr.bool(true) });
    g.constant('one', [1], [], 'int32');
    g.op('row', 'ExpandDims', ['argmax', 'one'], { ...int, Tdim: attr.type('int32') });
    g.constant('rows', [0, 1, 2], [3, 1], 'int32');
    g.constant('concatAxis', [1], [], 'int32');
    g.op('indices', 'ConcatV2', ['rows', 'row', 'concatAxis'], { ...int, N: attr.int(2), Tidx: attr.type('int32') });
    g.op('gathered', 'GatherNd', ['x', 'indices'], { Tparams: attr.type('float32'), Tindices: attr.type('int32') });
    g.op('gatheredRows', 'GatherNd', ['x', 'rows'], { Tparams: attr.type('float32'), Tindices: attr.type('int32') });
    g.op('max', 'Max', ['x', 'dim'], { ...float, Tidx: attr.type('int32'), keep_dims: attr.bool(false) });
    g.constant('both', [0, 1], [2], 'int32');
    g.op('sum', 'Sum', ['x', 'both'], { ...float, Tidx: attr.type('int32'), keep_dims: attr.bool(false) });
    g.op('sumKeep', 'Sum', ['x', 'dim'], { ...float, Tidx: attr.type('int32'), keep_dims: attr.bool(true) });
    g.op('maxKeep', 'Max', ['x', 'dim'], { ...float, Tidx: attr.type('int32'), keep_dims: attr.bool(true) });
    const outputs = ['argmax', 'topk', 'topk:1', 'gathered', 'gatheredRows', 'max', 'sum', 'sumKeep', 'maxKeep'];
    await expectSameAsTfjs({ graph: g, feeds: { x: { data: floats(15), shape: [3, 5] } }, outputs });
  });
});

describe('converter checks', () => {
  it('names every unsupported op of the graph at once', () => {
    const g = new TfjsGraphBuilder();
    g.placeholder('x', 'float32', [2]);
    g.op('a', 'Erf', ['x']);
    g.op('b', 'Cumsum', ['a']);
    const { json, shard } = g.build(['b']);
    expect(() => convertTfjsGraph(json, [[shard]])).toThrow(/does not support: Cumsum, Erf/);
  });
});

afterAll(() => {
  // every op the converter maps is exercised above against TF.js
  expect([...Object.keys(TFJS_OP_MAPPERS)].filter((op) => !covered.has(op)).sort()).toEqual([]);
});
