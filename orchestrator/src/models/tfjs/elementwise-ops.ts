/**
 * TensorFlow element-wise ops to ONNX: arithmetic, comparisons, logic, activations, casts.
 * Broadcasting is numpy-style on both sides, so binary ops map one to one.
 */
import { ONNX_TYPE_CODE, dtypeFromTf } from './op-context.js';
import type { OpContext, ValueRef } from './op-context.js';

export type OpMapper = (ctx: OpContext) => ValueRef[];

function binary(onnxOp: string, out?: 'bool'): OpMapper {
  return (ctx) => [{ name: ctx.emit(onnxOp, [ctx.input(0), ctx.input(1)]), dtype: out ?? ctx.ref(0).dtype }];
}

function unary(onnxOp: string): OpMapper {
  return (ctx) => [{ name: ctx.emit(onnxOp, [ctx.input(0)]), dtype: ctx.ref(0).dtype }];
}

/** floor(a / b): Floor(Div) for floats; for integers (a - mod(a, b)) / b, which divides exactly. */
const floorDiv: OpMapper = (ctx) => {
  const [a, b] = [ctx.input(0), ctx.input(1)];
  const dtype = ctx.ref(0).dtype;
  if (dtype === 'float32') return [{ name: ctx.emit('Floor', [ctx.emit('Div', [a, b], {}, '/div')]), dtype }];
  // ONNX Mod with fmod=0 takes the divisor's sign, as Python's %, so a - mod is a multiple of b
  const mod = ctx.emit('Mod', [a, b], { fmod: 0 }, '/mod');
  return [{ name: ctx.emit('Div', [ctx.emit('Sub', [a, mod], {}, '/sub'), b]), dtype }];
};

const squaredDifference: OpMapper = (ctx) => {
  const diff = ctx.emit('Sub', [ctx.input(0), ctx.input(1)], {}, '/sub');
  return [{ name: ctx.emit('Mul', [diff, diff]), dtype: ctx.ref(0).dtype }];
};

const addN: OpMapper = (ctx) => {
  const inputs = ctx.inputs.map((_, i) => ctx.input(i));
  return [{ name: inputs.length === 1 ? ctx.emit('Identity', inputs) : ctx.emit('Sum', inputs), dtype: ctx.ref(0).dtype }];
};

const relu6: OpMapper = (ctx) => [{ name: ctx.emit('Clip', [ctx.input(0), ctx.writer.scalar(0), ctx.writer.scalar(6)]), dtype: 'float32' }];

const cast: OpMapper = (ctx) => {
  const to = dtypeFromTf(ctx.attrs.type('DstT'), ctx.node.name);
  if (to === ctx.ref(0).dtype) return [ctx.ref(0)];
  return [{ name: ctx.emit('Cast', [ctx.input(0)], { to: ONNX_TYPE_CODE[to] }), dtype: to }];
};

const identity: OpMapper = (ctx) => [ctx.ref(0)];

/** `cond ? x : y`. TensorFlow's old Select also allows a vector `cond` over the first axis of x; these graphs do not use that form. */
const select: OpMapper = (ctx) => [{ name: ctx.emit('Where', [ctx.input(0), ctx.input(1), ctx.input(2)]), dtype: ctx.ref(1).dtype }];

export const ELEMENTWISE_OPS: Readonly<Record<string, OpMapper>> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  BiasAdd: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  FloorDiv: floorDiv,
  Minimum: binary('Min'),
  Maximum: binary('Max'),
  SquaredDifference: squaredDifference,
  AddN: addN,
  Less: binary('Less', 'bool'),
  Greater: binary('Greater', 'bool'),
  GreaterEqual: binary('GreaterOrEqual', 'bool'),
  Equal: binary('Equal', 'bool'),
  LogicalAnd: binary('And', 'bool'),
  Abs: unary('Abs'),
  Exp: unary('Exp'),
  Sigmoid: unary('Sigmoid'),
  Sqrt: unary('Sqrt'),
  Reciprocal: unary('Reciprocal'),
  Relu: unary('Relu'),
  Relu6: relu6,
  Cast: cast,
  Identity: identity,
  Select: select,
  SelectV2: select,
};
