/**
 * A small assembler from WebAssembly text (WAT) to a binary module, for the project's kernels
 * (resize-box-wat.ts): synchronous and without dependencies, so a kernel is built from its
 * committed source at first use, in tests, from dist/ and in any engine. It takes the subset
 * the kernels are written in: one imported memory, functions with an inline export, params,
 * results and locals, flat instructions (no folded forms) from the table below, block / loop /
 * if with no result. Its output is byte-identical to wabt's wat2wasm
 * (test/unit/imaging/wat-assembler.test.ts); anything else is an E_ARGUMENT naming the token.
 */
import { invalidArgument } from '../shared/check.js';

const VALUE_TYPES: Record<string, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

type Immediate = 'none' | 'local' | 'label' | 'block' | 'i32' | 'i64' | 'memarg' | 'lanes16' | 'v128';

interface OpInfo {
  code: number[];
  immediate: Immediate;
  /** Natural alignment (log2 bytes) of a memory access. */
  align?: number;
}

const op = (code: number[], immediate: Immediate = 'none', align?: number): OpInfo => ({ code, immediate, align });
/** SIMD opcodes: prefix 0xfd, then the opcode as unsigned LEB128. */
const simd = (code: number, immediate: Immediate = 'none', align?: number): OpInfo => op([0xfd, ...uleb(code)], immediate, align);

const OPS: Record<string, OpInfo> = {
  unreachable: op([0x00]),
  nop: op([0x01]),
  block: op([0x02], 'block'),
  loop: op([0x03], 'block'),
  if: op([0x04], 'block'),
  else: op([0x05]),
  end: op([0x0b]),
  br: op([0x0c], 'label'),
  br_if: op([0x0d], 'label'),
  return: op([0x0f]),
  drop: op([0x1a]),
  select: op([0x1b]),
  'local.get': op([0x20], 'local'),
  'local.set': op([0x21], 'local'),
  'local.tee': op([0x22], 'local'),
  'i32.load': op([0x28], 'memarg', 2),
  'i64.load': op([0x29], 'memarg', 3),
  'i32.load8_u': op([0x2d], 'memarg', 0),
  'i32.load16_u': op([0x2f], 'memarg', 1),
  'i32.store': op([0x36], 'memarg', 2),
  'i32.store8': op([0x3a], 'memarg', 0),
  'i32.store16': op([0x3b], 'memarg', 1),
  'i32.const': op([0x41], 'i32'),
  'i64.const': op([0x42], 'i64'),
  'i32.eqz': op([0x45]),
  'i32.eq': op([0x46]),
  'i32.ne': op([0x47]),
  'i32.lt_s': op([0x48]),
  'i32.lt_u': op([0x49]),
  'i32.gt_s': op([0x4a]),
  'i32.gt_u': op([0x4b]),
  'i32.le_s': op([0x4c]),
  'i32.le_u': op([0x4d]),
  'i32.ge_s': op([0x4e]),
  'i32.ge_u': op([0x4f]),
  'i32.add': op([0x6a]),
  'i32.sub': op([0x6b]),
  'i32.mul': op([0x6c]),
  'i32.and': op([0x71]),
  'i32.or': op([0x72]),
  'i32.shl': op([0x74]),
  'i32.shr_s': op([0x75]),
  'i32.shr_u': op([0x76]),
  'i64.shl': op([0x86]),
  'i64.shr_u': op([0x88]),
  'i32.wrap_i64': op([0xa7]),
  'i64.extend_i32_u': op([0xad]),
  'v128.load': simd(0x00, 'memarg', 4),
  'v128.load32_splat': simd(0x09, 'memarg', 2),
  'v128.store': simd(0x0b, 'memarg', 4),
  'v128.const': simd(0x0c, 'v128'),
  'i8x16.shuffle': simd(0x0d, 'lanes16'),
  'i8x16.swizzle': simd(0x0e),
  'i16x8.splat': simd(0x10),
  'i32x4.splat': simd(0x11),
  'i8x16.narrow_i16x8_u': simd(0x66),
  'i16x8.q15mulr_sat_s': simd(0x82),
  'i16x8.narrow_i32x4_s': simd(0x85),
  'i16x8.extend_low_i8x16_u': simd(0x89),
  'i16x8.extend_high_i8x16_u': simd(0x8a),
  'i16x8.shl': simd(0x8b),
  'i16x8.add': simd(0x8e),
  'i16x8.sub': simd(0x91),
  'i32x4.shl': simd(0xab),
  'i32x4.shr_s': simd(0xac),
  'i32x4.add': simd(0xae),
  'i32x4.dot_i16x8_s': simd(0xba),
};

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (text: string): number[] => Array.from(new TextEncoder().encode(text));
const name = (text: string): number[] => [...uleb(utf8(text).length), ...utf8(text)];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** A token, or a parenthesised list of them. */
type Node = string | Node[];

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s+|;;[^\n]*|\(;[\s\S]*?;\)|"(?:[^"\\]|\\.)*"|[()]|[^\s()";]+/g;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    if (/^\s/.test(token) || token.startsWith(';;') || token.startsWith('(;')) continue;
    tokens.push(token);
  }
  return tokens;
}

function parse(tokens: string[]): Node {
  let at = 0;
  const node = (): Node => {
    const token = tokens[at++];
    if (token !== '(') {
      if (token === ')' || token === undefined) throw invalidArgument('a token', 'WAT', token ?? 'end of text');
      return token;
    }
    const list: Node[] = [];
    while (tokens[at] !== ')') {
      if (at >= tokens.length) throw invalidArgument('a closing parenthesis', 'WAT', 'end of text');
      list.push(node());
    }
    at++;
    return list;
  };
  const root = node();
  if (at !== tokens.length) throw invalidArgument('one module', 'WAT', tokens[at]);
  return root;
}

const isList = (n: Node | undefined, head?: string): n is Node[] => Array.isArray(n) && (head === undefined || n[0] === head);
const unquote = (n: Node): string => {
  if (typeof n !== 'string' || !n.startsWith('"')) throw invalidArgument('a string', 'WAT', n);
  return n.slice(1, -1);
};

function integer(token: string | undefined): number {
  const t = (token ?? '').replaceAll('_', '');
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(t)) throw invalidArgument('an integer', 'WAT', token ?? 'end of function');
  return Number(t.startsWith('-') ? -Number(t.slice(1)) : Number(t));
}

function valueType(token: Node): number {
  const type = typeof token === 'string' ? VALUE_TYPES[token] : undefined;
  if (type === undefined) throw invalidArgument('a value type', 'WAT', token);
  return type;
}

interface Func {
  type: number[];
  exportName?: string;
  body: number[];
}

/** The bytes of `v128.const <shape> values...`. */
function v128Bytes(shape: string, values: number[]): number[] {
  const lanes: Record<string, number> = { i8x16: 1, i16x8: 2, i32x4: 4 };
  const width = lanes[shape];
  if (!width || values.length !== 16 / width) throw invalidArgument('i8x16, i16x8 or i32x4 with a value per lane', 'v128.const', `${shape} ${values.join(' ')}`);
  return values.flatMap((v) => Array.from({ length: width }, (_, b) => (v >> (8 * b)) & 0xff));
}

function assembleFunc(list: Node[]): Func {
  let at = 1;
  if (typeof list[at] === 'string' && (list[at] as string).startsWith('$')) at++;
  let exportName: string | undefined;
  const params: number[] = [];
  const results: number[] = [];
  const localTypes: number[] = [];
  const locals = new Map<string, number>();
  const declare = (entry: Node[], into: number[]): void => {
    const named = typeof entry[1] === 'string' && entry[1].startsWith('$');
    if (named) {
      locals.set(entry[1] as string, params.length + localTypes.length);
      into.push(valueType(entry[2]));
    } else {
      for (const t of entry.slice(1)) into.push(valueType(t));
    }
  };
  // the header lists; any other list is a folded instruction, refused with the body
  for (; isList(list[at]) && ['export', 'param', 'result', 'local'].includes((list[at] as Node[])[0] as string); at++) {
    const entry = list[at] as Node[];
    if (entry[0] === 'export') exportName = unquote(entry[1]);
    else if (entry[0] === 'param') declare(entry, params);
    else if (entry[0] === 'result') for (const t of entry.slice(1)) results.push(valueType(t));
    else declare(entry, localTypes);
  }
  const tokens = list.slice(at);
  const body: number[] = [];
  // locals: runs of one type, as wabt groups them
  const runs: number[][] = [];
  for (const t of localTypes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[0]++;
    else runs.push([1, t]);
  }
  body.push(...uleb(runs.length), ...runs.flatMap(([n, t]) => [...uleb(n), t]));
  const labels: (string | undefined)[] = [];
  const localIndex = (token: Node | undefined): number => {
    if (typeof token === 'string' && token.startsWith('$')) {
      const index = locals.get(token);
      if (index === undefined) throw invalidArgument('a declared local', 'WAT', token);
      return index;
    }
    return integer(token as string | undefined);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token !== 'string') throw invalidArgument('a flat instruction', 'WAT', `(${String(token[0])} ...)`);
    const info = OPS[token];
    if (!info) throw invalidArgument('a known instruction', 'WAT', token);
    body.push(...info.code);
    switch (info.immediate) {
      case 'none':
        if (token === 'end') {
          if (labels.length === 0) throw invalidArgument('an open block', 'WAT end', token);
          labels.pop();
        }
        break;
      case 'local':
        body.push(...uleb(localIndex(tokens[++i])));
        break;
      case 'block': {
        const next = tokens[i + 1];
        const label = typeof next === 'string' && next.startsWith('$') ? next : undefined;
        if (label) i++;
        if (isList(tokens[i + 1])) throw invalidArgument('a block without type', 'WAT', token);
        labels.push(label);
        body.push(0x40);
        break;
      }
      case 'label': {
        const target = tokens[++i];
        let depth: number;
        if (typeof target === 'string' && target.startsWith('$')) {
          depth = labels.length - 1 - labels.lastIndexOf(target);
          if (depth >= labels.length) throw invalidArgument('an enclosing label', 'WAT', target);
        } else {
          depth = integer(target as string | undefined);
        }
        body.push(...uleb(depth));
        break;
      }
      case 'i32':
        body.push(...sleb(integer(tokens[++i] as string | undefined)));
        break;
      case 'i64': {
        // i64 constants of the i32 range: their LEB128 is the same
        const value = integer(tokens[++i] as string | undefined);
        if (value < -0x80000000 || value > 0x7fffffff) throw invalidArgument('an i64 constant in the i32 range', 'WAT i64.const', value);
        body.push(...sleb(value));
        break;
      }
      case 'memarg': {
        let offset = 0;
        let align = info.align!;
        for (let next = tokens[i + 1]; typeof next === 'string' && /^(offset|align)=/.test(next); next = tokens[i + 1]) {
          const [key, value] = next.split('=');
          if (key === 'offset') offset = integer(value);
          else align = Math.log2(integer(value));
          i++;
        }
        body.push(...uleb(align), ...uleb(offset));
        break;
      }
      case 'lanes16':
        for (let k = 0; k < 16; k++) body.push(integer(tokens[++i] as string | undefined));
        break;
      case 'v128': {
        const shape = tokens[++i] as string;
        const count = { i8x16: 16, i16x8: 8, i32x4: 4 }[shape] ?? 0;
        const values = Array.from({ length: count }, () => integer(tokens[++i] as string | undefined));
        body.push(...v128Bytes(shape, values));
        break;
      }
    }
  }
  if (labels.length !== 0) throw invalidArgument('every block closed', 'WAT', `${labels.length} open`);
  body.push(0x0b);
  const type = [0x60, ...vector(params.map((t) => [t])), ...vector(results.map((t) => [t]))];
  return { type, exportName, body };
}

/** Assembles the WAT text of a module (the subset described above) into its binary. */
export function assembleWat(text: string): Uint8Array {
  const root = parse(tokenize(text));
  if (!isList(root, 'module')) throw invalidArgument('(module ...)', 'WAT', Array.isArray(root) ? root[0] : root);
  const imports: number[][] = [];
  const funcs: Func[] = [];
  for (const field of root.slice(1)) {
    if (isList(field, 'import')) {
      const memory = field[3];
      if (!isList(memory, 'memory')) throw invalidArgument('a memory import', 'WAT import', isList(memory) ? memory[0] : memory);
      const limits = memory.slice(1).map((n) => integer(n as string));
      const encoded = limits.length === 2 ? [0x01, ...uleb(limits[0]), ...uleb(limits[1])] : [0x00, ...uleb(limits[0])];
      imports.push([...name(unquote(field[1])), ...name(unquote(field[2])), 0x02, ...encoded]);
    } else if (isList(field, 'func')) {
      funcs.push(assembleFunc(field));
    } else {
      throw invalidArgument('import or func', 'WAT module field', isList(field) ? field[0] : field);
    }
  }
  const types: number[][] = [];
  const typeIndex = funcs.map((f) => {
    const key = f.type.join();
    let index = types.findIndex((t) => t.join() === key);
    if (index < 0) index = types.push(f.type) - 1;
    return index;
  });
  const exports = funcs.flatMap((f, i) => (f.exportName === undefined ? [] : [[...name(f.exportName), 0x00, ...uleb(i)]]));
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...(types.length ? section(1, vector(types)) : []),
    ...(imports.length ? section(2, vector(imports)) : []),
    ...(funcs.length ? section(3, vector(typeIndex.map((t) => uleb(t)))) : []),
    ...(exports.length ? section(7, vector(exports)) : []),
    ...(funcs.length ? section(10, vector(funcs.map((f) => [...uleb(f.body.length), ...f.body]))) : []),
  ];
  return Uint8Array.from(bytes);
}
