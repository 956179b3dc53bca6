/**
 * What an op mapper works with while the converter turns one TensorFlow node into ONNX nodes:
 * the node's attributes, its inputs as {@link ValueRef}s (the ONNX value name, its element
 * type, and the constant's data when the input is a Const), and the {@link OnnxGraphWriter}
 * that collects ONNX nodes and initializers with unique names.
 *
 * Integer tensors stay int32 as in TensorFlow; only the inputs ONNX wants as int64 (shapes,
 * axes, repeats, indices, k) are cast, or written as int64 initializers when constant.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { OnnxAttributeValue, OnnxElementType, OnnxNode, OnnxTensor } from '../onnx-encoder.js';
import type { ConstantTensor } from './tfjs-weights.js';
import { NodeAttrs } from './tfjs-model-json.js';
import type { TfjsNodeDef } from './tfjs-model-json.js';

export type ValueDtype = 'float32' | 'int32' | 'bool' | 'int64';

export interface ValueRef {
  /** The ONNX value name (for a constant: the initializer name, written on first use). */
  name: string;
  dtype: ValueDtype;
  constant?: ConstantTensor;
}

/** TensorFlow DataType names to the converter's element types. */
export function dtypeFromTf(type: string, where: string): ValueDtype {
  switch (type) {
    case 'DT_FLOAT':
      return 'float32';
    case 'DT_INT32':
      return 'int32';
    case 'DT_BOOL':
      return 'bool';
    case 'DT_INT64':
      return 'int64';
    default:
      throw new ClonedPersonError('E_MODEL', `${where}: data type ${type} is not supported`, { details: { node: where } });
  }
}

/** ONNX TensorProto.DataType numbers for Cast's `to`. */
export const ONNX_TYPE_CODE: Readonly<Record<ValueDtype, number>> = { float32: 1, int32: 6, int64: 7, bool: 9 };

/** Collects ONNX nodes and initializers, handing out unique names. */
export class OnnxGraphWriter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly names = new Set<string>();
  private readonly written = new Set<string>();
  private readonly int64Constants = new Map<string, string>();
  private readonly scalars = new Map<string, string>();

  /** Reserves a name that nothing else may take (graph inputs, TF constant names). */
  reserve(name: string): void {
    this.names.add(name);
  }

  /** A name not used yet: `base`, else `base/1`, `base/2`, ... */
  fresh(base: string): string {
    let name = base;
    for (let k = 1; this.names.has(name); k++) name = `${base}/${k}`;
    this.names.add(name);
    return name;
  }

  /** Adds a node; returns its output names (fresh names derived from `base`). */
  node(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttributeValue> = {}, base = opType, outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, (_, k) => this.fresh(outputCount === 1 ? base : `${base}:${k}`));
    this.nodes.push({ opType, inputs, outputs, attributes, name: this.fresh(`${base}#node`) });
    return outputs;
  }

  /** Adds an initializer with a fresh name; returns the name. */
  tensor(base: string, type: OnnxElementType, dims: readonly number[], values: OnnxTensor['values']): string {
    const name = this.fresh(base);
    this.initializers.push({ name, type, dims, values });
    return name;
  }

  /** The ONNX name of `ref`, writing a constant's initializer on first use. */
  use(ref: ValueRef): string {
    if (ref.constant && !this.written.has(ref.name)) {
      this.written.add(ref.name);
      const c = ref.constant;
      this.initializers.push({ name: ref.name, type: c.dtype === 'bool' ? 'bool' : c.dtype, dims: c.shape, values: c.data });
    }
    return ref.name;
  }

  /** `ref` as an int64 tensor: an int64 initializer for constants (shared), else a Cast. */
  int64(ref: ValueRef, shape?: readonly number[]): string {
    if (ref.dtype === 'int64') return this.use(ref);
    if (ref.constant) {
      const key = `${ref.name}|${shape?.join(',') ?? ''}`;
      let name = this.int64Constants.get(key);
      if (!name) {
        const values = Array.from(ref.constant.data as ArrayLike<number>, (v) => BigInt(v));
        name = this.tensor(`${ref.name}/int64`, 'int64', shape ?? ref.constant.shape, values);
        this.int64Constants.set(key, name);
      }
      return name;
    }
    const cast = this.node('Cast', [this.use(ref)], { to: ONNX_TYPE_CODE.int64 }, `${ref.name}/int64`)[0];
    return shape ? this.node('Reshape', [cast, this.int64List(shape)], {}, `${ref.name}/int64/reshaped`)[0] : cast;
  }

  /** A 1-D int64 initializer of `values` (shared between equal lists). */
  int64List(values: readonly (number | bigint)[]): string {
    const key = `i64:${values.join(',')}`;
    let name = this.scalars.get(key);
    if (!name) {
      name = this.tensor('const/i64', 'int64', [values.length], values.map((v) => BigInt(v)));
      this.scalars.set(key, name);
    }
    return name;
  }

  /** A scalar initializer of `dtype` (shared between equal values). */
  scalar(value: number, dtype: 'float32' | 'int32' = 'float32'): string {
    const key = `${dtype}:${value}`;
    let name = this.scalars.get(key);
    if (!name) {
      name = this.tensor(`const/${dtype}`, dtype, [], [value]);
      this.scalars.set(key, name);
    }
    return name;
  }
}

/** One node being converted: attributes, inputs and the writer. */
export class OpContext {
  readonly attrs: NodeAttrs;

  constructor(
    readonly node: TfjsNodeDef,
    readonly inputs: readonly ValueRef[],
    readonly writer: OnnxGraphWriter,
  ) {
    this.attrs = new NodeAttrs(node);
  }

  fail(message: string): never {
    throw new ClonedPersonError('E_MODEL', `${this.node.name} (${this.node.op}): ${message}`, { details: { node: this.node.name, op: this.node.op } });
  }

  /** Input `i` (its ONNX name); E_MODEL when the node has fewer inputs. */
  input(i: number): string {
    const ref = this.inputs[i];
    if (!ref) return this.fail(`expected at least ${i + 1} inputs, got ${this.inputs.length}`);
    return this.writer.use(ref);
  }

  ref(i: number): ValueRef {
    return this.inputs[i] ?? this.fail(`expected at least ${i + 1} inputs, got ${this.inputs.length}`);
  }

  /** The values of a constant integer input (axes, begin/end, sizes); E_MODEL when it is computed. */
  constInts(i: number): number[] {
    const ref = this.ref(i);
    if (!ref.constant) return this.fail(`input ${i} must be a constant`);
    return Array.from(ref.constant.data as ArrayLike<number>);
  }

  /** Input `i` as int64 (constants become int64 initializers). */
  int64(i: number, shape?: readonly number[]): string {
    return this.writer.int64(this.ref(i), shape);
  }

  /** Adds a node named after this TF node; returns its first output. */
  emit(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttributeValue> = {}, suffix = ''): string {
    return this.writer.node(opType, inputs, attributes, `${this.node.name}${suffix}`)[0];
  }

  /** Adds a node with several outputs. */
  emitMany(opType: string, inputs: readonly string[], outputCount: number, attributes: Record<string, OnnxAttributeValue> = {}, suffix = ''): string[] {
    return this.writer.node(opType, inputs, attributes, `${this.node.name}${suffix}`, outputCount);
  }

  /** The node's `T` attribute as an element type (default float32). */
  dtype(attr = 'T'): ValueDtype {
    return this.attrs.has(attr) ? dtypeFromTf(this.attrs.type(attr), this.node.name) : 'float32';
  }
}
