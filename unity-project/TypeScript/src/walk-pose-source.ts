/**
 * The walk pose for the Unity stage from the pose module both players use
 * (orchestrator/src/pose): the skeleton from the glb's JSON chunk, the walk pose for a step's
 * phase, speed and the person's gait seed (from the character id, as the embedded player does),
 * the root bones moved by the pose's offset. Pure.
 */
import { poseSkeletonFromGltf } from '../../../orchestrator/src/pose/pose-skeleton.js';
import type { PoseSkeleton } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { gaitSeed, walkPose } from '../../../orchestrator/src/pose/walk-pose.js';
import type { WalkPose } from '../../../orchestrator/src/pose/walk-pose.js';
import type { WirePerson } from '../../../protocol/src/index.js';
import type { CharacterData } from './character-data.js';
import type { BonePose, PoseSource } from './unity-stage.js';

interface PreparedSkeleton {
  skeleton: PoseSkeleton;
  walk: WalkPose;
}

/** `extras.clonedperson.humanoidBones` when declared, read as leniently as the embedded player reads it. */
function declaredHumanoid(gltfJson: unknown): { humanoidBones: Record<string, string> } | undefined {
  const bones = (gltfJson as { extras?: { clonedperson?: { humanoidBones?: unknown } } }).extras?.clonedperson?.humanoidBones;
  return bones && typeof bones === 'object' ? { humanoidBones: bones as Record<string, string> } : undefined;
}

export const walkPoseSource: PoseSource = {
  prepare(gltfJson: unknown, data: CharacterData): PreparedSkeleton {
    const skeleton = poseSkeletonFromGltf(gltfJson, declaredHumanoid(gltfJson));
    if (skeleton.bones.length !== data.jointNames.length || skeleton.bones.some((b, j) => b.name !== data.jointNames[j])) {
      throw new Error('the pose skeleton and the skin joints differ');
    }
    return { skeleton, walk: { rotations: new Float64Array(skeleton.bones.length * 4), rootOffsetM: [0, 0, 0] } };
  },
  pose(prepared: unknown, person: WirePerson): BonePose {
    const { skeleton, walk } = prepared as PreparedSkeleton;
    walkPose(skeleton, { walkPhase: person.walkPhase, speedMps: person.speedMps, personSeed: gaitSeed(person.characterId) }, walk);
    const [ox, oy, oz] = walk.rootOffsetM;
    const roots = skeleton.bones.flatMap((bone, b) => {
      if (bone.parent >= 0) return [];
      const [tx, ty, tz] = bone.restTranslationM;
      return [{ bone: b, translationM: [tx + ox, ty + oy, tz + oz] as const }];
    });
    return { rotations: walk.rotations, roots };
  },
};
