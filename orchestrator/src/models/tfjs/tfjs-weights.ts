/**
 * Decodes a TF.js weights manifest over its shard bytes into named constant tensors. Each
 * group's shards are one byte stream, the group's weights laid end to end in manifest order.
 * Quantised weights are expanded to their declared dtype as TF.js does on load: float16 halves
 * to float32; uint8/uint16 as `min + q * scale` (rounded when the original was int32).
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { TfjsQuantization, TfjsWeightGroup } from './tfjs-model-json.js';

export type ConstantDtype = 'float32' | 'int32' | 'bool';

export interface ConstantTensor {
  dtype: ConstantDtype;
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

const half = new Float32Array(1);
const halfBits = new Uint32Array(half.buffer);

/** One IEEE 754 binary16 value (as its 16 bits) to a number. */
export function float16ToFloat32(bits: number): number {
  const sign = (bits & 0x8000) << 16;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) {
    // zero or subnormal: mantissa * 2^-24
    const value = mantissa * 2 ** -24;
    return sign ? -value : value;
  }
  if (exponent === 0x1f) halfBits[0] = sign | 0x7f800000 | (mantissa << 13); // inf / NaN
  else halfBits[0] = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
  return half[0];
}

function dtypeOf(name: string, dtype: string): ConstantDtype {
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return dtype;
  throw new ClonedPersonError('E_MODEL', `weight ${name}: dtype ${dtype} is not supported (float32, int32, bool)`, { details: { weight: name } });
}

function bytesPerElement(dtype: ConstantDtype, quantization: TfjsQuantization | undefined): number {
  if (quantization) return quantization.dtype === 'uint8' ? 1 : 2;
  return dtype === 'bool' ? 1 : 4;
}

function dequantise(bytes: Uint8Array, count: number, dtype: ConstantDtype, q: TfjsQuantization, name: string): Float32Array | Int32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (q.dtype === 'float16') {
    for (let i = 0; i < count; i++) out[i] = float16ToFloat32(view.getUint16(2 * i, true));
  } else if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    for (let i = 0; i < count; i++) out[i] = min + scale * (q.dtype === 'uint8' ? bytes[i] : view.getUint16(2 * i, true));
  } else {
    throw new ClonedPersonError('E_MODEL', `weight ${name}: quantisation ${String((q as { dtype: unknown }).dtype)} is not supported`, { details: { weight: name } });
  }
  return dtype === 'int32' ? Int32Array.from(out, Math.round) : out;
}

/**
 * Every weight of the manifest, by name. `shards[g][k]` are the bytes of `manifest[g].paths[k]`.
 * Throws E_MODEL when a group's bytes are shorter than its weights need.
 */
export function decodeTfjsWeights(manifest: readonly TfjsWeightGroup[], shards: readonly (readonly Uint8Array[])[]): Map<string, ConstantTensor> {
  const result = new Map<string, ConstantTensor>();
  manifest.forEach((group, g) => {
    const parts = shards[g] ?? [];
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    const stream = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      stream.set(part, at);
      at += part.length;
    }
    let offset = 0;
    for (const spec of group.weights) {
      const dtype = dtypeOf(spec.name, spec.dtype);
      const count = spec.shape.reduce((p, d) => p * d, 1);
      const size = count * bytesPerElement(dtype, spec.quantization);
      if (offset + size > stream.length) {
        throw new ClonedPersonError('E_MODEL', `weight ${spec.name} needs bytes ${offset}..${offset + size} of ${group.paths.join(' + ')}, which hold ${stream.length}`, {
          details: { weight: spec.name },
        });
      }
      // a copy, so every tensor is aligned and independent of the shard buffers
      const bytes = stream.slice(offset, offset + size);
      offset += size;
      let data: Float32Array | Int32Array | Uint8Array;
      if (spec.quantization) data = dequantise(bytes, count, dtype, spec.quantization, spec.name);
      else if (dtype === 'float32') data = new Float32Array(bytes.buffer, 0, count);
      else if (dtype === 'int32') data = new Int32Array(bytes.buffer, 0, count);
      else data = bytes;
      result.set(spec.name, { dtype, shape: [...spec.shape], data });
    }
  });
  return result;
}
