import { describe, expect, it } from '@jest/globals';
import { cameraRendersAt, computeChoreography } from '../../../orchestrator/src/scene/choreography.js';
import { listBundledScenes, loadSceneSpec } from '../../../orchestrator/src/scene/scene-loader.js';
import { parseSceneSpec } from '../../../orchestrator/src/scene/scene-spec.js';

const cast = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, '0')}`);

function corridor(extra: Record<string, unknown> = {}) {
  return parseSceneSpec({
    formatVersion: 1,
    name: 'walk',
    fps: 10,
    durationS: 30,
    cameras: [{ positionM: [0, 2, 8], lookAtM: [0, 1, 0] }],
    walkways: [{ points: [[-10, 0], [10, 0]], widthM: 3 }],
    crowd: { count: 4, speedMps: [1, 1.4], minGapM: 0.7, entryIntervalS: 1 },
    ...extra,
  });
}

describe('choreography', () => {
  it('is deterministic and independent of anything but spec, seed and cast', () => {
    const spec = corridor();
    const a = computeChoreography(spec, cast, { steps: 120 });
    const b = computeChoreography(spec, cast, { steps: 120 });
    expect(b).toEqual(a);
    const other = computeChoreography({ ...spec, seed: 2 }, cast, { steps: 120 });
    expect(other.frames).not.toEqual(a.frames);
  });

  it('moves people along their walkway at their speed, facing where they go, with the walk phase following the distance', () => {
    const spec = corridor({ crowd: { count: 1, speedMps: [1.2, 1.2] } });
    const { frames } = computeChoreography(spec, cast, { steps: 40, warmupS: 0 });
    const track = frames.filter((f) => f.persons.length === 1).map((f) => f.persons[0]);
    const p0 = track[5], p1 = track[15];
    const dist = Math.hypot(p1.positionM[0] - p0.positionM[0], p1.positionM[2] - p0.positionM[2]);
    expect(dist).toBeCloseTo(1.2 * 10 * 0.1, 2); // 10 steps of 0.1 s at 1.2 m/s
    expect(p1.speedMps).toBeCloseTo(1.2, 6);
    // Walking along x: heading +90 (towards +X) or -90 (towards -X), on the right-hand lane.
    const forward = p1.positionM[0] > p0.positionM[0];
    expect(p1.headingDeg).toBeCloseTo(forward ? 90 : -90, 6);
    // Facing +X (heading 90) a person's right is +Z (facing +Z, the left is +X).
    expect(Math.sign(p1.positionM[2])).toBe(forward ? 1 : -1);
    // Phase advances by distance / stride, stride = 0.6 + 0.65 * 1.2 = 1.38 m.
    const phaseGain = (p1.walkPhase - p0.walkPhase + 1) % 1;
    expect(phaseGain).toBeCloseTo((dist / 1.38) % 1, 6);
  });

  it('never lets two people come closer than minGapM, in every bundled scene', async () => {
    for (const name of await listBundledScenes()) {
      const spec = await loadSceneSpec(name, '/');
      const result = computeChoreography(spec, cast, { steps: 150 });
      expect({ name, ok: result.stats.minDistanceM >= spec.crowd.minGapM - 1e-9 }).toEqual({ name, ok: true });
      expect(result.stats.gaveUp).toBe(0);
      for (const frame of result.frames) {
        expect(frame.persons.length).toBeLessThanOrEqual(spec.crowd.count);
        const ids = frame.persons.map((p) => p.personId);
        expect(new Set(ids).size).toBe(ids.length);
        const characters = frame.persons.map((p) => p.characterId);
        expect(new Set(characters).size).toBe(characters.length);
        for (const p of frame.persons) {
          expect(p.walkPhase).toBeGreaterThanOrEqual(0);
          expect(p.walkPhase).toBeLessThan(1);
          expect(p.positionM[1]).toBe(0);
        }
      }
    }
  });

  it('lets people enter and leave, and starts with a settled crowd', () => {
    const spec = corridor();
    const result = computeChoreography(spec, cast, { steps: 300 });
    // Warm-up fills the walkway before step 0 (one may be just leaving or entering).
    expect(result.frames[0].persons.length).toBeGreaterThanOrEqual(3);
    expect(result.stats.left).toBeGreaterThan(0);
    const seen = new Set(result.frames.flatMap((f) => f.persons.map((p) => p.personId)));
    expect(seen.size).toBeGreaterThan(4);
  });

  it('never casts one character twice at once (crowd capped by the cast)', () => {
    const result = computeChoreography(corridor({ crowd: { count: 6 } }), ['a', 'b'], { steps: 100 });
    expect(Math.max(...result.frames.map((f) => f.persons.length))).toBe(2);
  });

  it('renders cameras at their own frame rate', () => {
    expect([0, 1, 2, 3, 4].map((s) => cameraRendersAt(s, 30, 15))).toEqual([true, false, true, false, true]);
    expect(cameraRendersAt(7, 30, undefined)).toBe(true);
  });
});
