/**
 * TensorFlow's shape, slicing, gathering and reduction ops to ONNX. Axes, begin/end/strides and
 * split counts must be constants (they are in converted Keras/TF-Hub graphs); shapes, sizes,
 * repeats and indices may be computed in the graph and are cast to int64 where ONNX wants it.
 */
import { ONNX_TYPE_CODE, dtypeFromTf } from './op-context.js';
import type { OpContext, ValueRef } from './op-context.js';
import type { OpMapper } from './elementwise-ops.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

function same(ctx: OpContext, name: string): ValueRef[] {
  return [{ name, dtype: ctx.ref(0).dtype }];
}

const reshape: OpMapper = (ctx) => same(ctx, ctx.emit('Reshape', [ctx.input(0), ctx.int64(1)]));

const squeeze: OpMapper = (ctx) => {
  const axes = ctx.attrs.ints('squeeze_dims', ctx.attrs.ints('axis', []));
  const inputs = axes.length > 0 ? [ctx.input(0), ctx.writer.int64List(axes)] : [ctx.input(0)];
  return same(ctx, ctx.emit('Squeeze', inputs));
};

const expandDims: OpMapper = (ctx) => same(ctx, ctx.emit('Unsqueeze', [ctx.input(0), ctx.int64(1, [1])]));

function castToOutType(ctx: OpContext, value: string): ValueRef[] {
  const to = dtypeFromTf(ctx.attrs.type('out_type', 'DT_INT32'), ctx.node.name);
  return [{ name: to === 'int64' ? value : ctx.emit('Cast', [value], { to: ONNX_TYPE_CODE[to] }), dtype: to }];
}

const shape: OpMapper = (ctx) => castToOutType(ctx, ctx.emit('Shape', [ctx.input(0)], {}, '/int64'));
const size: OpMapper = (ctx) => castToOutType(ctx, ctx.emit('Size', [ctx.input(0)], {}, '/int64'));

/**
 * StridedSlice(x, begin, end, strides) with begin/end/shrink/new-axis masks: one Slice over the
 * input axes the spec names, then a Squeeze of the shrunk axes and an Unsqueeze of the new
 * ones. Axes past the spec are kept whole, as in TensorFlow; the ellipsis mask is not supported.
 */
const stridedSlice: OpMapper = (ctx) => {
  const [begin, end, strides] = [ctx.constInts(1), ctx.constInts(2), ctx.constInts(3)];
  const mask = (name: string): number => ctx.attrs.int(name, 0);
  if (mask('ellipsis_mask') !== 0) ctx.fail('ellipsis_mask is not supported');
  const [beginMask, endMask, newAxisMask, shrinkMask] = ['begin_mask', 'end_mask', 'new_axis_mask', 'shrink_axis_mask'].map(mask);
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  const axes: number[] = [];
  const steps: number[] = [];
  const squeezeAxes: number[] = [];
  const newAxes: number[] = [];
  let inputAxis = 0;
  let outputAxis = 0;
  for (let i = 0; i < begin.length; i++) {
    const bit = 1 << i;
    if (newAxisMask & bit) {
      newAxes.push(outputAxis++);
      continue;
    }
    if (shrinkMask & bit) {
      starts.push(BigInt(begin[i]));
      ends.push(begin[i] === -1 ? INT64_MAX : BigInt(begin[i] + 1));
      steps.push(1);
      squeezeAxes.push(inputAxis);
    } else {
      const stride = strides[i];
      if (stride === 0) ctx.fail('a stride of 0');
      starts.push(beginMask & bit ? (stride > 0 ? 0n : INT64_MAX) : BigInt(begin[i]));
      ends.push(endMask & bit ? (stride > 0 ? INT64_MAX : INT64_MIN) : BigInt(end[i]));
      steps.push(stride);
      outputAxis++;
    }
    axes.push(inputAxis++);
  }
  let value = ctx.input(0);
  if (axes.length > 0) {
    const w = ctx.writer;
    value = ctx.emit('Slice', [value, w.int64List(starts), w.int64List(ends), w.int64List(axes), w.int64List(steps)], {}, '/slice');
  }
  if (squeezeAxes.length > 0) value = ctx.emit('Squeeze', [value, ctx.writer.int64List(squeezeAxes)], {}, '/squeeze');
  if (newAxes.length > 0) value = ctx.emit('Unsqueeze', [value, ctx.writer.int64List(newAxes)], {}, '/unsqueeze');
  return same(ctx, value === ctx.input(0) ? ctx.emit('Identity', [value]) : value);
};

/** Pack (tf.stack): each input gets a new axis, then one Concat along it. */
const pack: OpMapper = (ctx) => {
  const axis = ctx.attrs.int('axis', 0);
  const axes = ctx.writer.int64List([axis]);
  const parts = ctx.inputs.map((_, i) => ctx.emit('Unsqueeze', [ctx.input(i), axes], {}, `/in${i}`));
  return same(ctx, ctx.emit('Concat', parts, { axis }));
};

/** Unpack (tf.unstack): Split into slices of one along the axis, each squeezed. */
const unpack: OpMapper = (ctx) => {
  const axis = ctx.attrs.int('axis', 0);
  const num = ctx.attrs.int('num');
  const parts = num === 1 ? [ctx.input(0)] : ctx.emitMany('Split', [ctx.input(0)], num, { axis }, '/split');
  const axes = ctx.writer.int64List([axis]);
  return parts.map((part, k) => ({ name: ctx.emit('Squeeze', [part, axes], {}, `:${k}`), dtype: ctx.ref(0).dtype }));
};

/** Split(split_dim, value) into num_split equal parts. */
const split: OpMapper = (ctx) => {
  const [axis] = ctx.constInts(0);
  const num = ctx.attrs.int('num_split');
  const value = ctx.input(1);
  const parts = num === 1 ? [ctx.emit('Identity', [value])] : ctx.emitMany('Split', [value], num, { axis });
  return parts.map((name) => ({ name, dtype: ctx.ref(1).dtype }));
};

/** ConcatV2(values..., axis). */
const concat: OpMapper = (ctx) => {
  const n = ctx.inputs.length - 1;
  const [axis] = ctx.constInts(n);
  const parts = ctx.inputs.slice(0, n).map((_, i) => ctx.input(i));
  return same(ctx, ctx.emit('Concat', parts, { axis }));
};

const tile: OpMapper = (ctx) => same(ctx, ctx.emit('Tile', [ctx.input(0), ctx.int64(1)]));

/** Fill(dims, value): the scalar expanded to the shape. */
const fill: OpMapper = (ctx) => [{ name: ctx.emit('Expand', [ctx.input(1), ctx.int64(0)]), dtype: ctx.ref(1).dtype }];

const range: OpMapper = (ctx) => same(ctx, ctx.emit('Range', [ctx.input(0), ctx.input(1), ctx.input(2)]));

const gatherNd: OpMapper = (ctx) => same(ctx, ctx.emit('GatherND', [ctx.input(0), ctx.int64(1)]));

/** TopKV2(x, k) along the last axis; indices back to int32. */
const topK: OpMapper = (ctx) => {
  const [values, indices] = ctx.emitMany('TopK', [ctx.input(0), ctx.int64(1, [1])], 2, { axis: -1, largest: 1, sorted: 1 });
  return [
    { name: values, dtype: ctx.ref(0).dtype },
    { name: ctx.emit('Cast', [indices], { to: ONNX_TYPE_CODE.int32 }, ':1'), dtype: 'int32' },
  ];
};

const argMax: OpMapper = (ctx) => {
  const [axis] = ctx.constInts(1);
  return castToOutTypeAttr(ctx, ctx.emit('ArgMax', [ctx.input(0)], { axis, keepdims: 0 }, '/int64'), 'output_type');
};

function castToOutTypeAttr(ctx: OpContext, value: string, attr: string): ValueRef[] {
  const to = dtypeFromTf(ctx.attrs.type(attr, 'DT_INT64'), ctx.node.name);
  return [{ name: to === 'int64' ? value : ctx.emit('Cast', [value], { to: ONNX_TYPE_CODE[to] }), dtype: to }];
}

/** Max/Sum(x, reduction_indices) with keep_dims; an empty axis list reduces nothing, as in TF. */
function reduction(onnxOp: 'ReduceMax' | 'ReduceSum'): OpMapper {
  return (ctx) => {
    const axes = ctx.constInts(1);
    const keepdims = ctx.attrs.bool('keep_dims', false) ? 1 : 0;
    if (axes.length === 0) return same(ctx, ctx.emit('Identity', [ctx.input(0)]));
    // opset 13: ReduceSum takes its axes as an input, ReduceMax still as an attribute
    const name = onnxOp === 'ReduceSum' ? ctx.emit(onnxOp, [ctx.input(0), ctx.writer.int64List(axes)], { keepdims }) : ctx.emit(onnxOp, [ctx.input(0)], { axes, keepdims });
    return same(ctx, name);
  };
}

export const SHAPE_OPS: Readonly<Record<string, OpMapper>> = {
  Reshape: reshape,
  Squeeze: squeeze,
  ExpandDims: expandDims,
  Shape: shape,
  Size: size,
  StridedSlice: stridedSlice,
  Pack: pack,
  Unpack: unpack,
  Split: split,
  ConcatV2: concat,
  Tile: tile,
  Fill: fill,
  Range: range,
  GatherNd: gatherNd,
  TopKV2: topK,
  ArgMax: argMax,
  Max: reduction('ReduceMax'),
  Sum: reduction('ReduceSum'),
};
