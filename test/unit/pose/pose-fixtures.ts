/** Pose skeletons for the pose tests: the box test figure's, read from its glb like the players do. */
import { readGlbJson } from '../../../orchestrator/src/contracts/character.js';
import { poseSkeletonFromGltf } from '../../../orchestrator/src/pose/pose-skeleton.js';
import type { PoseSkeleton } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { buildSkinnedFigureGlb } from '../../helpers/gltf-fixtures.js';

/** The skeleton of a glb, with its declared humanoid bones (the test figure's extras are partial). */
export function skeletonOfGlb(glb: Uint8Array): PoseSkeleton {
  const json = readGlbJson(glb, 'test glb') as { extras?: { clonedperson?: { humanoidBones?: Record<string, string> } } };
  const humanoidBones = json.extras?.clonedperson?.humanoidBones;
  return poseSkeletonFromGltf(json, humanoidBones ? { humanoidBones } : undefined);
}

let figure: PoseSkeleton | undefined;

export async function figureSkeleton(): Promise<PoseSkeleton> {
  figure ??= skeletonOfGlb(await buildSkinnedFigureGlb());
  return figure;
}
