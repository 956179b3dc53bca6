/**
 * Tiny TF.js graph models built in tests (model.json topology + one weight shard), and TF.js
 * itself (tfjs-core + tfjs-converter on the WebAssembly backend) as the oracle that runs them.
 *
 * ```ts
 * const g = new TfjsGraphBuilder();
 * g.placeholder('x', 'float32', [1, 4, 4, 3]);
 * g.constant('w', randomFloats(27), [3, 3, 3, 1]);
 * g.op('y', 'Conv2D', ['x', 'w'], { strides: attr.ints([1, 1, 1, 1]), padding: attr.str('SAME') });
 * const { json, shard } = g.build();
 * const [y] = await runTfjs(json, shard, { x: { data, shape: [1, 4, 4, 3] } }, ['y']);
 * ```
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as TfCoreModule from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { loadGraphModel as LoadGraphModel } from '@tensorflow/tfjs-converter';
import type { TfjsAttrValue, TfjsModelJson, TfjsNodeDef, TfjsWeightSpec } from '../../orchestrator/src/models/tfjs/tfjs-model-json.js';

type Dtype = 'float32' | 'int32' | 'bool';

const TF_TYPES: Record<Dtype, string> = { float32: 'DT_FLOAT', int32: 'DT_INT32', bool: 'DT_BOOL' };

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Attribute values in the model.json form. */
export const attr = {
  int: (value: number): TfjsAttrValue => ({ i: String(value) }),
  ints: (values: number[]): TfjsAttrValue => ({ list: { i: values.map(String) } }),
  float: (value: number): TfjsAttrValue => ({ f: value }),
  bool: (value: boolean): TfjsAttrValue => ({ b: value }),
  str: (value: string): TfjsAttrValue => ({ s: b64(value) }),
  strs: (values: string[]): TfjsAttrValue => ({ list: { s: values.map(b64) } }),
  type: (dtype: Dtype): TfjsAttrValue => ({ type: TF_TYPES[dtype] }),
};

/** float16 bits of a number (round to nearest even), for quantised test weights. */
export function toFloat16Bits(value: number): number {
  const f = new Float32Array([value]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exponent = ((u >>> 23) & 0xff) - 127 + 15;
  let mantissa = u & 0x7fffff;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    let half = mantissa >> shift;
    if ((mantissa >> (shift - 1)) & 1 && ((mantissa & ((1 << (shift - 1)) - 1)) !== 0 || half & 1)) half++;
    return sign | half;
  }
  if (exponent >= 31) return sign | 0x7c00;
  let bits = sign | (exponent << 10) | (mantissa >> 13);
  if (mantissa & 0x1000 && ((mantissa & 0xfff) !== 0 || bits & 1)) bits++;
  return bits;
}

export class TfjsGraphBuilder {
  private readonly nodes: TfjsNodeDef[] = [];
  private readonly specs: TfjsWeightSpec[] = [];
  private readonly chunks: Uint8Array[] = [];

  placeholder(name: string, dtype: Dtype, shape: number[]): string {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: attr.type(dtype), shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } } });
    return name;
  }

  /** A Const node with its weights; `quantize` stores float weights as float16 or uint8 (min/scale). */
  constant(name: string, values: ArrayLike<number> | boolean[], shape: number[], dtype: Dtype = 'float32', quantize?: 'float16' | 'uint8'): string {
    this.nodes.push({
      name,
      op: 'Const',
      attr: { dtype: attr.type(dtype), value: { tensor: { dtype: TF_TYPES[dtype], tensorShape: { dim: shape.map((size) => ({ size: String(size) })) } } } },
    });
    const spec: TfjsWeightSpec = { name, shape, dtype };
    let bytes: Uint8Array;
    const numbers = Array.from(values as ArrayLike<number>, Number);
    if (quantize === 'float16') {
      spec.quantization = { dtype: 'float16', original_dtype: dtype };
      bytes = new Uint8Array(Uint16Array.from(numbers, toFloat16Bits).buffer);
    } else if (quantize === 'uint8') {
      const min = Math.min(...numbers);
      const scale = (Math.max(...numbers) - min) / 255 || 1;
      spec.quantization = { dtype: 'uint8', min, scale, original_dtype: dtype };
      bytes = Uint8Array.from(numbers, (v) => Math.round((v - min) / scale));
    } else if (dtype === 'float32') bytes = new Uint8Array(Float32Array.from(numbers).buffer);
    else if (dtype === 'int32') bytes = new Uint8Array(Int32Array.from(numbers).buffer);
    else bytes = Uint8Array.from(numbers, (v) => (v ? 1 : 0));
    this.specs.push(spec);
    this.chunks.push(bytes);
    return name;
  }

  op(name: string, op: string, inputs: string[], attrs: Record<string, TfjsAttrValue> = {}): string {
    this.nodes.push({ name, op, input: inputs, attr: attrs });
    return name;
  }

  build(outputs?: string[]): { json: TfjsModelJson; shard: Uint8Array } {
    const total = this.chunks.reduce((s, c) => s + c.length, 0);
    const shard = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      shard.set(c, at);
      at += c.length;
    }
    const json: TfjsModelJson = {
      format: 'graph-model',
      modelTopology: { node: structuredClone(this.nodes), versions: { producer: 1982 } } as TfjsModelJson['modelTopology'],
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: structuredClone(this.specs) }],
    };
    if (outputs) json.signature = { outputs: Object.fromEntries(outputs.map((o) => [o, { name: o }])) };
    return { json, shard };
  }
}

export interface TfjsFeed {
  data: ArrayLike<number>;
  shape: number[];
  dtype?: Dtype;
}

export interface TfjsResult {
  data: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  dtype: string;
}

interface Oracle {
  tf: typeof TfCoreModule;
  loadGraphModel: typeof LoadGraphModel;
}
let tfjs: Promise<Oracle> | undefined;

/** TF.js on the WebAssembly backend, initialised once. */
async function tfjsOracle(): Promise<Oracle> {
  tfjs ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const converter = await import('@tensorflow/tfjs-converter');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
    await tf.setBackend('wasm');
    await tf.ready();
    return { tf, loadGraphModel: converter.loadGraphModel };
  })();
  return tfjs;
}

/** Runs a TF.js graph model in TF.js (wasm backend); the named outputs as typed arrays. */
export async function runTfjs(json: TfjsModelJson, shards: Uint8Array | Uint8Array[], feeds: Record<string, TfjsFeed>, outputs: string[]): Promise<TfjsResult[]> {
  const { tf, loadGraphModel } = await tfjsOracle();
  const parts = Array.isArray(shards) ? shards : [shards];
  const joined = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  const model = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as never,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights) as never,
      weightData: joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.length),
    }),
  );
  const inputs: Record<string, Tensor> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    const dtype = feed.dtype ?? 'float32';
    const data = dtype === 'int32' ? Int32Array.from(feed.data) : dtype === 'bool' ? Uint8Array.from(feed.data) : Float32Array.from(feed.data);
    inputs[name] = tf.tensor(data, feed.shape, dtype);
  }
  const result = model.execute(inputs, outputs);
  const list = Array.isArray(result) ? result : [result];
  const out: TfjsResult[] = [];
  for (const t of list) out.push({ data: await t.data<'float32' | 'int32' | 'bool'>(), shape: t.shape, dtype: t.dtype });
  tf.dispose([...list, ...Object.values(inputs)]);
  model.dispose();
  return out;
}
