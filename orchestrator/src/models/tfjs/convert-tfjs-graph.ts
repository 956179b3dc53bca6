/**
 * TF.js graph model (model.json + weight shards) -> ONNX model bytes (opset 13), pure.
 *
 * The graph is walked back from its outputs, so only the nodes they need are converted; each
 * TensorFlow node becomes a few ONNX nodes through the op tables (elementwise-ops.ts,
 * convolution-ops.ts, shape-ops.ts). Weights are dequantised to float32 (tfjs-weights.ts);
 * tensors stay NHWC as in TensorFlow, with Transposes around the NCHW image ops that
 * onnxruntime folds away. Every op is tested against TF.js itself
 * (test/unit/models/tfjs/tfjs-ops.test.ts).
 *
 * An unsupported op fails the conversion with E_MODEL listing every unsupported op in the graph.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import { encodeOnnxModel } from '../onnx-encoder.js';
import type { OnnxDim, OnnxValueInfo } from '../onnx-encoder.js';
import { CONVOLUTION_OPS } from './convolution-ops.js';
import { ELEMENTWISE_OPS } from './elementwise-ops.js';
import type { OpMapper } from './elementwise-ops.js';
import { ONNX_TYPE_CODE, OnnxGraphWriter, OpContext, dtypeFromTf } from './op-context.js';
import type { ValueRef } from './op-context.js';
import { SHAPE_OPS } from './shape-ops.js';
import { NodeAttrs, parseInputRef } from './tfjs-model-json.js';
import type { TfjsModelJson, TfjsNodeDef } from './tfjs-model-json.js';
import { decodeTfjsWeights } from './tfjs-weights.js';
import type { ConstantTensor } from './tfjs-weights.js';

/** Part of the converted-model cache key: bump when a conversion changes its output. */
export const TFJS_CONVERTER_VERSION = 1;

/** Every TensorFlow op the converter maps. */
export const TFJS_OP_MAPPERS: Readonly<Record<string, OpMapper>> = { ...ELEMENTWISE_OPS, ...CONVOLUTION_OPS, ...SHAPE_OPS };

export interface TfjsConversionOptions {
  /** Fixed shapes for graph inputs (by placeholder name), replacing unknown (-1) dims. */
  inputShapes?: Readonly<Record<string, readonly number[]>>;
  /**
   * Declare int32 placeholders as float32 graph inputs, cast to int32 inside the graph (MoveNet
   * takes int32 pixels; the model sessions feed float32). Integer-valued floats cast exactly.
   */
  floatInputs?: boolean;
  /** Output tensors (`node` or `node:k`); default: the signature's outputs, else the graph's sinks. */
  outputs?: readonly string[];
  /** The ONNX graph name; default "tfjs". */
  graphName?: string;
}

export interface ConvertedModel {
  /** ONNX ModelProto bytes. */
  bytes: Uint8Array;
  inputs: OnnxValueInfo[];
  /** Output names in the ONNX graph (the TF tensor names with ":0" dropped). */
  outputs: string[];
  /** ONNX node count, for reports. */
  nodeCount: number;
}

function defaultOutputs(model: TfjsModelJson, nodes: readonly TfjsNodeDef[]): string[] {
  const fromSignature = Object.values(model.signature?.outputs ?? {}).map((o) => o.name);
  if (fromSignature.length > 0) return fromSignature;
  const consumed = new Set(nodes.flatMap((n) => (n.input ?? []).map((ref) => parseInputRef(ref).node)));
  return nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const' && n.op !== 'NoOp').map((n) => n.name);
}

function tensorName(node: string, index: number): string {
  return index === 0 ? node : `${node}:${index}`;
}

/**
 * Converts a parsed TF.js graph model. `shards[g][k]` are the bytes of
 * `model.weightsManifest[g].paths[k]`.
 */
export function convertTfjsGraph(model: TfjsModelJson, shards: readonly (readonly Uint8Array[])[], options: TfjsConversionOptions = {}): ConvertedModel {
  const nodes = model.modelTopology.node;
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const weights = decodeTfjsWeights(model.weightsManifest, shards);
  const writer = new OnnxGraphWriter();
  const outputs = (options.outputs ?? defaultOutputs(model, nodes)).map((o) => {
    const ref = parseInputRef(o);
    return tensorName(ref.node, ref.index);
  });
  // constants and inputs keep their TF names, outputs their TF tensor names; other values get fresh ones
  for (const n of nodes) if (n.op === 'Const' || n.op === 'Placeholder') writer.reserve(n.name);
  for (const o of outputs) writer.reserve(o.replace(/:0$/, ''));

  // every unsupported op at once, so a user sees the whole list
  const needed = new Set<string>();
  const stack = outputs.map((o) => parseInputRef(o).node);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (needed.has(name)) continue;
    const node = byName.get(name);
    if (!node) throw new ClonedPersonError('E_MODEL', `the graph has no node "${name}"`, { details: { node: name } });
    needed.add(name);
    for (const ref of node.input ?? []) {
      const parsed = parseInputRef(ref);
      if (!parsed.control) stack.push(parsed.node);
    }
  }
  const unsupported = [...new Set([...needed].map((n) => byName.get(n)!.op))].filter((op) => op !== 'Const' && op !== 'Placeholder' && !(op in TFJS_OP_MAPPERS));
  if (unsupported.length > 0) {
    throw new ClonedPersonError('E_MODEL', `the TF.js graph uses ops the converter does not support: ${unsupported.sort().join(', ')}`, { details: { ops: unsupported } });
  }

  const values = new Map<string, ValueRef>();
  const inputs: OnnxValueInfo[] = [];
  const convertNode = (node: TfjsNodeDef): void => {
    if (node.op === 'Const') {
      const constant: ConstantTensor | undefined = weights.get(node.name);
      if (!constant) throw new ClonedPersonError('E_MODEL', `constant ${node.name} has no weights in the manifest`, { details: { node: node.name } });
      values.set(node.name, { name: node.name, dtype: constant.dtype, constant });
      return;
    }
    if (node.op === 'Placeholder') {
      const attrs = new NodeAttrs(node);
      const dtype = dtypeFromTf(attrs.type('dtype'), node.name);
      const given = options.inputShapes?.[node.name];
      const shape: OnnxDim[] | undefined = (given ?? attrs.shape('shape'))?.map((d, a) => (d >= 0 ? d : `${node.name}_${a}`));
      if (dtype === 'int32' && options.floatInputs) {
        const name = writer.fresh(`${node.name}/float`);
        inputs.push({ name: node.name, type: 'float32', shape });
        writer.nodes.push({ opType: 'Cast', inputs: [node.name], outputs: [name], attributes: { to: ONNX_TYPE_CODE.int32 }, name: writer.fresh(`${node.name}/cast#node`) });
        values.set(node.name, { name, dtype: 'int32' });
      } else {
        inputs.push({ name: node.name, type: dtype, shape });
        values.set(node.name, { name: node.name, dtype });
      }
      return;
    }
    const refs = (node.input ?? [])
      .map(parseInputRef)
      .filter((r) => !r.control)
      .map((r) => {
        const value = values.get(tensorName(r.node, r.index));
        if (!value) throw new ClonedPersonError('E_MODEL', `${node.name}: input ${tensorName(r.node, r.index)} does not exist`, { details: { node: node.name } });
        return value;
      });
    const results = TFJS_OP_MAPPERS[node.op](new OpContext(node, refs, writer));
    results.forEach((ref, k) => values.set(tensorName(node.name, k), ref));
  };

  // iterative post-order walk (graphs are hundreds of nodes deep)
  const done = new Set<string>();
  for (const output of outputs) {
    const work: { name: string; expanded: boolean }[] = [{ name: parseInputRef(output).node, expanded: false }];
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (done.has(top.name)) {
        work.pop();
        continue;
      }
      const node = byName.get(top.name)!;
      if (!top.expanded) {
        top.expanded = true;
        for (const ref of node.input ?? []) {
          const parsed = parseInputRef(ref);
          if (!parsed.control && !done.has(parsed.node)) work.push({ name: parsed.node, expanded: false });
        }
        continue;
      }
      work.pop();
      convertNode(node);
      done.add(top.name);
    }
  }

  const graphOutputs: OnnxValueInfo[] = outputs.map((output) => {
    const ref = values.get(output);
    if (!ref) throw new ClonedPersonError('E_MODEL', `output ${output} does not exist`, { details: { output } });
    // a graph output must be a node's output under its own name
    const name = output.replace(/:0$/, '');
    writer.nodes.push({ opType: 'Identity', inputs: [writer.use(ref)], outputs: [name], name: writer.fresh(`${name}/output#node`) });
    return { name, type: ref.dtype };
  });
  const bytes = encodeOnnxModel({
    opset: 13,
    producerName: 'clonedperson-tfjs-converter',
    graph: { name: options.graphName ?? 'tfjs', inputs, outputs: graphOutputs, initializers: writer.initializers, nodes: writer.nodes },
  });
  return { bytes, inputs, outputs: graphOutputs.map((o) => o.name), nodeCount: writer.nodes.length };
}
