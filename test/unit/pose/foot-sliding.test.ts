/**
 * Foot sliding, measured: a person walks in a straight line at constant speed with the walk
 * phase advancing by distance / walkCycleLengthM (as the choreography does); while a foot is flat
 * on the ground (the clips' foot-flat phases, common to both clips) its ankle must stay within
 * 2 cm of where it landed. On the box test figure and on a MakeHuman character (shared assets).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { assembleCharacter } from '../../../orchestrator/src/characters/character-assembly.js';
import { writeCharacterGlb } from '../../../orchestrator/src/characters/gltf-writer.js';
import { randomCharacterSpec } from '../../../orchestrator/src/characters/random-character.js';
import { WALK_CLIPS } from '../../../orchestrator/src/pose/clips.generated.js';
import { poseGlobals } from '../../../orchestrator/src/pose/pose-kinematics.js';
import type { PoseSkeleton } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { gaitSeed, walkCycleLengthM, walkPose } from '../../../orchestrator/src/pose/walk-pose.js';
import { describeWithAssets } from '../../helpers/assets.js';
import { previewData } from '../../integration/characters-preview-fixture.js';
import { figureSkeleton, skeletonOfGlb } from './pose-fixtures.js';

const TOLERANCE_M = 0.02;
const SPEEDS = [0.5, 0.9, 1.15, 1.3, 1.6];
const SEEDS = [undefined, gaitSeed('0001'), gaitSeed('0007')];

/** Phases when a foot is flat in every clip. */
function commonFlat(key: 'leftFootFlat' | 'rightFootFlat'): [number, number] {
  return [Math.max(...WALK_CLIPS.map((c) => c[key][0])), Math.min(...WALK_CLIPS.map((c) => c[key][1]))];
}

/** Largest horizontal travel of each flat foot (metres) over 2 s of walking at `speed`, stepped at 60 Hz. */
function slide(skeleton: PoseSkeleton, speed: number, personSeed: number | undefined): number {
  const feet = [skeleton.humanoid.LeftFoot!, skeleton.humanoid.RightFoot!];
  const flats = [commonFlat('leftFootFlat'), commonFlat('rightFootFlat')];
  const dt = 1 / 60;
  let distance = 0;
  let phase = 0;
  const landed: ([number, number] | null)[] = [null, null];
  let worst = 0;
  for (let i = 0; i < 120; i++) {
    const pose = walkPose(skeleton, { walkPhase: phase, speedMps: speed, ...(personSeed === undefined ? {} : { personSeed }) });
    const { positions } = poseGlobals(skeleton, pose.rotations, pose.rootOffsetM);
    feet.forEach((foot, k) => {
      const [start, end] = flats[k];
      const inFlat = (phase >= start && phase <= end) || phase + 1 <= end;
      if (!inFlat) {
        landed[k] = null;
        return;
      }
      // World position: the body walks along +Z (heading 0) by `distance`.
      const world: [number, number] = [positions[foot * 3], positions[foot * 3 + 2] + distance];
      landed[k] ??= world;
      worst = Math.max(worst, Math.hypot(world[0] - landed[k][0], world[1] - landed[k][1]));
    });
    distance += speed * dt;
    phase = (phase + (speed * dt) / walkCycleLengthM(skeleton, speed, personSeed)) % 1;
  }
  return worst;
}

describe('foot sliding', () => {
  it(`keeps a flat foot of the box figure within ${TOLERANCE_M * 100} cm at every speed and style`, async () => {
    const skeleton = await figureSkeleton();
    for (const speed of SPEEDS) for (const seed of SEEDS) expect(slide(skeleton, speed, seed)).toBeLessThan(TOLERANCE_M);
  });
});

describeWithAssets('foot sliding on a MakeHuman character', () => {
  let skeleton: PoseSkeleton;
  beforeAll(async () => {
    const data = previewData();
    const { spec } = await randomCharacterSpec(data, { id: 'walker', identity: 3, seed: 1, skeleton: 'cmu_mb', clothes: [{ asset: 'female_casualsuit02' }] });
    skeleton = skeletonOfGlb(await writeCharacterGlb(await assembleCharacter(data, spec), { readTexture: (file) => data.bytes(file) }));
  }, 60000);

  it(`keeps a flat foot within ${TOLERANCE_M * 100} cm at every speed and style`, () => {
    for (const speed of SPEEDS) for (const seed of SEEDS) expect(slide(skeleton, speed, seed)).toBeLessThan(TOLERANCE_M);
  });
});
