/**
 * MakeHuman morph targets: sparse per-vertex offsets added to the base mesh with a weight.
 *
 * Text `.target` files hold one `index dx dy dz` line per moved vertex (decimetres, base-mesh
 * vertex indices from 0); `#` lines are comments. The release `targets.npz` holds the same
 * targets compiled by MakeHuman's compile_targets.py: a zip of `.npy` members
 * `<path>.index.npy` (uint16 vertex indices) and `<path>.vector.npy` (int16 offsets x 1000,
 * shape [n, 3]), with `<path>` relative to the data root (`targets/macrodetails/...`); the loader
 * multiplies vectors by 1e-3 (MakeHuman's algos3d). Both give identical meshes because the text
 * files carry three decimals.
 */
import { unzipSync } from 'fflate';
import { invalidAsset } from './asset-errors.js';

export interface MorphTarget {
  /** Base-mesh vertex indices, ascending as stored. */
  indices: Uint32Array;
  /** dx, dy, dz per index, decimetres. */
  deltas: Float32Array;
}

/** Parses a number starting at `i` in `s`; returns [value, nextIndex] or NaN on garbage. */
function scanNumber(s: string, i: number, end: number): [number, number] {
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  const start = i;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) break;
    i++;
  }
  return [start === i ? NaN : Number(s.slice(start, i)), i];
}

/**
 * Parses a text target. Lines other than comments and blank lines must have exactly four
 * fields (MakeHuman's rule); `vertexCount` bounds the indices. Errors name `file:line`.
 */
export function parseTargetText(text: string, file: string, vertexCount: number): MorphTarget {
  const indices: number[] = [];
  const deltas: number[] = [];
  let lineNo = 0;
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    lineNo++;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const first = text.charCodeAt(i);
    if (i < end && first !== 35 /* # */ && first !== 13) {
      const [index, a] = scanNumber(text, i, end);
      const [dx, b] = scanNumber(text, a, end);
      const [dy, c] = scanNumber(text, b, end);
      const [dz, d] = scanNumber(text, c, end);
      const [extra] = scanNumber(text, d, end);
      if (!Number.isInteger(index) || Number.isNaN(dx) || Number.isNaN(dy) || Number.isNaN(dz) || !Number.isNaN(extra)) {
        throw invalidAsset(file, `expected "index dx dy dz", got ${JSON.stringify(text.slice(start, end).trim().slice(0, 80))}`, lineNo);
      }
      if (index < 0 || index >= vertexCount) {
        throw invalidAsset(file, `vertex index ${index} is out of range (0..${vertexCount - 1})`, lineNo);
      }
      indices.push(index);
      deltas.push(dx, dy, dz);
    }
    start = end + 1;
  }
  return { indices: Uint32Array.from(indices), deltas: Float32Array.from(deltas) };
}

/** A decoded `.npy` array (little-endian, C order). */
export interface NpyArray {
  dtype: string;
  shape: number[];
  data: Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
}

/** Decodes NumPy `.npy` bytes (format 1.0-3.0; dtypes u2, i2, u4, i4, f4, f8). */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) throw invalidAsset(file, 'not a .npy array (bad magic)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw invalidAsset(file, `malformed .npy header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True') throw invalidAsset(file, 'Fortran-order .npy arrays are not supported');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = headerStart + headerLength;
  const kinds: Record<string, [number, (buf: ArrayBuffer, n: number) => NpyArray['data']]> = {
    '<u2': [2, (b, k) => new Uint16Array(b, 0, k)],
    '<i2': [2, (b, k) => new Int16Array(b, 0, k)],
    '<u4': [4, (b, k) => new Uint32Array(b, 0, k)],
    '<i4': [4, (b, k) => new Int32Array(b, 0, k)],
    '<f4': [4, (b, k) => new Float32Array(b, 0, k)],
    '<f8': [8, (b, k) => new Float64Array(b, 0, k)],
  };
  const kind = kinds[descr];
  if (!kind) throw invalidAsset(file, `unsupported .npy dtype ${descr}`);
  const byteLength = count * kind[0];
  if (offset + byteLength > bytes.length) throw invalidAsset(file, `truncated .npy data (${bytes.length - offset} of ${byteLength} bytes)`);
  // Copy into an aligned buffer: zip members are not aligned to the element size.
  const aligned = bytes.slice(offset, offset + byteLength).buffer;
  return { dtype: descr, shape, data: kind[1](aligned, count) };
}

/**
 * Unpacks a release `targets.npz` into targets keyed by their text-file path relative to the
 * data root (`targets/macrodetails/x.target`). Vectors are scaled by 1e-3; indices are checked
 * against `vertexCount`. Errors name `file:member`.
 */
export function parseTargetsNpz(bytes: Uint8Array, file: string, vertexCount: number): Map<string, MorphTarget> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (cause) {
    throw invalidAsset(file, `not a readable zip archive (${(cause as Error).message})`);
  }
  const result = new Map<string, MorphTarget>();
  for (const name of Object.keys(members).sort()) {
    if (!name.endsWith('.index.npy')) continue;
    const base = name.slice(0, -'.index.npy'.length);
    const vectorName = `${base}.vector.npy`;
    const where = `${file}:${name}`;
    if (!members[vectorName]) throw invalidAsset(file, `member ${vectorName} is missing for ${name}`);
    const index = parseNpy(members[name], where);
    const vector = parseNpy(members[vectorName], `${file}:${vectorName}`);
    const count = index.shape[0] ?? 0;
    if (index.shape.length !== 1 || vector.shape.length !== 2 || vector.shape[0] !== count || vector.shape[1] !== 3) {
      throw invalidAsset(file, `${base}: index shape [${index.shape.join(', ')}] does not match vector shape [${vector.shape.join(', ')}]`);
    }
    const indices = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      const v = Number(index.data[i]);
      if (v >= vertexCount) throw invalidAsset(where, `vertex index ${v} is out of range (0..${vertexCount - 1})`);
      indices[i] = v;
    }
    const deltas = new Float32Array(count * 3);
    for (let i = 0; i < count * 3; i++) deltas[i] = Number(vector.data[i]) * 1e-3;
    result.set(`${base}.target`, { indices, deltas });
  }
  return result;
}

/** Adds `weight` x target to `positions` (xyz per vertex) in place. */
export function applyTarget(positions: Float32Array, target: MorphTarget, weight: number): void {
  const { indices, deltas } = target;
  for (let i = 0; i < indices.length; i++) {
    const o = indices[i] * 3;
    positions[o] += weight * deltas[i * 3];
    positions[o + 1] += weight * deltas[i * 3 + 1];
    positions[o + 2] += weight * deltas[i * 3 + 2];
  }
}
