/**
 * The TF.js graph-model format (`model.json`, written by tensorflowjs_converter): a TensorFlow
 * GraphDef as JSON (`modelTopology.node`) plus a weights manifest that says where each constant's
 * bytes sit in the `.bin` shards. Pure: parsing and attribute accessors, no I/O.
 *
 * Attribute values follow TensorFlow's AttrValue in protobuf JSON form: `i` (int64 as a string),
 * `f`, `b`, `s` (bytes, base64), `type` (`DT_FLOAT`), `shape`, `list` of those.
 */
import { ClonedPersonError } from '../../shared/errors.js';

export interface TfjsAttrList {
  s?: string[];
  i?: (string | number)[];
  f?: number[];
  b?: boolean[];
  type?: string[];
}

export interface TfjsAttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
  list?: TfjsAttrList;
  tensor?: unknown;
}

export interface TfjsNodeDef {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfjsAttrValue>;
}

/** How a weight is stored: quantised weights are expanded back to `dtype` on load. */
export interface TfjsQuantization {
  dtype: 'float16' | 'uint8' | 'uint16';
  scale?: number;
  min?: number;
  original_dtype?: string;
}

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: TfjsQuantization;
}

export interface TfjsWeightGroup {
  /** Shard files, relative to model.json, concatenated in order. */
  paths: string[];
  weights: TfjsWeightSpec[];
}

export interface TfjsModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node: TfjsNodeDef[] };
  weightsManifest: TfjsWeightGroup[];
  signature?: {
    inputs?: Record<string, { name: string }>;
    outputs?: Record<string, { name: string }>;
  };
}

function fail(where: string, message: string): never {
  throw new ClonedPersonError('E_MODEL', `${where}: ${message}`, { details: { model: where } });
}

/** Validates the parts of a parsed model.json the converter reads; E_MODEL naming `where`. */
export function parseTfjsModelJson(value: unknown, where = 'model.json'): TfjsModelJson {
  if (typeof value !== 'object' || value === null) return fail(where, 'expected a JSON object');
  const v = value as Record<string, unknown>;
  if (v.format !== undefined && v.format !== 'graph-model') fail(where, `format is ${JSON.stringify(v.format)}, only "graph-model" is supported`);
  const topology = v.modelTopology as Record<string, unknown> | undefined;
  if (!topology || !Array.isArray(topology.node)) return fail(where, 'modelTopology.node is missing (not a TF.js graph model)');
  if ((topology.library as { function?: unknown[] } | undefined)?.function?.length) fail(where, 'the graph has functions (control flow), which the converter does not support');
  for (const node of topology.node as unknown[]) {
    const n = node as Record<string, unknown>;
    if (typeof n?.name !== 'string' || typeof n.op !== 'string') fail(where, 'every node needs a "name" and an "op"');
    if (n.input !== undefined && !Array.isArray(n.input)) fail(where, `node ${n.name}: "input" must be a list`);
  }
  if (!Array.isArray(v.weightsManifest)) return fail(where, 'weightsManifest is missing');
  for (const group of v.weightsManifest as unknown[]) {
    const g = group as Record<string, unknown>;
    if (!Array.isArray(g?.paths) || !Array.isArray(g.weights)) fail(where, 'every weightsManifest group needs "paths" and "weights"');
  }
  return value as TfjsModelJson;
}

/** Splits a node input reference `name`, `name:2` or `^control` into node name and output index. */
export function parseInputRef(ref: string): { node: string; index: number; control: boolean } {
  if (ref.startsWith('^')) return { node: ref.slice(1), index: 0, control: true };
  const match = /^(.*):(\d+)$/.exec(ref);
  return match ? { node: match[1], index: Number(match[2]), control: false } : { node: ref, index: 0, control: false };
}

function decodeBase64(text: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
}

/** Typed attribute readers over one node; a missing attribute gives `fallback` or E_MODEL. */
export class NodeAttrs {
  constructor(private readonly node: TfjsNodeDef) {}

  private get(name: string): TfjsAttrValue | undefined {
    return this.node.attr?.[name];
  }

  private missing(name: string): never {
    return fail(this.node.name, `${this.node.op} needs the attribute "${name}"`);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  string(name: string, fallback?: string): string {
    const value = this.get(name);
    if (value?.s !== undefined) return decodeBase64(value.s);
    return fallback ?? this.missing(name);
  }

  strings(name: string): string[] {
    return (this.get(name)?.list?.s ?? []).map(decodeBase64);
  }

  int(name: string, fallback?: number): number {
    const value = this.get(name);
    // protobuf JSON leaves out zero values, so a present attribute without `i` is 0
    if (value !== undefined) return Number(value.i ?? 0);
    return fallback ?? this.missing(name);
  }

  ints(name: string, fallback?: number[]): number[] {
    const list = this.get(name)?.list;
    if (list) return (list.i ?? []).map(Number);
    return fallback ?? this.missing(name);
  }

  float(name: string, fallback?: number): number {
    const value = this.get(name);
    if (value !== undefined) return Number(value.f ?? 0);
    return fallback ?? this.missing(name);
  }

  bool(name: string, fallback?: boolean): boolean {
    const value = this.get(name);
    if (value !== undefined) return value.b ?? false;
    return fallback ?? this.missing(name);
  }

  type(name: string, fallback?: string): string {
    const value = this.get(name);
    if (value?.type !== undefined) return value.type;
    return fallback ?? this.missing(name);
  }

  /** A `shape` attribute's dims (-1 for unknown), or undefined for unknown rank. */
  shape(name: string): number[] | undefined {
    const shape = this.get(name)?.shape;
    if (!shape || shape.unknownRank) return undefined;
    return (shape.dim ?? []).map((d) => Number(d.size ?? -1));
  }
}
