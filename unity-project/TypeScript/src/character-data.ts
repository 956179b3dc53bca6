/**
 * What the Unity player needs to know about a character besides what glTFast draws, read from the
 * glb itself with the embedded player's rules (render/character-model.ts), so both report the
 * same numbers: the skinned primitives in bind space (positions, joints, weights), the skin's
 * joints with their inverse bind matrices, parents and heads, the humanoid bones, the COCO-17
 * keypoint anchors, the bind-space bounds, height and vertex count. Pure.
 */
import { CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from '../../../orchestrator/src/contracts/humanoid-bones.js';
import { mat4FromTrs, mat4Identity, mat4Invert, mat4Multiply } from '../../../orchestrator/src/geometry/mat4.js';
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

export interface JointAnchor {
  joint: number;
  /** Bind-space position, metres. */
  positionM: Vec3;
}

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

interface GltfNode {
  name?: string;
  children?: number[];
  mesh?: number;
  skin?: number;
  matrix?: number[];
  translation?: number[];
  rotation?: number[];
  scale?: number[];
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

function localMatrix(node: GltfNode): Float64Array {
  if (node.matrix) return Float64Array.from(node.matrix);
  return mat4FromTrs(new Float64Array(16), node.translation ?? [0, 0, 0], node.rotation ?? [0, 0, 0, 1], node.scale ?? [1, 1, 1]);
}

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
  data.keypoints = keypointAnchors(data);
  return data;
}

function head(data: CharacterData, bone: string): JointAnchor | null {
  const j = data.humanoid[bone];
  if (j === undefined) return null;
  return { joint: j, positionM: [data.jointHeads[j * 3], data.jointHeads[j * 3 + 1], data.jointHeads[j * 3 + 2]] };
}

/**
 * The COCO-17 anchors by the embedded player's rule: body joints at the heads of the humanoid
 * bones (shoulder = upper arm, elbow = lower arm, wrist = hand, hip = upper leg, knee = lower
 * leg, ankle = foot); nose = the most forward head vertex, eyes = eye bones (or beside the
 * nose), ears = the outermost head vertices near eye height.
 */
export function keypointAnchors(data: CharacterData): (JointAnchor | null)[] {
  const headJoint = data.humanoid.Head;
  const anchors: (JointAnchor | null)[] = new Array<JointAnchor | null>(17).fill(null);
  const body: [number, string][] = [
    [5, 'LeftUpperArm'],
    [6, 'RightUpperArm'],
    [7, 'LeftLowerArm'],
    [8, 'RightLowerArm'],
    [9, 'LeftHand'],
    [10, 'RightHand'],
    [11, 'LeftUpperLeg'],
    [12, 'RightUpperLeg'],
    [13, 'LeftLowerLeg'],
    [14, 'RightLowerLeg'],
    [15, 'LeftFoot'],
    [16, 'RightFoot'],
  ];
  for (const [k, bone] of body) anchors[k] = head(data, bone);
  if (headJoint === undefined) return anchors;
  const inHead = new Uint8Array(data.jointParents.length);
  inHead[headJoint] = 1;
  for (let j = 0; j < data.jointParents.length; j++) if (data.jointParents[j] >= 0 && inHead[data.jointParents[j]]) inHead[j] = 1;
  const points: Vec3[] = [];
  for (const p of data.primitives) {
    if (p.alphaCutoff > 0) continue; // hair cards and lashes
    for (let i = 0; i < p.positions.length / 3; i++) {
      let best = 0;
      for (let k = 1; k < 4; k++) if (p.weights[i * 4 + k] > p.weights[i * 4 + best]) best = k;
      if (inHead[p.joints[i * 4 + best]]) points.push([p.positions[i * 3], p.positions[i * 3 + 1], p.positions[i * 3 + 2]]);
    }
  }
  if (points.length === 0) return anchors;
  let nose = points[0];
  for (const q of points) if (q[2] > nose[2]) nose = q;
  anchors[0] = { joint: headJoint, positionM: nose };
  const leftEye = head(data, 'LeftEye');
  const rightEye = head(data, 'RightEye');
  anchors[1] = leftEye ? { joint: headJoint, positionM: leftEye.positionM } : { joint: headJoint, positionM: [nose[0] + 0.032, nose[1] + 0.035, nose[2] - 0.03] };
  anchors[2] = rightEye ? { joint: headJoint, positionM: rightEye.positionM } : { joint: headJoint, positionM: [nose[0] - 0.032, nose[1] + 0.035, nose[2] - 0.03] };
  const eyeY = (anchors[1].positionM[1] + anchors[2].positionM[1]) / 2;
  let left: Vec3 | null = null;
  let right: Vec3 | null = null;
  for (const q of points) {
    if (Math.abs(q[1] - (eyeY - 0.02)) > 0.025) continue;
    if (!left || q[0] > left[0]) left = q;
    if (!right || q[0] < right[0]) right = q;
  }
  if (left) anchors[3] = { joint: headJoint, positionM: left };
  if (right) anchors[4] = { joint: headJoint, positionM: right };
  return anchors;
}
