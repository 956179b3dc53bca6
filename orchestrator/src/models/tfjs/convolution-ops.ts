/**
 * TensorFlow's NHWC image ops to ONNX's NCHW ones: convolutions (plain, fused with bias and an
 * activation, depthwise, transposed), pooling and bilinear resizing. Each is wrapped in a pair
 * of Transposes (NHWC -> NCHW -> NHWC); onnxruntime's transpose optimiser cancels the pairs
 * between consecutive image ops, so the converted graph runs in NCHW throughout.
 *
 * Constant filters are re-laid out at conversion time: HWIO -> OIHW for Conv, [H, W, C, M] ->
 * [C*M, 1, H, W] for depthwise Conv (group = C), [H, W, out, in] -> [in, out, H, W] for
 * ConvTranspose.
 */
import type { OnnxAttributeValue } from '../onnx-encoder.js';
import { onnxFloat } from '../onnx-encoder.js';
import type { OpMapper } from './elementwise-ops.js';
import type { OpContext, ValueRef } from './op-context.js';
import type { ConstantTensor } from './tfjs-weights.js';

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

/** A constant's data permuted by `perm` (numpy transpose), with a reshape to `outShape`. */
export function permuteConstant(tensor: ConstantTensor, perm: readonly number[], outShape?: number[]): ConstantTensor {
  const shape = tensor.shape;
  const rank = shape.length;
  const permuted = perm.map((p) => shape[p]);
  const strides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) strides[a] = strides[a + 1] * shape[a + 1];
  const src = tensor.data;
  const out = new (src.constructor as Float32ArrayConstructor)(src.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let offset = 0;
    for (let a = 0; a < rank; a++) offset += index[a] * strides[perm[a]];
    out[o] = src[offset];
    for (let a = rank - 1; a >= 0; a--) {
      if (++index[a] < permuted[a]) break;
      index[a] = 0;
    }
  }
  return { dtype: tensor.dtype, shape: outShape ?? permuted, data: out };
}

function constantFilter(ctx: OpContext, i: number): ConstantTensor {
  const ref = ctx.ref(i);
  if (!ref.constant || ref.constant.shape.length !== 4) return ctx.fail(`the filter (input ${i}) must be a constant 4-D tensor`);
  return ref.constant;
}

function writeConstant(ctx: OpContext, base: string, tensor: ConstantTensor): string {
  return ctx.writer.tensor(base, 'float32', tensor.shape, tensor.data);
}

function spatial(ctx: OpContext, name: string): [number, number] {
  const values = ctx.attrs.ints(name, [1, 1, 1, 1]);
  if (values.length === 2) return [values[0], values[1]];
  if (values.length !== 4) return ctx.fail(`${name} must have 4 entries (NHWC)`);
  return [values[1], values[2]];
}

/** ONNX padding attributes for TF's `padding` (SAME, VALID or EXPLICIT with explicit_paddings). */
function paddingAttributes(ctx: OpContext): Record<string, OnnxAttributeValue> {
  const padding = ctx.attrs.string('padding', 'VALID');
  if (padding === 'SAME') return { auto_pad: 'SAME_UPPER' };
  if (padding === 'VALID') return { auto_pad: 'VALID' };
  if (padding === 'EXPLICIT') {
    const p = ctx.attrs.ints('explicit_paddings');
    if (p.length !== 8) return ctx.fail('explicit_paddings must have 8 entries');
    return { pads: [p[2], p[4], p[3], p[5]] };
  }
  return ctx.fail(`padding "${padding}" is not supported`);
}

function checkNhwc(ctx: OpContext): void {
  const format = ctx.attrs.string('data_format', 'NHWC');
  if (format !== 'NHWC') ctx.fail(`data_format ${format} is not supported (NHWC only)`);
}

function toNchw(ctx: OpContext, value: string): string {
  return ctx.emit('Transpose', [value], { perm: TO_NCHW }, '/nchw');
}

function toNhwc(ctx: OpContext, value: string): ValueRef[] {
  return [{ name: ctx.emit('Transpose', [value], { perm: TO_NHWC }), dtype: 'float32' }];
}

/** The activation of a fused op, applied in NCHW before transposing back. */
function activation(ctx: OpContext, op: string | undefined, value: string): string {
  switch (op) {
    case undefined:
      return value;
    case 'Relu':
      return ctx.emit('Relu', [value], {}, '/relu');
    case 'Relu6':
      return ctx.emit('Clip', [value, ctx.writer.scalar(0), ctx.writer.scalar(6)], {}, '/relu6');
    case 'Elu':
      return ctx.emit('Elu', [value], {}, '/elu');
    case 'Sigmoid':
      return ctx.emit('Sigmoid', [value], {}, '/sigmoid');
    case 'LeakyRelu':
      return ctx.emit('LeakyRelu', [value], { alpha: onnxFloat(ctx.attrs.float('leakyrelu_alpha', 0.2)) }, '/leaky');
    default:
      return ctx.fail(`fused activation ${op} is not supported`);
  }
}

/** Conv2D, DepthwiseConv2dNative and their fused forms (`fused_ops` = [BiasAdd, activation?]). */
function convolution(depthwise: boolean, fused: boolean): OpMapper {
  return (ctx) => {
    checkNhwc(ctx);
    const filter = constantFilter(ctx, 1);
    const [kh, kw, cin, cout] = filter.shape;
    const weights = depthwise ? permuteConstant(filter, [2, 3, 0, 1], [cin * cout, 1, kh, kw]) : permuteConstant(filter, [3, 2, 0, 1]);
    const inputs = [toNchw(ctx, ctx.input(0)), writeConstant(ctx, `${ctx.node.name}/weights`, weights)];
    let act: string | undefined;
    if (fused) {
      const ops = ctx.attrs.strings('fused_ops');
      if (ops[0] !== 'BiasAdd' || ops.length > 2) ctx.fail(`fused_ops [${ops.join(', ')}] are not supported (BiasAdd and one activation)`);
      if (ctx.attrs.int('num_args', 1) !== 1) ctx.fail('only a bias argument is supported');
      inputs.push(ctx.input(2));
      act = ops[1];
    }
    const attributes: Record<string, OnnxAttributeValue> = {
      kernel_shape: [kh, kw],
      strides: spatial(ctx, 'strides'),
      dilations: spatial(ctx, 'dilations'),
      group: depthwise ? cin : 1,
      ...paddingAttributes(ctx),
    };
    const conv = ctx.emit('Conv', inputs, attributes, '/conv');
    return toNhwc(ctx, activation(ctx, act, conv));
  };
}

/** Output size, begin/end pads and output padding of a transposed convolution along one axis. */
export function transposedConvGeometry(outSize: number, kernel: number, stride: number, dilation: number, padding: string, explicit?: [number, number]): { pads: [number, number]; outputPadding: number } {
  const extent = (kernel - 1) * dilation + 1;
  let inSize: number;
  let pads: [number, number];
  if (padding === 'SAME') {
    // the forward SAME convolution of outSize gives ceil(outSize / stride); its pads are the gradient's
    inSize = Math.ceil(outSize / stride);
    const total = Math.max((inSize - 1) * stride + extent - outSize, 0);
    pads = [Math.floor(total / 2), total - Math.floor(total / 2)];
  } else if (padding === 'VALID') {
    inSize = Math.floor((outSize - extent) / stride) + 1;
    pads = [0, 0];
  } else {
    pads = explicit ?? [0, 0];
    inSize = Math.floor((outSize + pads[0] + pads[1] - extent) / stride) + 1;
  }
  return { pads, outputPadding: outSize - ((inSize - 1) * stride + extent - pads[0] - pads[1]) };
}

/** Conv2DBackpropInput(input_sizes, filter, out_backprop): the transposed convolution. */
const conv2dBackpropInput: OpMapper = (ctx) => {
  checkNhwc(ctx);
  const sizes = ctx.constInts(0);
  if (sizes.length !== 4) ctx.fail('input_sizes must be a constant [N, H, W, C]');
  const filter = constantFilter(ctx, 1);
  const [kh, kw] = filter.shape;
  const [sh, sw] = spatial(ctx, 'strides');
  const [dh, dw] = spatial(ctx, 'dilations');
  const padding = ctx.attrs.string('padding', 'VALID');
  const explicit = padding === 'EXPLICIT' ? ctx.attrs.ints('explicit_paddings') : undefined;
  const h = transposedConvGeometry(sizes[1], kh, sh, dh, padding, explicit && [explicit[2], explicit[3]]);
  const w = transposedConvGeometry(sizes[2], kw, sw, dw, padding, explicit && [explicit[4], explicit[5]]);
  const weights = writeConstant(ctx, `${ctx.node.name}/weights`, permuteConstant(filter, [3, 2, 0, 1]));
  const conv = ctx.emit(
    'ConvTranspose',
    [toNchw(ctx, ctx.input(2)), weights],
    {
      kernel_shape: [kh, kw],
      strides: [sh, sw],
      dilations: [dh, dw],
      pads: [h.pads[0], w.pads[0], h.pads[1], w.pads[1]],
      output_padding: [h.outputPadding, w.outputPadding],
    },
    '/deconv',
  );
  return toNhwc(ctx, conv);
};

function pool(onnxOp: 'MaxPool' | 'AveragePool'): OpMapper {
  return (ctx) => {
    checkNhwc(ctx);
    const attributes: Record<string, OnnxAttributeValue> = { kernel_shape: spatial(ctx, 'ksize'), strides: spatial(ctx, 'strides'), ...paddingAttributes(ctx) };
    // TensorFlow averages over the valid pixels only
    if (onnxOp === 'AveragePool') attributes.count_include_pad = 0;
    return toNhwc(ctx, ctx.emit(onnxOp, [toNchw(ctx, ctx.input(0))], attributes, '/pool'));
  };
}

/** ResizeBilinear(images, size [h, w]); the size may be computed in the graph. */
const resizeBilinear: OpMapper = (ctx) => {
  const alignCorners = ctx.attrs.bool('align_corners', false);
  const halfPixel = ctx.attrs.bool('half_pixel_centers', false);
  const x = toNchw(ctx, ctx.input(0));
  const batchChannels = ctx.emit('Slice', [ctx.emit('Shape', [x], {}, '/shape'), ctx.writer.int64List([0]), ctx.writer.int64List([2])], {}, '/nc');
  const sizes = ctx.emit('Concat', [batchChannels, ctx.int64(1, [2])], { axis: 0 }, '/sizes');
  const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
  const resized = ctx.emit('Resize', [x, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: mode }, '/resize');
  return toNhwc(ctx, resized);
};

export const CONVOLUTION_OPS: Readonly<Record<string, OpMapper>> = {
  Conv2D: convolution(false, false),
  _FusedConv2D: convolution(false, true),
  DepthwiseConv2dNative: convolution(true, false),
  FusedDepthwiseConv2dNative: convolution(true, true),
  Conv2DBackpropInput: conv2dBackpropInput,
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
  ResizeBilinear: resizeBilinear,
};
