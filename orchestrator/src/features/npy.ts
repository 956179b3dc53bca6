/**
 * NumPy `.npy` encoding and parsing (format versions 1.0, 2.0 and 3.0), so features
 * interoperate with Python tools. We write float32 `[N, D]` little-endian C-order arrays (and
 * int32 vectors for labels); we read float32/float64/float16 and integer dtypes of any
 * byte order and either memory order, returning float32 or int32 data in C order.
 */
import { ClonedPersonError } from '../shared/errors.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyArray {
  shape: number[];
  /** Values in C (row-major) order. Float dtypes become Float32Array, integer ones Int32Array. */
  data: Float32Array | Int32Array;
  /** The dtype descriptor as stored, e.g. `<f4`. */
  descr: string;
}

function fail(label: string, message: string): never {
  throw new ClonedPersonError('E_NPY_INVALID', `${label}: ${message}`, { details: { file: label } });
}

/** Parses the Python-literal header dict, e.g. `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. */
function parseHeader(text: string, label: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(label, `unreadable header ${JSON.stringify(text.trim())}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const v = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(v) || v < 0) fail(label, `bad shape entry ${JSON.stringify(s)}`);
      return v;
    });
  return { descr, fortranOrder: fortran === 'True', shape };
}

type Reader = (view: DataView, offset: number, littleEndian: boolean) => number;

function readerFor(descr: string, label: string): { size: number; read: Reader; integer: boolean; littleEndian: boolean } {
  const order = descr[0];
  const kind = descr.slice(1);
  const littleEndian = order === '<' || order === '|' || order === '=';
  if (order === '>' || littleEndian) {
    switch (kind) {
      case 'f4':
        return { size: 4, read: (v, o, le) => v.getFloat32(o, le), integer: false, littleEndian };
      case 'f8':
        return { size: 8, read: (v, o, le) => v.getFloat64(o, le), integer: false, littleEndian };
      case 'f2':
        return { size: 2, read: (v, o, le) => halfToFloat(v.getUint16(o, le)), integer: false, littleEndian };
      case 'i1':
        return { size: 1, read: (v, o) => v.getInt8(o), integer: true, littleEndian };
      case 'u1':
        return { size: 1, read: (v, o) => v.getUint8(o), integer: true, littleEndian };
      case 'i2':
        return { size: 2, read: (v, o, le) => v.getInt16(o, le), integer: true, littleEndian };
      case 'i4':
        return { size: 4, read: (v, o, le) => v.getInt32(o, le), integer: true, littleEndian };
      case 'i8':
        return {
          size: 8,
          read: (v, o, le) => {
            const value = v.getBigInt64(o, le);
            if (value > 2147483647n || value < -2147483648n) fail(label, `int64 value ${value} does not fit int32`);
            return Number(value);
          },
          integer: true,
          littleEndian,
        };
    }
  }
  return fail(label, `unsupported dtype ${descr} (use float32, float64, float16 or an integer type)`);
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Parses `.npy` bytes. Throws E_NPY_INVALID for a bad magic, header, dtype or length. */
export function parseNpy(bytes: Uint8Array, label = 'npy'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail(label, 'not a .npy file (bad magic)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail(label, 'truncated header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    return fail(label, `unsupported .npy format version ${major}`);
  }
  if (headerStart + headerLength > bytes.length) fail(label, 'truncated header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const { descr, fortranOrder, shape } = parseHeader(header, label);
  const { size, read, integer, littleEndian } = readerFor(descr, label);
  const count = shape.reduce((p, s) => p * s, 1);
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart !== count * size) {
    fail(label, `holds ${bytes.length - dataStart} data bytes, expected ${count * size} for shape (${shape.join(', ')}) of ${descr}`);
  }
  const data = integer ? new Int32Array(count) : new Float32Array(count);
  if (!integer && descr.slice(1) === 'f4' && littleEndian && !fortranOrder && (bytes.byteOffset + dataStart) % 4 === 0) {
    data.set(new Float32Array(bytes.buffer, bytes.byteOffset + dataStart, count));
    return { shape, data, descr };
  }
  // Fortran order: element (i0, i1, ...) is stored with the first index varying fastest.
  const strides = new Array<number>(shape.length).fill(1);
  if (fortranOrder) {
    for (let a = 1; a < shape.length; a++) strides[a] = strides[a - 1] * shape[a - 1];
  }
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < count; c++) {
    let source = c;
    if (fortranOrder) {
      source = 0;
      for (let a = 0; a < shape.length; a++) source += index[a] * strides[a];
      for (let a = shape.length - 1; a >= 0; a--) {
        if (++index[a] < shape[a]) break;
        index[a] = 0;
      }
    }
    data[c] = read(view, dataStart + source * size, littleEndian);
  }
  return { shape, data, descr };
}

/** Encodes a C-order float32 or int32 array as `.npy` version 1.0 bytes. */
export function encodeNpy(data: Float32Array | Int32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((p, s) => p * s, 1);
  if (count !== data.length) {
    throw new ClonedPersonError('E_ARGUMENT', `encodeNpy: shape (${shape.join(', ')}) needs ${count} values, got ${data.length}`);
  }
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // pad with spaces so that the data starts on a 64-byte boundary; the header ends with \n
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new ClonedPersonError('E_INTERNAL', 'big-endian hosts are not supported');
  out.set(bytes, 10 + header.length);
  return out;
}
