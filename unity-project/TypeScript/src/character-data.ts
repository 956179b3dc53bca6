/**
 * What the Unity player needs to know about a character besides what glTFast draws, read from the
 * glb itself with the embedded player's rules (render/character-model.ts), so both report the
 * same numbers: the skinned primitives in bind space (positions, joints, weights), the skin's
 * joints with their inverse bind matrices, parents and heads, the humanoid bones, the COCO-17
 * keypoint anchors, the bind-space bounds, height and vertex count. Pure.
 */
import { CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from '../../../orchestrator/src/contracts/humanoid-bones.js';
import { mat4Identity, mat4Invert, mat4Multiply } from '../../../orchestrator/src/geometry/mat4.js';
import { keypointAnchors } from '../../../orchestrator/src/pose/keypoint-anchors.js';
import { localMatrix } from '../../../orchestrator/src/pose/pose-skeleton.js';
import type { GltfNode } from '../../../orchestrator/src/pose/pose-skeleton.js';
import type { JointAnchor } from '../../../orchestrator/src/pose/keypoint-anchors.js';
import { readAccessor } from './glb-accessors.js';
import type { GltfDocument } from './glb-accessors.js';

type Vec3 = [number, number, number];

export interface CharacterPrimitive {
  /** Bind-space positions (xyz), 4 joints and 4 weights per vertex. */
  positions: Float32Array;
  joints: Uint16Array;
  weights: Float32Array;
  /** The material's alpha cut-off (MASK: its cutoff, BLEND: 0.5, OPAQUE: 0), as the embedded renderer draws it. */
  alphaCutoff: number;
}

export type { JointAnchor } from '../../../orchestrator/src/pose/keypoint-anchors.js';

export interface CharacterData {
  /** The skin's joints (node names; `joint<i>` when unnamed), in skin order. */
  jointNames: string[];
  /** Name of each joint's Transform as glTFast names it (`Node-<index>` when unnamed). */
  jointNodeNames: string[];
  jointParents: Int32Array;
  /** Inverse bind matrices, 16 per joint, column-major. */
  inverseBind: Float64Array;
  /** Bind-space head (origin) of each joint, 3 per joint. */
  jointHeads: Float64Array;
  humanoid: Partial<Record<string, number>>;
  /** The 17 COCO keypoints (null where the rig lacks the bone). */
  keypoints: (JointAnchor | null)[];
  primitives: CharacterPrimitive[];
  vertexCount: number;
  heightM: number;
  boundsMin: Vec3;
  boundsMax: Vec3;
}

interface GltfJson extends GltfDocument {
  nodes?: GltfNode[];
  meshes?: { primitives: { attributes: Record<string, number>; indices?: number; material?: number; mode?: number }[] }[];
  skins?: { joints: number[]; inverseBindMatrices?: number }[];
  materials?: { alphaMode?: string; alphaCutoff?: number }[];
  extras?: { clonedperson?: { humanoidBones?: Record<string, string> } };
}

/** Humanoid names for glbs without `extras.clonedperson.humanoidBones`, as the embedded player uses. */
const FALLBACK_HUMANOID: Readonly<Record<string, string>> = { ...DEFAULT_RIG_HUMANOID, ...CMU_MB_HUMANOID };

/** Reads a character from its glb's parsed JSON chunk and binary chunk. Throws when it has no usable mesh. */
export function readCharacterData(gltfJson: unknown, bin: Uint8Array, id: string): CharacterData {
  const json = gltfJson as GltfJson;
  const invalid = (message: string): Error => new Error(`character ${id}: ${message}`);
  const nodes = json.nodes ?? [];
  const parentOf = new Map<number, number>();
  nodes.forEach((node, i) => node.children?.forEach((c) => parentOf.set(c, i)));
  const worldCache = new Map<number, Float64Array>();
  const worldMatrix = (i: number): Float64Array => {
    let m = worldCache.get(i);
    if (!m) {
      const parent = parentOf.get(i);
      m = parent === undefined ? localMatrix(nodes[i]) : mat4Multiply(new Float64Array(16), worldMatrix(parent), localMatrix(nodes[i]));
      worldCache.set(i, m);
    }
    return m;
  };
  const meshNodes = nodes.map((node, i) => ({ node, i })).filter(({ node }) => node.mesh !== undefined);
  const skinned = meshNodes.filter(({ node }) => node.skin !== undefined);
  const used = skinned.length > 0 ? skinned : meshNodes;
  if (used.length === 0) throw invalid('no mesh in the glb');
  const skin = used[0].node.skin === undefined ? undefined : json.skins?.[used[0].node.skin];
  const jointNodes = skin?.joints ?? [];
  const jointCount = Math.max(1, jointNodes.length);
  const inverseBind = new Float64Array(jointCount * 16);
  if (skin) {
    const ibm = skin.inverseBindMatrices === undefined ? undefined : readAccessor(json, bin, skin.inverseBindMatrices);
    jointNodes.forEach((node, j) => {
      if (ibm) inverseBind.set(ibm.subarray(j * 16, j * 16 + 16), j * 16);
      else inverseBind.set(mat4Invert(new Float64Array(16), worldMatrix(node)), j * 16);
    });
  } else inverseBind.set(mat4Identity());
  const jointNames = skin ? jointNodes.map((n, i) => nodes[n]?.name || `joint${i}`) : ['root'];
  const jointNodeNames = skin ? jointNodes.map((n) => nodes[n]?.name ?? `Node-${n}`) : ['root'];
  const jointParents = new Int32Array(jointCount).fill(-1);
  const jointHeads = new Float64Array(jointCount * 3);
  if (skin) {
    const indexOf = new Map(jointNodes.map((n, i) => [n, i]));
    jointNodes.forEach((node, j) => {
      let parent = parentOf.get(node);
      while (parent !== undefined && !indexOf.has(parent)) parent = parentOf.get(parent);
      jointParents[j] = parent === undefined ? -1 : indexOf.get(parent)!;
      const bind = mat4Invert(new Float64Array(16), inverseBind.subarray(j * 16, j * 16 + 16));
      jointHeads.set([bind[12], bind[13], bind[14]], j * 3);
    });
    for (let j = 0; j < jointCount; j++) {
      if (jointParents[j] >= j) throw invalid(`joint ${jointNames[j]} is listed before its parent; reorder the skin joints parent-first`);
    }
  }

  const primitives: CharacterPrimitive[] = [];
  for (const { node, i } of used) {
    const rigid = node.skin === undefined ? worldMatrix(i) : null;
    for (const primitive of json.meshes?.[node.mesh!]?.primitives ?? []) {
      if ((primitive.mode ?? 4) !== 4 || primitive.attributes.POSITION === undefined) continue;
      const positions = Float32Array.from(readAccessor(json, bin, primitive.attributes.POSITION));
      const count = positions.length / 3;
      if (rigid) {
        for (let v = 0; v < count; v++) {
          const x = positions[v * 3], y = positions[v * 3 + 1], z = positions[v * 3 + 2];
          positions[v * 3] = rigid[0] * x + rigid[4] * y + rigid[8] * z + rigid[12];
          positions[v * 3 + 1] = rigid[1] * x + rigid[5] * y + rigid[9] * z + rigid[13];
          positions[v * 3 + 2] = rigid[2] * x + rigid[6] * y + rigid[10] * z + rigid[14];
        }
      }
      let joints: Uint16Array;
      let weights: Float32Array;
      if (node.skin !== undefined) {
        joints = primitive.attributes.JOINTS_0 === undefined ? new Uint16Array(count * 4) : Uint16Array.from(readAccessor(json, bin, primitive.attributes.JOINTS_0));
        weights = primitive.attributes.WEIGHTS_0 === undefined ? new Float32Array(count * 4) : Float32Array.from(readAccessor(json, bin, primitive.attributes.WEIGHTS_0));
        for (let v = 0; v < count; v++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) {
            if (joints[v * 4 + k] >= jointCount) throw invalid(`vertex ${v} refers to joint ${joints[v * 4 + k]} of ${jointCount}`);
            sum += weights[v * 4 + k];
          }
          if (sum <= 0) {
            weights[v * 4] = 1;
            joints[v * 4] = 0;
          } else if (Math.abs(sum - 1) > 1e-4) for (let k = 0; k < 4; k++) weights[v * 4 + k] /= sum;
        }
      } else {
        joints = new Uint16Array(count * 4);
        weights = new Float32Array(count * 4);
        for (let v = 0; v < count; v++) weights[v * 4] = 1;
      }
      const material = primitive.material === undefined ? undefined : json.materials?.[primitive.material];
      const alphaMode = material?.alphaMode ?? 'OPAQUE';
      const alphaCutoff = alphaMode === 'MASK' ? (material?.alphaCutoff ?? 0.5) : alphaMode === 'BLEND' ? 0.5 : 0;
      primitives.push({ positions, joints, weights, alphaCutoff });
    }
  }
  if (primitives.length === 0) throw invalid('no triangle primitives');

  const boundsMin: Vec3 = [Infinity, Infinity, Infinity];
  const boundsMax: Vec3 = [-Infinity, -Infinity, -Infinity];
  let vertexCount = 0;
  for (const p of primitives) {
    vertexCount += p.positions.length / 3;
    for (let v = 0; v < p.positions.length; v += 3) {
      for (let k = 0; k < 3; k++) {
        boundsMin[k] = Math.min(boundsMin[k], p.positions[v + k]);
        boundsMax[k] = Math.max(boundsMax[k], p.positions[v + k]);
      }
    }
  }
  const declared = json.extras?.clonedperson?.humanoidBones;
  const humanoid: Partial<Record<string, number>> = {};
  jointNames.forEach((name, j) => {
    const bone = declared ? declared[name] : FALLBACK_HUMANOID[name];
    if (bone && humanoid[bone] === undefined) humanoid[bone] = j;
  });
  const data: CharacterData = {
    jointNames,
    jointNodeNames,
    jointParents,
    inverseBind,
    jointHeads,
    humanoid,
    keypoints: [],
    primitives,
    vertexCount,
    heightM: boundsMax[1] - Math.min(0, boundsMin[1]),
    boundsMin,
    boundsMax,
  };
  data.keypoints = keypointAnchors({ ...data, primitives: data.primitives.map((p) => ({ ...p, masked: p.alphaCutoff > 0 })) });
  return data;
}
