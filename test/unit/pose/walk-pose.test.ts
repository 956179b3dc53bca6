import { describe, expect, it } from '@jest/globals';
import { poseGlobals } from '../../../orchestrator/src/pose/pose-kinematics.js';
import { quatAngleBetween } from '../../../orchestrator/src/pose/quaternion.js';
import { GAIT_STYLE_RANGE, gaitSeed, gaitStyle, walkCycleLengthM, walkPose } from '../../../orchestrator/src/pose/walk-pose.js';
import type { PoseSkeleton } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { figureSkeleton } from './pose-fixtures.js';

function maxAngleDeg(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 4) worst = Math.max(worst, quatAngleBetween(a.subarray(i, i + 4), b.subarray(i, i + 4)));
  return (worst * 180) / Math.PI;
}

describe('walk poses', () => {
  it('is a pure function of skeleton, phase, speed and seed', async () => {
    const skeleton = await figureSkeleton();
    const input = { walkPhase: 0.37, speedMps: 1.2, personSeed: 42 };
    const a = walkPose(skeleton, input);
    walkPose(skeleton, { walkPhase: 0.9, speedMps: 0.4 });
    const b = walkPose(skeleton, input);
    expect(Array.from(b.rotations)).toEqual(Array.from(a.rotations));
    expect(b.rootOffsetM).toEqual(a.rootOffsetM);
    // Another skeleton object with the same bones gives the same pose (nothing hangs on identity but a cache).
    const copy: PoseSkeleton = structuredClone(skeleton);
    expect(Array.from(walkPose(copy, input).rotations)).toEqual(Array.from(a.rotations));
  });

  it('stands still at speed 0 whatever the phase, and walks differently at 1.3 m/s', async () => {
    const skeleton = await figureSkeleton();
    const still = [0, 0.25, 0.6].map((walkPhase) => walkPose(skeleton, { walkPhase, speedMps: 0 }).rotations);
    expect(maxAngleDeg(still[0], still[1])).toBeLessThan(1e-9);
    expect(maxAngleDeg(still[0], still[2])).toBeLessThan(1e-9);
    const walking = [0, 0.5].map((walkPhase) => walkPose(skeleton, { walkPhase, speedMps: 1.3 }).rotations);
    expect(maxAngleDeg(walking[0], walking[1])).toBeGreaterThan(20);
  });

  it('strides: at the left heel strike the left ankle is ahead, half a cycle later the right one', async () => {
    const skeleton = await figureSkeleton();
    const [left, right] = [skeleton.humanoid.LeftFoot!, skeleton.humanoid.RightFoot!];
    const ankles = (walkPhase: number) => {
      const pose = walkPose(skeleton, { walkPhase, speedMps: 1.3 });
      const { positions } = poseGlobals(skeleton, pose.rotations, pose.rootOffsetM);
      return { left: positions[left * 3 + 2], right: positions[right * 3 + 2] };
    };
    const strike = ankles(0);
    expect(strike.left - strike.right).toBeGreaterThan(0.3);
    const other = ankles(0.5);
    expect(other.right - other.left).toBeGreaterThan(0.3);
  });

  it('covers more ground per cycle when faster, at a human cadence', async () => {
    const skeleton = await figureSkeleton();
    let previous = 0;
    for (const speed of [0.3, 0.6, 0.9, 1.2, 1.5, 1.8]) {
      const cycle = walkCycleLengthM(skeleton, speed);
      expect(cycle).toBeGreaterThanOrEqual(previous);
      previous = cycle;
      // Steps per minute (two per cycle): 70-150 for walking people.
      const cadence = (120 * speed) / cycle;
      expect(cadence).toBeGreaterThan(speed < 0.9 ? 60 : 75);
      expect(cadence).toBeLessThan(150);
    }
    expect(walkCycleLengthM(skeleton, 0)).toBe(0);
  });

  it('varies per person: the seed shifts the style and the arm swing within their ranges', async () => {
    const skeleton = await figureSkeleton();
    // FNV-1a of "0003" (checked with an independent implementation).
    expect(gaitSeed('0003')).toBe(3001929244);
    const styles = Array.from({ length: 200 }, (_, i) => gaitStyle(gaitSeed(String(i))));
    for (const style of styles) {
      expect(style.styleSpeedFactor).toBeGreaterThanOrEqual(GAIT_STYLE_RANGE.styleSpeedFactor[0]);
      expect(style.styleSpeedFactor).toBeLessThanOrEqual(GAIT_STYLE_RANGE.styleSpeedFactor[1]);
      expect(style.armSwing).toBeGreaterThanOrEqual(GAIT_STYLE_RANGE.armSwing[0]);
      expect(style.armSwing).toBeLessThanOrEqual(GAIT_STYLE_RANGE.armSwing[1]);
    }
    // The draws spread over their ranges.
    const swings = styles.map((s) => s.armSwing).sort((a, b) => a - b);
    expect(swings[180] - swings[20]).toBeGreaterThan(0.25);
    expect(gaitStyle(undefined)).toEqual({ styleSpeedFactor: 1, armSwing: 1 });
    // At the heel strike the arms swing furthest: two people with different arm swings differ there.
    const [ann, bob] = ['ann', 'bob'].map((id) => gaitStyle(gaitSeed(id)));
    expect(Math.abs(ann.armSwing - bob.armSwing)).toBeGreaterThan(0.05);
    const a = walkPose(skeleton, { walkPhase: 0, speedMps: 1.2, personSeed: gaitSeed('ann') }).rotations;
    const b = walkPose(skeleton, { walkPhase: 0, speedMps: 1.2, personSeed: gaitSeed('bob') }).rotations;
    expect(maxAngleDeg(a, b)).toBeGreaterThan(1);
  });

  it('leaves a skeleton without legs in its rest pose', () => {
    const skeleton: PoseSkeleton = { bones: [{ name: 'root', parent: -1, restTranslationM: [0, 0, 0], restRotation: [0, 0.6, 0, 0.8] }], humanoid: {} };
    const pose = walkPose(skeleton, { walkPhase: 0.3, speedMps: 1.4 });
    expect(Array.from(pose.rotations)).toEqual([0, 0.6, 0, 0.8]);
    expect(pose.rootOffsetM).toEqual([0, 0, 0]);
  });
});
