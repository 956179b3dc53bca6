/**
 * The binary side of a glb (glTF 2.0 binary) without a glTF library: the BIN chunk and typed
 * reads of accessors (float, normalised and plain integer components, byte strides). Sparse
 * accessors and external buffers are not supported: character glbs written by the characters
 * stage (glTF-Transform) have neither.
 */

export interface GltfAccessor {
  bufferView?: number;
  byteOffset?: number;
  componentType: number;
  normalized?: boolean;
  count: number;
  type: string;
  sparse?: unknown;
}

export interface GltfBufferView {
  buffer: number;
  byteOffset?: number;
  byteLength: number;
  byteStride?: number;
}

export interface GltfDocument {
  accessors?: GltfAccessor[];
  bufferViews?: GltfBufferView[];
}

const COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };
const COMPONENT_BYTES: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };

/** The BIN chunk of a glb (the chunk after the JSON chunk), or an empty view when there is none. */
export function glbBinaryChunk(glb: Uint8Array): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const at = 20 + jsonLength + ((4 - (jsonLength % 4)) % 4);
  if (at + 8 > glb.byteLength) return new Uint8Array(0);
  const length = view.getUint32(at, true);
  if (view.getUint32(at + 4, true) !== 0x004e4942 /* BIN\0 */) return new Uint8Array(0);
  return glb.subarray(at + 8, at + 8 + length);
}

/**
 * Reads accessor `index` as numbers: `count * components` values, normalised integers mapped to
 * [0, 1] (unsigned) or [-1, 1] (signed) as glTF specifies.
 */
export function readAccessor(json: GltfDocument, bin: Uint8Array, index: number): Float64Array {
  const accessor = json.accessors?.[index];
  if (!accessor) throw new Error(`accessor ${index} does not exist`);
  if (accessor.sparse) throw new Error(`accessor ${index} is sparse, which the player does not read`);
  const components = COMPONENTS[accessor.type];
  const size = COMPONENT_BYTES[accessor.componentType];
  if (!components || !size) throw new Error(`accessor ${index} has an unknown type ${accessor.type}/${accessor.componentType}`);
  const out = new Float64Array(accessor.count * components);
  if (accessor.bufferView === undefined) return out; // all zeros, as glTF says
  const bufferView = json.bufferViews?.[accessor.bufferView];
  if (!bufferView) throw new Error(`accessor ${index} names buffer view ${accessor.bufferView}, which does not exist`);
  if (bufferView.buffer !== 0) throw new Error(`accessor ${index} reads buffer ${bufferView.buffer}; only the glb's own buffer is read`);
  const stride = bufferView.byteStride ?? components * size;
  const base = (bufferView.byteOffset ?? 0) + (accessor.byteOffset ?? 0);
  if (base + stride * (accessor.count - 1) + components * size > bin.byteLength) throw new Error(`accessor ${index} reaches past the end of the binary chunk`);
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const normalized = accessor.normalized === true;
  for (let i = 0; i < accessor.count; i++) {
    for (let c = 0; c < components; c++) {
      const at = base + i * stride + c * size;
      let value: number;
      switch (accessor.componentType) {
        case 5126:
          value = view.getFloat32(at, true);
          break;
        case 5125:
          value = view.getUint32(at, true);
          break;
        case 5123:
          value = view.getUint16(at, true);
          if (normalized) value /= 65535;
          break;
        case 5122:
          value = view.getInt16(at, true);
          if (normalized) value = Math.max(value / 32767, -1);
          break;
        case 5121:
          value = view.getUint8(at);
          if (normalized) value /= 255;
          break;
        default:
          value = view.getInt8(at);
          if (normalized) value = Math.max(value / 127, -1);
      }
      out[i * components + c] = value;
    }
  }
  return out;
}
