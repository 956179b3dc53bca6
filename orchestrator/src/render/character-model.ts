/**
 * Characters as the renderer sees them: skinned triangle meshes in bind space (metres, +Y up,
 * facing +Z, feet at y = 0) with textures, the joint hierarchy with each joint's bind-space
 * head position and inverse bind matrix, the pose module's skeleton (from the glb's JSON, as the
 * Unity player reads it), the humanoid bones, and the 3D anchors of the 17 COCO keypoints.
 * Built from a glTF-Transform `Document` (see {@link characterModelFromDocument}); the file edge
 * is character-loader.ts.
 */
import { NodeIO } from '@gltf-transform/core';
import type { Document, Node } from '@gltf-transform/core';
import type { GlbExtras } from '../contracts/character.js';
import { keypointAnchors } from '../pose/keypoint-anchors.js';
import type { JointAnchor } from '../pose/keypoint-anchors.js';
import { poseSkeletonFromGltf } from '../pose/pose-skeleton.js';
import type { PoseSkeleton } from '../pose/pose-skeleton.js';
import { CMU_MB_HUMANOID, DEFAULT_RIG_HUMANOID } from '../contracts/humanoid-bones.js';
import { ClonedPersonError } from '../shared/errors.js';
import { mat4Identity, mat4Invert, mat4Multiply } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/mat4.js';
import type { Material } from './rasterizer.js';
import { convertMaterial, readAttribute } from './gltf-mesh-data.js';
import { shadowMesh } from './shadow-mesh.js';

/** The humanoid bones the keypoints use (Unity HumanBodyBones names). */
const HUMANOID_BONES = [
  'Hips',
  'Spine',
  'Chest',
  'UpperChest',
  'Neck',
  'Head',
  'LeftUpperLeg',
  'LeftLowerLeg',
  'LeftFoot',
  'RightUpperLeg',
  'RightLowerLeg',
  'RightFoot',
  'LeftShoulder',
  'LeftUpperArm',
  'LeftLowerArm',
  'LeftHand',
  'RightShoulder',
  'RightUpperArm',
  'RightLowerArm',
  'RightHand',
  'LeftEye',
  'RightEye',
] as const;
export type HumanoidBone = (typeof HUMANOID_BONES)[number];

/** COCO-17 keypoint order. */
export const COCO_KEYPOINTS = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
] as const;

/**
 * Humanoid names for the MakeHuman rigs when a glb has no `extras.clonedperson.humanoidBones`
 * (glb files from elsewhere): the characters stage's tables for the default and cmu_mb rigs.
 */
const FALLBACK_HUMANOID: Readonly<Record<string, string>> = { ...DEFAULT_RIG_HUMANOID, ...CMU_MB_HUMANOID };

export interface CharacterPrimitive {
  /** Bind-space positions, normals (xyz), UVs (uv), 4 joint indices and 4 weights per vertex. */
  positions: Float32Array;
  normals: Float32Array | null;
  uvs: Float32Array | null;
  joints: Uint16Array;
  weights: Float32Array;
  indices: Uint32Array;
  /** Coarse triangles for ground shadows over a subset of the same vertices (see shadow-mesh.ts). */
  shadowVertices: Uint32Array;
  shadowIndices: Uint32Array;
  material: Material;
}

export type { JointAnchor } from '../pose/keypoint-anchors.js';

export interface CharacterModel {
  id: string;
  primitives: CharacterPrimitive[];
  jointNames: string[];
  /** Parent joint index or -1. Parents come before children. */
  jointParents: Int32Array;
  /** Bind-space head (origin) of each joint, 3 per joint. */
  jointHeads: Float64Array;
  /** Inverse bind matrix of each joint, 16 per joint (column-major; identity for rigid models). */
  inverseBindMatrices: Float64Array;
  /** The skeleton the pose module drives (one rest bone for rigid models). */
  skeleton: PoseSkeleton;
  /** Humanoid bone -> joint index (only bones found). */
  humanoid: Partial<Record<HumanoidBone, number>>;
  /** The 17 COCO keypoints as joint anchors (null where the rig lacks the bone). */
  keypoints: (JointAnchor | null)[];
  /** Top of the head above the soles, metres. */
  heightM: number;
  vertexCount: number;
  /** Bind-space bounding box. */
  boundsMin: Vec3;
  boundsMax: Vec3;
}

export type { ImageDecoder } from './gltf-mesh-data.js';
import type { ImageDecoder } from './gltf-mesh-data.js';

function invalid(id: string, message: string): ClonedPersonError {
  return new ClonedPersonError('E_CHARACTER_INVALID', `character ${id}: ${message}`, { details: { characterId: id } });
}

function nodeWorldMatrix(node: Node): Float64Array {
  return Float64Array.from(node.getWorldMatrix());
}

/** The rest skeleton of a rigid model: one bone at the origin. */
const RIGID_SKELETON: PoseSkeleton = { bones: [{ name: 'root', parent: -1, restTranslationM: [0, 0, 0], restRotation: [0, 0, 0, 1] }], humanoid: {} };

/**
 * Builds a {@link CharacterModel} from a glTF document: the first skinned mesh node (or, for
 * static props, the first mesh, rigidly attached to one implicit joint), its skin and materials.
 * Textures are decoded with `decode` into shared mip chains. The pose skeleton is read from the
 * glb's JSON chunk (`gltfJson`, the parsed JSON the document came from; re-serialised from the
 * document when absent). Throws E_CHARACTER_INVALID when the document has no triangle mesh.
 */
export async function characterModelFromDocument(document: Document, id: string, decode: ImageDecoder, gltfJson?: unknown): Promise<CharacterModel> {
  const root = document.getRoot();
  const nodes = root.listNodes();
  const meshNodes = nodes.filter((n) => n.getMesh());
  const skinned = meshNodes.filter((n) => n.getSkin());
  const used = skinned.length > 0 ? skinned : meshNodes;
  if (used.length === 0) throw invalid(id, 'no mesh in the glb');
  const skin = used[0].getSkin();
  let jointNodes: Node[] = [];
  let inverseBind: Float64Array[] = [];
  if (skin) {
    jointNodes = skin.listJoints();
    const ibm = skin.getInverseBindMatrices();
    inverseBind = jointNodes.map((joint, j) => {
      if (ibm) return Float64Array.from(ibm.getElement(j, []));
      return mat4Invert(new Float64Array(16), nodeWorldMatrix(joint));
    });
  }
  const jointCount = Math.max(1, jointNodes.length);
  const inverseBindMatrices = new Float64Array(jointCount * 16);
  if (skin) inverseBind.forEach((m, j) => inverseBindMatrices.set(m, j * 16));
  else mat4Identity(inverseBindMatrices);
  const jointNames = skin ? jointNodes.map((n, i) => n.getName() || `joint${i}`) : ['root'];
  const jointParents = new Int32Array(jointCount).fill(-1);
  const jointHeads = new Float64Array(jointCount * 3);
  if (skin) {
    const indexOf = new Map(jointNodes.map((n, i) => [n, i]));
    jointNodes.forEach((node, j) => {
      let parent = node.getParentNode();
      while (parent && !indexOf.has(parent)) parent = parent.getParentNode();
      jointParents[j] = parent ? indexOf.get(parent)! : -1;
      const bind = mat4Invert(new Float64Array(16), inverseBind[j]);
      jointHeads.set([bind[12], bind[13], bind[14]], j * 3);
    });
    // The pose code walks joints in order and needs parents first.
    for (let j = 0; j < jointCount; j++) {
      if (jointParents[j] >= j) throw invalid(id, `joint ${jointNames[j]} is listed before its parent; reorder the skin joints parent-first`);
    }
  }

  const materials = new Map<unknown, Material>();
  const primitives: CharacterPrimitive[] = [];
  const rigid = mat4Identity();
  for (const node of used) {
    // Skinned vertices ignore the mesh node's transform (glTF spec); rigid meshes use it.
    const transform = node.getSkin() ? mat4Identity() : nodeWorldMatrix(node);
    mat4Multiply(rigid, transform, mat4Identity());
    for (const primitive of node.getMesh()!.listPrimitives()) {
      if (primitive.getMode() !== 4) continue; // triangles only
      const position = primitive.getAttribute('POSITION');
      if (!position) continue;
      const count = position.getCount();
      const positions = readAttribute(primitive, 'POSITION', 3, count, Float32Array)!;
      let normals = readAttribute(primitive, 'NORMAL', 3, count, Float32Array);
      if (!node.getSkin()) {
        for (let i = 0; i < count; i++) {
          const x = positions[i * 3], y = positions[i * 3 + 1], z = positions[i * 3 + 2];
          positions[i * 3] = rigid[0] * x + rigid[4] * y + rigid[8] * z + rigid[12];
          positions[i * 3 + 1] = rigid[1] * x + rigid[5] * y + rigid[9] * z + rigid[13];
          positions[i * 3 + 2] = rigid[2] * x + rigid[6] * y + rigid[10] * z + rigid[14];
          if (normals) {
            const nx = normals[i * 3], ny = normals[i * 3 + 1], nz = normals[i * 3 + 2];
            normals[i * 3] = rigid[0] * nx + rigid[4] * ny + rigid[8] * nz;
            normals[i * 3 + 1] = rigid[1] * nx + rigid[5] * ny + rigid[9] * nz;
            normals[i * 3 + 2] = rigid[2] * nx + rigid[6] * ny + rigid[10] * nz;
          }
        }
      }
      const material = await convertMaterial(primitive.getMaterial(), decode, materials, `character ${id}`);
      const texCoord = primitive.getMaterial()?.getBaseColorTextureInfo()?.getTexCoord() ?? 0;
      const uvs = readAttribute(primitive, `TEXCOORD_${texCoord}`, 2, count, Float32Array);
      let joints: Uint16Array;
      let weights: Float32Array;
      if (node.getSkin()) {
        joints = readAttribute(primitive, 'JOINTS_0', 4, count, Uint16Array) ?? new Uint16Array(count * 4);
        weights = readAttribute(primitive, 'WEIGHTS_0', 4, count, Float32Array) ?? new Float32Array(count * 4);
        for (let i = 0; i < count; i++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) {
            if (joints[i * 4 + k] >= jointCount) throw invalid(id, `vertex ${i} refers to joint ${joints[i * 4 + k]} of ${jointCount}`);
            sum += weights[i * 4 + k];
          }
          if (sum <= 0) {
            weights[i * 4] = 1;
            joints[i * 4] = 0;
          } else if (Math.abs(sum - 1) > 1e-4) for (let k = 0; k < 4; k++) weights[i * 4 + k] /= sum;
        }
      } else {
        joints = new Uint16Array(count * 4);
        weights = new Float32Array(count * 4);
        for (let i = 0; i < count; i++) weights[i * 4] = 1;
      }
      if (normals) {
        for (let i = 0; i < count; i++) {
          const l = Math.hypot(normals[i * 3], normals[i * 3 + 1], normals[i * 3 + 2]) || 1;
          normals[i * 3] /= l;
          normals[i * 3 + 1] /= l;
          normals[i * 3 + 2] /= l;
        }
      } else normals = null;
      const indexAccessor = primitive.getIndices();
      const indices = indexAccessor
        ? Uint32Array.from({ length: indexAccessor.getCount() }, (_, i) => indexAccessor.getScalar(i))
        : Uint32Array.from({ length: count }, (_, i) => i);
      const shadow = shadowMesh(positions, indices);
      primitives.push({ positions, normals, uvs, joints, weights, indices, shadowVertices: shadow.vertices, shadowIndices: shadow.indices, material });
    }
  }
  if (primitives.length === 0) throw invalid(id, 'no triangle primitives');

  const boundsMin: Vec3 = [Infinity, Infinity, Infinity];
  const boundsMax: Vec3 = [-Infinity, -Infinity, -Infinity];
  let vertexCount = 0;
  for (const p of primitives) {
    vertexCount += p.positions.length / 3;
    for (let i = 0; i < p.positions.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        boundsMin[k] = Math.min(boundsMin[k], p.positions[i + k]);
        boundsMax[k] = Math.max(boundsMax[k], p.positions[i + k]);
      }
    }
  }

  const humanoid = readHumanoidMap(document, jointNames);
  const skeleton = skin ? poseSkeletonFromGltf(gltfJson ?? (await new NodeIO().writeJSON(document)).json, declaredHumanoid(document)) : RIGID_SKELETON;
  if (skeleton.bones.length !== jointCount || skeleton.bones.some((b, j) => b.name !== jointNames[j])) {
    throw invalid(id, 'the skin joints of the glb JSON differ from the document (expected the same first skinned mesh)');
  }
  const model: CharacterModel = {
    id,
    primitives,
    jointNames,
    jointParents,
    jointHeads,
    inverseBindMatrices,
    skeleton,
    humanoid,
    keypoints: [],
    heightM: boundsMax[1] - Math.min(0, boundsMin[1]),
    vertexCount,
    boundsMin,
    boundsMax,
  };
  model.keypoints = keypointAnchors({ ...model, primitives: model.primitives.map((p) => ({ ...p, masked: (p.material.alphaCutoff ?? 0) > 0 })) });
  return model;
}

/** `extras.clonedperson.humanoidBones` when the glb declares them (read leniently: glbs from elsewhere carry partial extras). */
function declaredHumanoid(document: Document): Pick<GlbExtras, 'humanoidBones'> | undefined {
  const extras = document.getRoot().getExtras() as { clonedperson?: { humanoidBones?: unknown } };
  const bones = extras.clonedperson?.humanoidBones;
  return bones && typeof bones === 'object' ? { humanoidBones: bones as Record<string, string> } : undefined;
}

function readHumanoidMap(document: Document, jointNames: string[]): Partial<Record<HumanoidBone, number>> {
  const declared = declaredHumanoid(document)?.humanoidBones;
  const map: Partial<Record<HumanoidBone, number>> = {};
  const known = new Set<string>(HUMANOID_BONES);
  jointNames.forEach((name, j) => {
    const bone = declared ? declared[name] : FALLBACK_HUMANOID[name];
    if (bone && known.has(bone) && map[bone as HumanoidBone] === undefined) map[bone as HumanoidBone] = j;
  });
  return map;
}
