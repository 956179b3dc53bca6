/**
 * glb reading for the fake Unity engine's stand-in for glTFast (its own, not the player's):
 * nodes with their TRS, meshes with positions, joints, weights and indices, skins with inverse
 * bind matrices. Handles what glTF-Transform writes for the test characters (tightly packed or
 * strided float/uint accessors, normalised weights).
 */
import { readGlbJson } from '../../orchestrator/src/contracts/character.js';

export interface FakeGltfNode {
  name?: string;
  children?: number[];
  mesh?: number;
  skin?: number;
  translation?: [number, number, number];
  rotation?: [number, number, number, number];
  scale?: [number, number, number];
  matrix?: number[];
}

export interface FakeMesh {
  positions: Float64Array;
  joints: Float64Array | null;
  weights: Float64Array | null;
  indices: Uint32Array;
}

export interface FakeGltf {
  nodes: FakeGltfNode[];
  /** The root nodes of the default scene (`scene`), null when the glb names none. */
  scene: number[] | null;
  scenes: number[][];
  meshes: FakeMesh[][];
  skins: { joints: number[]; inverseBind: Float64Array | null }[];
}

interface Json {
  scene?: number;
  scenes?: { nodes?: number[] }[];
  nodes?: FakeGltfNode[];
  meshes?: { primitives: { attributes: Record<string, number>; indices?: number; mode?: number }[] }[];
  skins?: { joints: number[]; inverseBindMatrices?: number }[];
  accessors?: { bufferView?: number; byteOffset?: number; componentType: number; normalized?: boolean; count: number; type: string }[];
  bufferViews?: { byteOffset?: number; byteLength: number; byteStride?: number }[];
}

const SIZES: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 };
const BYTES: Record<number, number> = { 5121: 1, 5123: 2, 5125: 4, 5126: 4 };

export function parseFakeGltf(glb: Uint8Array): FakeGltf {
  const json = readGlbJson(glb, 'fake glTFast') as Json;
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const binAt = 20 + jsonLength + ((4 - (jsonLength % 4)) % 4);
  const bin = binAt + 8 <= glb.length ? glb.subarray(binAt + 8, binAt + 8 + view.getUint32(binAt, true)) : new Uint8Array(0);
  const binView = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const accessor = (index: number): Float64Array => {
    const a = json.accessors![index];
    const bufferView = json.bufferViews![a.bufferView!];
    const n = SIZES[a.type], size = BYTES[a.componentType];
    const stride = bufferView.byteStride ?? n * size;
    const out = new Float64Array(a.count * n);
    for (let i = 0; i < a.count; i++) {
      for (let c = 0; c < n; c++) {
        const at = (bufferView.byteOffset ?? 0) + (a.byteOffset ?? 0) + i * stride + c * size;
        let v = a.componentType === 5126 ? binView.getFloat32(at, true) : a.componentType === 5125 ? binView.getUint32(at, true) : a.componentType === 5123 ? binView.getUint16(at, true) : binView.getUint8(at);
        if (a.normalized) v /= a.componentType === 5123 ? 65535 : 255;
        out[i * n + c] = v;
      }
    }
    return out;
  };
  const meshes = (json.meshes ?? []).map((mesh) =>
    mesh.primitives
      .filter((p) => (p.mode ?? 4) === 4 && p.attributes.POSITION !== undefined)
      .map((p) => {
        const positions = accessor(p.attributes.POSITION);
        return {
          positions,
          joints: p.attributes.JOINTS_0 === undefined ? null : accessor(p.attributes.JOINTS_0),
          weights: p.attributes.WEIGHTS_0 === undefined ? null : accessor(p.attributes.WEIGHTS_0),
          indices: p.indices === undefined ? Uint32Array.from({ length: positions.length / 3 }, (_, i) => i) : Uint32Array.from(accessor(p.indices)),
        };
      }),
  );
  const skins = (json.skins ?? []).map((s) => ({ joints: s.joints, inverseBind: s.inverseBindMatrices === undefined ? null : accessor(s.inverseBindMatrices) }));
  const scene = json.scene === undefined ? null : (json.scenes?.[json.scene]?.nodes ?? []);
  return { nodes: json.nodes ?? [], scene, scenes: (json.scenes ?? []).map((s) => s.nodes ?? []), meshes, skins };
}
