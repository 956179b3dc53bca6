/**
 * The choreography treats the props' ground footprints as obstacles: on hand-made footprints
 * (an occupancy grid is tested on known shapes first), nobody's path crosses one, and people
 * still get through by stepping around.
 */
import { describe, expect, it } from '@jest/globals';
import { computeChoreography } from '../../../orchestrator/src/scene/choreography.js';
import { buildObstacleMap, isBlocked, isInFootprint } from '../../../orchestrator/src/scene/obstacle-map.js';
import type { ObstacleMap } from '../../../orchestrator/src/scene/obstacle-map.js';
import { parseSceneSpec } from '../../../orchestrator/src/scene/scene-spec.js';
import type { FrameState } from '../../../orchestrator/src/scene/choreography.js';

const cast = Array.from({ length: 12 }, (_, i) => `c${i}`);

/** A box prop's triangles (y from 0 to heightM) over the (x, z) rectangle. */
function boxMesh(x0: number, z0: number, x1: number, z1: number, heightM: number): { positions: Float32Array; indices: Uint32Array } {
  const p: number[] = [];
  for (const y of [0, heightM]) for (const [x, z] of [[x0, z0], [x1, z0], [x1, z1], [x0, z1]]) p.push(x, y, z);
  // Four vertical sides, two triangles each (no top or bottom: sides are enough to block).
  const idx: number[] = [];
  for (let k = 0; k < 4; k++) {
    const a = k, b = (k + 1) % 4;
    idx.push(a, b, b + 4, a, b + 4, a + 4);
  }
  return { positions: new Float32Array(p), indices: new Uint32Array(idx) };
}

/** Whether any recorded step, or the straight line between two steps of a person, enters a footprint. */
function crossings(frames: FrameState[], map: ObstacleMap): number {
  let count = 0;
  const last = new Map<number, [number, number]>();
  for (const frame of frames) {
    for (const p of frame.persons) {
      const [x, , z] = p.positionM;
      const before = last.get(p.personId);
      const samples = before ? 4 : 1;
      for (let k = 1; k <= samples; k++) {
        const t = k / samples;
        const sx = before ? before[0] + (x - before[0]) * t : x;
        const sz = before ? before[1] + (z - before[1]) * t : z;
        if (isInFootprint(map, sx, sz)) count++;
      }
      last.set(p.personId, [x, z]);
    }
  }
  return count;
}

describe('obstacle maps', () => {
  it('mark what a prop covers between ankle and head height, grown by the clearance', () => {
    const map = buildObstacleMap([{ meshes: [boxMesh(-1, -0.5, 1, 0.5, 1.2)] }, { meshes: [boxMesh(4, 4, 5, 5, 0.05)] }, { polygons: [[[10, 0], [12, 0], [11, 2]]] }])!;
    expect(isInFootprint(map, 0, 0)).toBe(true);
    expect(isInFootprint(map, 0.95, 0.45)).toBe(true);
    expect(isInFootprint(map, 1.15, 0)).toBe(false);
    expect(isBlocked(map, 1.15, 0)).toBe(true); // within 0.25 m of the box
    expect(isBlocked(map, 1.4, 0)).toBe(false);
    // A 5 cm kerb is below the band: no obstacle.
    expect(isInFootprint(map, 4.5, 4.5)).toBe(false);
    // A footprint polygon from the spec (a triangle): inside its centre, not beyond its slanted edge.
    expect(isInFootprint(map, 11, 0.6)).toBe(true);
    expect(isInFootprint(map, 10.2, 1.5)).toBe(false);
    expect(buildObstacleMap([])).toBeNull();
  });

  it('fill what one prop encloses, but not a room that several props enclose together', () => {
    const walls = [boxMesh(-5, -5, 5, -4.8, 3), boxMesh(-5, 4.8, 5, 5, 3), boxMesh(-5, -5, -4.8, 5, 3), boxMesh(4.8, -5, 5, 5, 3)];
    const room = buildObstacleMap(walls.map((mesh) => ({ meshes: [mesh] })))!;
    expect(isInFootprint(room, 0, 0)).toBe(false);
    expect(isBlocked(room, 0, 0)).toBe(false);
    // The same four walls as one prop (a building): its inside is footprint.
    const building = buildObstacleMap([{ meshes: walls }])!;
    expect(isInFootprint(building, 0, 0)).toBe(true);
  });

  it('block a thin wall even where it is thinner than a cell', () => {
    const map = buildObstacleMap([{ meshes: [boxMesh(-3, 0.02, 3, 0.03, 2.5)] }])!;
    for (let x = -2.9; x < 2.9; x += 0.13) expect(isInFootprint(map, x, 0.025)).toBe(true);
  });
});

describe('choreography around obstacles', () => {
  const spec = parseSceneSpec({
    formatVersion: 1,
    name: 'bench-in-the-way',
    fps: 10,
    durationS: 60,
    cameras: [{ positionM: [0, 3, 10], lookAtM: [0, 1, 0] }],
    walkways: [{ points: [[-15, 0], [15, 0]], widthM: 4 }],
    crowd: { count: 6, speedMps: [1, 1.4], minGapM: 0.7, entryIntervalS: 1 },
  });
  // A bench across the middle of the walkway, and a pillar on its right half.
  const obstacles = buildObstacleMap([{ meshes: [boxMesh(-1, -0.8, 1, 0.8, 0.9)] }, { meshes: [boxMesh(6, 0.6, 6.6, 1.2, 3)] }])!;

  it('keeps every person and every path between steps out of the footprints, and people still get through', () => {
    const result = computeChoreography(spec, cast, { steps: 600, obstacles });
    expect(crossings(result.frames, obstacles)).toBe(0);
    // The same people without the obstacles walk straight through the bench.
    expect(crossings(computeChoreography(spec, cast, { steps: 600 }).frames, obstacles)).toBeGreaterThan(0);
    expect(result.stats.left).toBeGreaterThan(10);
    expect(result.stats.gaveUp).toBeLessThanOrEqual(Math.ceil(result.stats.left / 10));
  });

  it('advances the walk phase by distance over the cycle length it is given', () => {
    const single = parseSceneSpec({ ...spec, crowd: { count: 1, speedMps: [1.2, 1.2] } });
    const { frames } = computeChoreography(single, cast, { steps: 40, warmupS: 0, cycleLengthM: (_id, v) => 1.5 * v });
    const track = frames.filter((f) => f.persons.length === 1).map((f) => f.persons[0]);
    const [a, b] = [track[5], track[6]];
    const distance = Math.hypot(b.positionM[0] - a.positionM[0], b.positionM[2] - a.positionM[2]);
    // 1.2 m/s at 10 fps: 0.12 m per step over a 1.8 m cycle.
    expect((b.walkPhase - a.walkPhase + 1) % 1).toBeCloseTo(distance / (1.5 * 1.2), 9);
  });
});
