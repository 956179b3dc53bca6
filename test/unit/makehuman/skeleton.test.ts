import { describe, expect, it } from '@jest/globals';
import { parseSkeleton } from '../../../orchestrator/src/makehuman/rig-parser.js';
import { boneRestMatrix, breadthFirst, buildSkeleton, planeNormal } from '../../../orchestrator/src/makehuman/skeleton.js';

const SKEL = JSON.stringify({
  name: 'tiny',
  bones: {
    child: { head: 'b', tail: 'c', parent: 'root', rotation_plane: 'p' },
    root: { head: 'a', tail: 'b', parent: null, rotation_plane: 'p' },
    leaf: { head: 'c', tail: 'd', parent: 'child' },
  },
  joints: { a: [0], b: [1, 2], c: [3], d: [4] },
  planes: { p: ['a', 'b', 'c'] },
});

// a at the origin, b = mean of (0,1,0) and (0,3,0) = (0,2,0), c = (1,2,0), d = (1,2,2)
const POSITIONS = Float32Array.from([0, 0, 0, 0, 1, 0, 0, 3, 0, 1, 2, 0, 1, 2, 2]);

describe('skeleton', () => {
  it('orders bones breadth-first from the roots', () => {
    expect(breadthFirst(parseSkeleton(SKEL, 's.mhskel', 5)).map((b) => b.name)).toEqual(['root', 'child', 'leaf']);
  });

  it('places joints at the mean of their vertices and takes normals from planes', () => {
    const def = parseSkeleton(SKEL, 's.mhskel', 5);
    // p1 = a (0,0,0), p2 = b (0,2,0), p3 = c (1,2,0): normalize((1,0,0) x (0,1,0)) = (0,0,1)
    expect(planeNormal({ joints: def.joints }, ['a', 'b', 'c'], POSITIONS)).toEqual([0, 0, 1]);
    const skeleton = buildSkeleton(def, POSITIONS);
    expect(skeleton.bones.map((b) => [b.name, b.parent, b.head, b.tail])).toEqual([
      ['root', -1, [0, 0, 0], [0, 2, 0]],
      ['child', 0, [0, 2, 0], [1, 2, 0]],
      ['leaf', 1, [1, 2, 0], [1, 2, 2]],
    ]);
    // root: Y = (0,1,0), normal (0,0,1): Z = normalize(n x Y) = (-1,0,0), X = Y x Z = (0,0,1)
    expect(Array.from(skeleton.bones[0].rest, (v) => v + 0)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 1]);
    // leaf has no plane: normal (0,1,0); Y = (0,0,1): Z = (0,1,0) x (0,0,1) = (1,0,0), X = Y x Z = (0,1,0)
    expect(Array.from(skeleton.bones[2].rest, (v) => v + 0)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 2, 0, 1]);
  });

  it('keeps frames orthonormal when the normal lies along the bone', () => {
    const m = boneRestMatrix([0, 0, 0], [0, 2, 0], [0, 1, 0]);
    const axes = [0, 4, 8].map((o) => [m[o], m[o + 1], m[o + 2]]);
    for (const a of axes) expect(Math.hypot(...a)).toBeCloseTo(1, 12);
    expect(axes[0][0] * axes[1][0] + axes[0][1] * axes[1][1] + axes[0][2] * axes[1][2]).toBeCloseTo(0, 12);
    expect(Number.isFinite(m[0])).toBe(true);
  });

  it('rejects rigs with unknown parents or joint vertices out of range', () => {
    expect(() => parseSkeleton(JSON.stringify({ bones: { a: { head: 'x', tail: 'y', parent: 'nope' } } }), 'r.mhskel', 5)).toThrow(/bone a: unknown parent nope/);
    expect(() => parseSkeleton(JSON.stringify({ bones: {}, joints: { x: [9] } }), 'r.mhskel', 5)).toThrow(/joint x: vertex index 9 is out of range/);
    expect(() => parseSkeleton('{"bones": ', 'r.mhskel', 5)).toThrow(/r\.mhskel(:\d+)?: invalid JSON/);
  });
});
