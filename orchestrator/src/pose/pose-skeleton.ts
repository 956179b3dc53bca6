/**
 * The skeleton the pose module drives, read from a glb's JSON chunk without a glTF library (so
 * the Unity player, which reads the same chunk in its PuerTS bundle, builds the identical
 * skeleton): the joints of the first skinned mesh's skin, in the skin's order, with each bone's
 * rest translation and rotation relative to its parent bone (glTF space: metres, +Y up, the
 * character facing +Z, its left at +X), and the humanoid bones by Unity `HumanBodyBones` name.
 */
import type { GlbExtras } from '../contracts/character.js';
import { CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from '../contracts/humanoid-bones.js';
import { mat4FromTrs, mat4Identity, mat4Multiply, mat4ToQuaternion } from '../geometry/mat4.js';
import { ClonedPersonError } from '../shared/errors.js';

export interface PoseBone {
  /** The glTF node's name (MakeHuman bone name for our characters). */
  name: string;
  /** Index of the parent bone in `bones`, -1 for the root. Parents come before children. */
  parent: number;
  /** Rest translation in the parent bone's frame, metres. */
  restTranslationM: [number, number, number];
  /** Rest rotation relative to the parent bone, unit quaternion [x, y, z, w]. */
  restRotation: [number, number, number, number];
}

export interface PoseSkeleton {
  bones: PoseBone[];
  /** Unity `HumanBodyBones` name -> index in `bones` (only the bones the rig has). */
  humanoid: Partial<Record<string, number>>;
}

/** Humanoid names for glbs without `extras.clonedperson.humanoidBones`: both MakeHuman rigs' tables. */
const FALLBACK_HUMANOID: Readonly<Record<string, string>> = { ...DEFAULT_RIG_HUMANOID, ...CMU_MB_HUMANOID };

/** The fields of a glTF node the skeleton (and the Unity player's character reader) use. */
export interface GltfNode {
  name?: string;
  children?: number[];
  mesh?: number;
  skin?: number;
  matrix?: number[];
  translation?: number[];
  rotation?: number[];
  scale?: number[];
}

interface GltfJson {
  nodes?: GltfNode[];
  skins?: { joints: number[] }[];
}

function invalid(message: string): ClonedPersonError {
  return new ClonedPersonError('E_CHARACTER_INVALID', `skeleton: ${message}`);
}

/** A node's local matrix (its `matrix`, or T * R * S). */
export function localMatrix(node: GltfNode): Float64Array {
  if (node.matrix) return Float64Array.from(node.matrix);
  return mat4FromTrs(new Float64Array(16), node.translation ?? [0, 0, 0], node.rotation ?? [0, 0, 0, 1], node.scale ?? [1, 1, 1]);
}

/**
 * The skeleton of a glb (its parsed JSON chunk, see contracts/character.ts `readGlbJson`) and
 * its extras (only `humanoidBones` is read). Bones are the joints of the skin of the first skinned mesh node; a parent bone is
 * the nearest joint among a node's ancestors (non-joint nodes in between are folded into the
 * child's rest transform). Scale is assumed to be 1 (MakeHuman rigs). Throws
 * E_CHARACTER_INVALID when there is no skin or its joints are not listed parents first.
 */
export function poseSkeletonFromGltf(gltfJson: unknown, extras: Pick<GlbExtras, 'humanoidBones'> | undefined): PoseSkeleton {
  const json = gltfJson as GltfJson;
  const nodes = json.nodes ?? [];
  const skinned = nodes.find((n) => n.mesh !== undefined && n.skin !== undefined);
  if (!skinned || !json.skins?.[skinned.skin!]) throw invalid('the glb has no skinned mesh');
  const joints = json.skins[skinned.skin!].joints;
  const parentOf = new Map<number, number>();
  nodes.forEach((node, i) => node.children?.forEach((c) => parentOf.set(c, i)));
  const boneOf = new Map(joints.map((node, b) => [node, b]));
  const bones: PoseBone[] = joints.map((nodeIndex, b) => {
    const node = nodes[nodeIndex];
    if (!node) throw invalid(`skin joint ${b} names node ${nodeIndex}, which does not exist`);
    let matrix = localMatrix(node);
    let up = parentOf.get(nodeIndex);
    while (up !== undefined && !boneOf.has(up)) {
      matrix = mat4Multiply(new Float64Array(16), localMatrix(nodes[up]), matrix);
      up = parentOf.get(up);
    }
    const parent = up === undefined ? -1 : boneOf.get(up)!;
    if (parent >= b) throw invalid(`joint ${node.name ?? b} is listed before its parent; reorder the skin joints parent-first`);
    // A root bone keeps only its own transform (its ancestors place the whole character).
    if (parent < 0) matrix = localMatrix(node);
    const rotation = mat4ToQuaternion(matrix);
    return {
      name: node.name ?? `joint${b}`,
      parent,
      restTranslationM: [matrix[12], matrix[13], matrix[14]],
      restRotation: rotation,
    };
  });
  const declared = extras?.humanoidBones;
  const humanoid: Partial<Record<string, number>> = {};
  bones.forEach((bone, b) => {
    const name = declared ? declared[bone.name] : FALLBACK_HUMANOID[bone.name];
    if (name && humanoid[name] === undefined) humanoid[name] = b;
  });
  return { bones, humanoid };
}

/** Rest-pose model-space rotations and head positions of every bone (the root's parent taken as the model frame). */
export function restGlobals(skeleton: PoseSkeleton): { rotations: Float64Array; positions: Float64Array } {
  const n = skeleton.bones.length;
  const matrices = new Float64Array(n * 16);
  const rotations = new Float64Array(n * 4);
  const positions = new Float64Array(n * 3);
  const local = mat4Identity();
  skeleton.bones.forEach((bone, b) => {
    mat4FromTrs(local, bone.restTranslationM, bone.restRotation, [1, 1, 1]);
    const target = matrices.subarray(b * 16, b * 16 + 16);
    if (bone.parent < 0) target.set(local);
    else mat4Multiply(target, matrices.subarray(bone.parent * 16, bone.parent * 16 + 16), local);
    rotations.set(mat4ToQuaternion(target), b * 4);
    positions.set([target[12], target[13], target[14]], b * 3);
  });
  return { rotations, positions };
}

/** Length of the legs (hip to knee to ankle, mean of both sides) at rest, metres; undefined without leg bones. */
export function legLengthM(skeleton: PoseSkeleton): number | undefined {
  const { positions } = restGlobals(skeleton);
  const h = skeleton.humanoid;
  const distance = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : Math.hypot(positions[a * 3] - positions[b * 3], positions[a * 3 + 1] - positions[b * 3 + 1], positions[a * 3 + 2] - positions[b * 3 + 2]);
  const sides = [
    [h.LeftUpperLeg, h.LeftLowerLeg, h.LeftFoot],
    [h.RightUpperLeg, h.RightLowerLeg, h.RightFoot],
  ].flatMap(([hip, knee, ankle]) => {
    const thigh = distance(hip, knee);
    const shin = distance(knee, ankle);
    return thigh === undefined || shin === undefined ? [] : [thigh + shin];
  });
  return sides.length ? sides.reduce((a, b) => a + b, 0) / sides.length : undefined;
}

