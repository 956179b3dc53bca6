/**
 * A small protobuf encoder for ONNX `ModelProto` (IR 8, default-domain opsets 13+), enough to
 * describe graphs in code: typed graph inputs/outputs with fixed or symbolic dimensions, tensor
 * initializers and nodes with attributes. It exists so that the project can build ONNX graphs
 * in-process: the clustering stage runs its blockwise GEMM + top-k as an onnxruntime graph, and
 * tests build tiny models with known weights (see test/helpers/onnx-builder.ts for the
 * friendlier builder on top of this).
 *
 * Field numbers follow onnx/onnx.proto (proto2). Repeated scalars are written unpacked, the
 * canonical proto2 form, which every protobuf parser accepts; tensor payloads go to `raw_data`
 * (little-endian), as exporters do.
 */
import { invalidArgument } from '../shared/check.js';

/** ONNX TensorProto.DataType values for the element types we write. */
const ONNX_DATA_TYPES = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
} as const;

export type OnnxElementType = keyof typeof ONNX_DATA_TYPES;

/** A dimension: a fixed size, or a symbolic name such as `"batch"`. */
export type OnnxDim = number | string;

/** A graph input or output: name, element type and shape (`undefined` shape = unknown rank). */
export interface OnnxValueInfo {
  name: string;
  type: OnnxElementType;
  shape?: readonly OnnxDim[];
}

/** A constant tensor stored in the model (weights, biases, constant shapes). */
export interface OnnxTensor {
  name: string;
  type: OnnxElementType;
  dims: readonly number[];
  /** Row-major values; length must equal the product of `dims` (1 for a scalar). */
  values: ArrayLike<number> | ArrayLike<bigint> | ArrayLike<boolean>;
}

/**
 * An attribute value. Numbers are written as INT when `Number.isInteger` and as FLOAT
 * otherwise; use {@link onnxFloat}/{@link onnxFloats} to force FLOAT(S) for integral floats
 * (e.g. `alpha: onnxFloat(1)`).
 */
export type OnnxAttributeValue =
  | number
  | readonly number[]
  | string
  | OnnxTensor
  | { kind: 'float'; value: number }
  | { kind: 'floats'; values: readonly number[] }
  | { kind: 'ints'; values: readonly number[] };

export interface OnnxNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  /** Operator domain; default "" (the ONNX standard operators). */
  domain?: string;
  attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export interface OnnxGraph {
  name?: string;
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
  initializers?: readonly OnnxTensor[];
  nodes: readonly OnnxNode[];
}

export interface OnnxModel {
  graph: OnnxGraph;
  /** Default-domain opset version (default 13). */
  opset?: number;
  /** IR version (default 8, which onnxruntime >= 1.10 reads). */
  irVersion?: number;
  producerName?: string;
  /** Extra opset imports, e.g. `{ "com.microsoft": 1 }`. */
  extraOpsets?: Readonly<Record<string, number>>;
}

/** Forces an attribute to FLOAT even when the number is integral. */
export function onnxFloat(value: number): { kind: 'float'; value: number } {
  return { kind: 'float', value };
}

/** Forces an attribute to FLOATS even when the numbers are integral. */
export function onnxFloats(values: readonly number[]): { kind: 'floats'; values: readonly number[] } {
  return { kind: 'floats', values };
}

/** Forces an attribute to INTS (needed for an empty list, which would otherwise be ambiguous). */
export function onnxInts(values: readonly number[]): { kind: 'ints'; values: readonly number[] } {
  return { kind: 'ints', values };
}

// ---- protobuf wire format -------------------------------------------------------------------

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

/** A growable byte sink for protobuf messages. */
class ProtoWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private byte(value: number): void {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }

  /** Varint of a non-negative or negative int64 (negatives take ten bytes, two's complement). */
  varint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value < 2 ** 31) {
      let n = value;
      while (n > 0x7f) {
        this.byte((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      this.byte(n);
      return;
    }
    let v = BigInt.asUintN(64, BigInt(value));
    while (v > 0x7fn) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  int(field: number, value: number | bigint): void {
    this.tag(field, WIRE_VARINT);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.tag(field, WIRE_FIXED32);
    const buffer = new Uint8Array(4);
    new DataView(buffer.buffer).setFloat32(0, value, true);
    this.raw(buffer);
  }

  bytesField(field: number, data: Uint8Array): void {
    this.tag(field, WIRE_LENGTH);
    this.varint(data.length);
    this.raw(data);
  }

  string(field: number, text: string): void {
    this.bytesField(field, new TextEncoder().encode(text));
  }

  message(field: number, build: (writer: ProtoWriter) => void): void {
    const inner = new ProtoWriter();
    build(inner);
    this.bytesField(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

// ---- ONNX messages ---------------------------------------------------------------------------

function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
}

function tensorRawData(tensor: OnnxTensor): Uint8Array {
  const count = elementCount(tensor.dims);
  if (tensor.values.length !== count) {
    throw invalidArgument(`${count} values (dims ${tensor.dims.join('x') || 'scalar'})`, `tensor ${tensor.name}`, tensor.values);
  }
  const values = tensor.values as ArrayLike<number | bigint | boolean>;
  switch (tensor.type) {
    case 'float32':
      return new Uint8Array(Float32Array.from(values as ArrayLike<number>).buffer);
    case 'float64':
      return new Uint8Array(Float64Array.from(values as ArrayLike<number>).buffer);
    case 'int32':
      return new Uint8Array(Int32Array.from(values as ArrayLike<number>).buffer);
    case 'int64':
      return new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v as number | bigint))).buffer);
    case 'uint8':
      return Uint8Array.from(values as ArrayLike<number>);
    case 'int8':
      return new Uint8Array(Int8Array.from(values as ArrayLike<number>).buffer);
    case 'bool':
      return Uint8Array.from(Array.from(values, (v) => (v ? 1 : 0)));
  }
}

function writeTensor(w: ProtoWriter, tensor: OnnxTensor): void {
  for (const d of tensor.dims) w.int(1, d); // dims
  w.int(2, ONNX_DATA_TYPES[tensor.type]); // data_type
  w.string(8, tensor.name); // name
  w.bytesField(9, tensorRawData(tensor)); // raw_data
}

function writeValueInfo(w: ProtoWriter, info: OnnxValueInfo): void {
  w.string(1, info.name);
  w.message(2, (type) => {
    // TypeProto.tensor_type
    type.message(1, (tensorType) => {
      tensorType.int(1, ONNX_DATA_TYPES[info.type]); // elem_type
      if (info.shape) {
        const shape = info.shape;
        tensorType.message(2, (shapeProto) => {
          for (const dim of shape) {
            shapeProto.message(1, (d) => {
              if (typeof dim === 'number') d.int(1, dim); // dim_value
              else d.string(2, dim); // dim_param
            });
          }
        });
      }
    });
  });
}

// AttributeProto.AttributeType
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_TENSOR = 4;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;

function writeAttribute(w: ProtoWriter, name: string, value: OnnxAttributeValue): void {
  w.string(1, name);
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      w.int(3, value);
      w.int(20, ATTR_INT);
    } else {
      w.float(2, value);
      w.int(20, ATTR_FLOAT);
    }
  } else if (typeof value === 'string') {
    w.string(4, value);
    w.int(20, ATTR_STRING);
  } else if (Array.isArray(value)) {
    const list = value as readonly number[];
    if (list.every((v) => Number.isInteger(v))) {
      for (const v of list) w.int(8, v);
      w.int(20, ATTR_INTS);
    } else {
      for (const v of list) w.float(7, v);
      w.int(20, ATTR_FLOATS);
    }
  } else if ('kind' in value) {
    if (value.kind === 'float') {
      w.float(2, value.value);
      w.int(20, ATTR_FLOAT);
    } else if (value.kind === 'floats') {
      for (const v of value.values) w.float(7, v);
      w.int(20, ATTR_FLOATS);
    } else {
      for (const v of value.values) w.int(8, v);
      w.int(20, ATTR_INTS);
    }
  } else {
    const tensor = value as OnnxTensor;
    w.message(5, (t) => writeTensor(t, tensor));
    w.int(20, ATTR_TENSOR);
  }
}

function writeNode(w: ProtoWriter, node: OnnxNode, index: number): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name ?? `${node.opType}_${index}`);
  w.string(4, node.opType);
  for (const [name, value] of Object.entries(node.attributes ?? {})) w.message(5, (a) => writeAttribute(a, name, value));
  if (node.domain) w.string(7, node.domain);
}

/**
 * Encodes a model as ONNX protobuf bytes, ready for `InferenceSession.create(bytes)` or to be
 * written as a `.onnx` file. Throws E_ARGUMENT when a tensor's value count does not match its
 * dims. Graph validity (known operators, matching shapes) is checked by the runtime on load.
 */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, model.irVersion ?? 8); // ir_version
  w.string(2, model.producerName ?? 'clonedperson'); // producer_name
  w.message(7, (g) => {
    // graph
    model.graph.nodes.forEach((node, i) => g.message(1, (n) => writeNode(n, node, i)));
    g.string(2, model.graph.name ?? 'graph');
    for (const tensor of model.graph.initializers ?? []) g.message(5, (t) => writeTensor(t, tensor));
    for (const input of model.graph.inputs) g.message(11, (v) => writeValueInfo(v, input));
    for (const output of model.graph.outputs) g.message(12, (v) => writeValueInfo(v, output));
  });
  w.message(8, (o) => {
    // opset_import (default domain)
    o.string(1, '');
    o.int(2, model.opset ?? 13);
  });
  for (const [domain, version] of Object.entries(model.extraOpsets ?? {})) {
    w.message(8, (o) => {
      o.string(1, domain);
      o.int(2, version);
    });
  }
  return w.finish();
}
