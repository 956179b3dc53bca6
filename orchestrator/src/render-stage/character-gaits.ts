/**
 * The walk cycle length of each character (pose/walk-pose.ts on the skeleton read from its
 * .glb's JSON, with the person's gait seed from the character id), so the choreography advances
 * every person's walk phase at the rate that keeps their feet planted.
 */
import { readGlbJson } from '../contracts/character.js';
import { poseSkeletonFromGltf } from '../pose/pose-skeleton.js';
import type { PoseSkeleton } from '../pose/pose-skeleton.js';
import { gaitSeed, walkCycleLengthM } from '../pose/walk-pose.js';
import type { CycleLength } from '../scene/choreography.js';
import type { FileStore } from '../shared/file-store.js';
import type { CharacterFile } from './character-list.js';

/** The skeleton of a character glb (humanoid bones from its extras when it declares them). */
export function skeletonOfGlb(bytes: Uint8Array, where: string): PoseSkeleton {
  const json = readGlbJson(bytes, where) as { extras?: { clonedperson?: { humanoidBones?: unknown } } };
  const bones = json.extras?.clonedperson?.humanoidBones;
  return poseSkeletonFromGltf(json, bones && typeof bones === 'object' ? { humanoidBones: bones as Record<string, string> } : undefined);
}

/** Cycle lengths per character id (skeletons read once). */
export async function characterCycleLengths(characters: readonly CharacterFile[], files: FileStore): Promise<CycleLength> {
  const skeletons = new Map<string, PoseSkeleton>();
  for (const c of characters) skeletons.set(c.id, skeletonOfGlb(await files.read(c.file), c.file));
  return (characterId, speedMps) => {
    const skeleton = skeletons.get(characterId);
    if (!skeleton) throw new Error(`no skeleton for character ${characterId}`);
    return walkCycleLengthM(skeleton, speedMps, gaitSeed(characterId));
  };
}
