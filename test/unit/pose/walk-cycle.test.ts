import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBvh } from '../../../orchestrator/src/pose/bvh.js';
import { quatAngleBetween } from '../../../orchestrator/src/pose/quaternion.js';
import { cutWalkCycle } from '../../../orchestrator/src/pose/walk-cycle.js';
import type { WalkClipData } from '../../../orchestrator/src/pose/walk-clip.js';
import { REPO_ROOT } from '../../helpers/asset-paths.js';
import { syntheticWalkBvh } from './synthetic-walk.js';

const MOCAP = path.join(REPO_ROOT, 'orchestrator/data/mocap');

function sampleRotation(clip: WalkClipData, sample: number, joint: number): number[] {
  const s = ((sample % clip.samples) + clip.samples) % clip.samples;
  const o = (s * clip.joints.length + joint) * 4;
  return clip.rotations.slice(o, o + 4);
}

/** Largest per-joint angle (degrees) between consecutive samples, over the seam and elsewhere. */
function seamAndSteps(clip: WalkClipData): { seamDeg: number; largestStepDeg: number } {
  let seam = 0;
  let largest = 0;
  for (let j = 1; j < clip.joints.length; j++) {
    seam = Math.max(seam, quatAngleBetween(sampleRotation(clip, clip.samples - 1, j), sampleRotation(clip, 0, j)));
    for (let s = 0; s + 1 < clip.samples; s++) largest = Math.max(largest, quatAngleBetween(sampleRotation(clip, s, j), sampleRotation(clip, s + 1, j)));
  }
  return { seamDeg: (seam * 180) / Math.PI, largestStepDeg: (largest * 180) / Math.PI };
}

describe('walk cycles', () => {
  it('finds the heel strikes of a synthetic walker, turns it to +Z and takes the travel out', () => {
    const walk = syntheticWalkBvh();
    const clip = cutWalkCycle(parseBvh(walk.text, 'synthetic.bvh'), { name: 'synthetic', source: 'synthetic.bvh', samples: 20 });
    const { start, rightStrike, end } = clip.sourceFrames;
    // Central differences put the detected strike half a frame after the true one, at both ends alike.
    expect((start - walk.firstStrike) % walk.period).toBeCloseTo(0.5, 6);
    expect(end - start).toBeCloseTo(walk.period, 6);
    expect(rightStrike - start).toBeCloseTo(walk.period / 2, 6);
    expect(clip.cycleDurationS).toBeCloseTo(walk.period * 0.0333333, 6);
    expect(clip.cycleLength).toBeCloseTo(walk.speed * walk.period, 6);
    expect(clip.legLength).toBe(walk.legLength);
    // Uniform travel: nothing is left in the root offsets.
    for (const v of clip.rootOffsets) expect(Math.abs(v)).toBeLessThan(1e-6);
    // Walking along +X turned to +Z: the root is turned by -90 degrees about +Y.
    expect(quatAngleBetween(sampleRotation(clip, 0, 0), [0, -Math.SQRT1_2, 0, Math.SQRT1_2])).toBeLessThan(1e-9);
    // Each foot is flat (still) for half a cycle, the left from its strike, the right from 0.5.
    expect(clip.leftFootFlat[0]).toBeCloseTo(0.05, 1);
    expect(clip.leftFootFlat[1]).toBeGreaterThan(0.4);
    expect(clip.rightFootFlat[0]).toBeCloseTo(0.55, 1);
    // Seamless: stepping over the seam turns no joint more than a step anywhere else does.
    const { seamDeg, largestStepDeg } = seamAndSteps(clip);
    expect(seamDeg).toBeLessThanOrEqual(largestStepDeg + 1e-9);
  });

  it('cuts the CMU clips into cycles of their README durations with seams no rougher than the cycle itself', () => {
    for (const [file, expectedS] of [
      ['cmu_07_01_walk_30fps.bvh', 1.07],
      ['cmu_07_04_slowwalk_30fps.bvh', 1.43],
    ] as const) {
      const clip = cutWalkCycle(parseBvh(readFileSync(path.join(MOCAP, file), 'utf8'), file), { name: file, source: file });
      // The README's figures are one cycle of the clip measured by eye: within 6%.
      expect(Math.abs(clip.cycleDurationS - expectedS) / expectedS).toBeLessThan(0.06);
      expect(clip.rightFootFlat[0] - 0.5).toBeGreaterThan(0);
      // Measured seam: the last sample to the first turns no joint by more than half the largest step inside the cycle.
      const { seamDeg, largestStepDeg } = seamAndSteps(clip);
      expect(seamDeg).toBeLessThan(largestStepDeg / 2);
      // Leg length hip-knee-ankle of the CMU skeleton (README: about 14.3 units).
      expect(clip.legLength).toBeCloseTo(14.3, 1);
    }
  });
});
