/**
 * Building tiny ONNX models in tests (no weights exist on the test machines). A fluent builder
 * over the project's protobuf encoder (orchestrator/src/models/onnx-encoder.ts: ModelProto, IR
 * 8, default opset 13+): graph inputs/outputs with fixed or symbolic dims, float/int
 * initializers, nodes with INT/INTS/FLOAT/FLOATS/STRING/TENSOR attributes.
 *
 * ```ts
 * const b = new OnnxGraphBuilder('tiny');
 * b.input('image', 'float32', ['batch', 3, 8, 4]);
 * const w = b.initializer('w', new Float32Array(2 * 3 * 3 * 3).fill(0.1), [2, 3, 3, 3]);
 * const y = b.node('Conv', ['image', w], { pads: [1, 1, 1, 1] });   // returns the output name
 * b.output(b.node('Relu', [y]), 'float32', ['batch', 2, 8, 4]);
 * const session = await createOrtSession(b.build());
 * ```
 * Numbers in attributes become INT when integral and FLOAT otherwise; wrap with `onnxFloat`
 * or `onnxFloats` (re-exported here) for integral floats such as `alpha: onnxFloat(1)`.
 *
 * Ready-made models for the stages: {@link reidEmbeddingModel} (image -> [batch, dim]
 * embedding) and {@link featureMapModel} (image 1x3x384x128 -> a [batch, C, H, W] map).
 */
import { encodeOnnxModel, onnxFloat, onnxFloats, onnxInts } from '../../orchestrator/src/models/onnx-encoder.js';
import type { OnnxAttributeValue, OnnxDim, OnnxElementType, OnnxNode, OnnxTensor, OnnxValueInfo } from '../../orchestrator/src/models/onnx-encoder.js';
import { createRandom } from '../../orchestrator/src/shared/random.js';

export { encodeOnnxModel, onnxFloat, onnxFloats, onnxInts };
export type { OnnxAttributeValue, OnnxDim, OnnxElementType };

export class OnnxGraphBuilder {
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly initializers: OnnxTensor[] = [];
  private readonly nodes: OnnxNode[] = [];
  private counter = 0;

  constructor(readonly name = 'test_graph') {}

  /** Declares a graph input; returns its name. */
  input(name: string, type: OnnxElementType, shape?: readonly OnnxDim[]): string {
    this.inputs.push({ name, type, shape });
    return name;
  }

  /** Declares a graph output (an existing value); returns its name. */
  output(name: string, type: OnnxElementType = 'float32', shape?: readonly OnnxDim[]): string {
    this.outputs.push({ name, type, shape });
    return name;
  }

  /** Adds a constant tensor (float32 unless `type` says otherwise); returns its name. */
  initializer(name: string, values: ArrayLike<number> | ArrayLike<bigint>, dims: readonly number[], type: OnnxElementType = 'float32'): string {
    this.initializers.push({ name, type, dims, values });
    return name;
  }

  /**
   * Adds a node. Returns its first output's name; outputs are generated unless given
   * (`outputs` count defaults to 1).
   */
  node(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttributeValue> = {}, outputs?: readonly string[]): string {
    const outs = outputs ?? [`${opType.toLowerCase()}_${this.counter++}`];
    this.nodes.push({ opType, inputs, outputs: outs, attributes });
    return outs[0];
  }

  /** The ModelProto bytes. */
  build(opset = 13): Uint8Array {
    return encodeOnnxModel({
      opset,
      graph: { name: this.name, inputs: this.inputs, outputs: this.outputs, initializers: this.initializers, nodes: this.nodes },
    });
  }
}

export interface ReidModelOptions {
  inputName?: string;
  outputName?: string;
  layout?: 'NCHW' | 'NHWC';
  heightPx?: number;
  widthPx?: number;
  dim?: number;
  /** A fixed batch size instead of the symbolic "batch". */
  batch?: number;
  seed?: number;
}

/**
 * A small re-ID-like embedding model: Conv 3x3 (8 channels) -> Relu -> GlobalAveragePool ->
 * Flatten -> MatMul to `dim`, with seeded weights. NHWC inputs are transposed first.
 */
export function reidEmbeddingModel(options: ReidModelOptions = {}): Uint8Array {
  const { inputName = 'images', outputName = 'embedding', layout = 'NCHW', heightPx = 32, widthPx = 16, dim = 12, seed = 1 } = options;
  const random = createRandom(seed);
  const b = new OnnxGraphBuilder('reid_embedding');
  const batch: OnnxDim = options.batch ?? 'batch';
  let x = b.input(inputName, 'float32', layout === 'NCHW' ? [batch, 3, heightPx, widthPx] : [batch, heightPx, widthPx, 3]);
  if (layout === 'NHWC') x = b.node('Transpose', [x], { perm: [0, 3, 1, 2] });
  const w = b.initializer('conv_w', Float32Array.from({ length: 8 * 3 * 9 }, () => random.gaussian(0, 0.3)), [8, 3, 3, 3]);
  const bias = b.initializer('conv_b', Float32Array.from({ length: 8 }, () => random.gaussian(0, 0.1)), [8]);
  const conv = b.node('Conv', [x, w, bias], { pads: [1, 1, 1, 1], kernel_shape: [3, 3] });
  const pooled = b.node('GlobalAveragePool', [b.node('Relu', [conv])]);
  const flat = b.node('Flatten', [pooled], { axis: 1 });
  const proj = b.initializer('proj', Float32Array.from({ length: 8 * dim }, () => random.gaussian(0, 1)), [8, dim]);
  b.node('MatMul', [flat, proj], {}, [outputName]);
  b.output(outputName, 'float32', [batch, dim]);
  return b.build(13);
}

export interface FeatureMapModelOptions {
  inputName?: string;
  outputName?: string;
  heightPx?: number;
  widthPx?: number;
  channels?: number;
  /** Downsampling factor (stride of the strided convolution), default 16: 384x128 -> 24x8. */
  stride?: number;
  seed?: number;
}

/**
 * A backbone-like feature-map model: image [batch, 3, H, W] -> Conv k=stride, stride=stride
 * (patchify, `channels` filters) -> Relu -> [batch, channels, H / stride, W / stride].
 */
export function featureMapModel(options: FeatureMapModelOptions = {}): Uint8Array {
  const { inputName = 'image', outputName = 'features', heightPx = 384, widthPx = 128, channels = 8, stride = 16, seed = 2 } = options;
  const random = createRandom(seed);
  const b = new OnnxGraphBuilder('feature_map');
  const x = b.input(inputName, 'float32', ['batch', 3, heightPx, widthPx]);
  const w = b.initializer('patch_w', Float32Array.from({ length: channels * 3 * stride * stride }, () => random.gaussian(0, 0.05)), [channels, 3, stride, stride]);
  const conv = b.node('Conv', [x, w], { kernel_shape: [stride, stride], strides: [stride, stride] });
  b.node('Relu', [conv], {}, [outputName]);
  b.output(outputName, 'float32', ['batch', channels, heightPx / stride, widthPx / stride]);
  return b.build(13);
}
