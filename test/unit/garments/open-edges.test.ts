import { describe, expect, it } from '@jest/globals';
import { derivationJoints, regionOf, segmentDistance } from '../../../orchestrator/src/garments/body-joints.js';
import type { DerivationJoints } from '../../../orchestrator/src/garments/body-joints.js';
import { loopRegion, pieceEdgeLoops } from '../../../orchestrator/src/garments/edge-regions.js';
import { openEdgeLoops } from '../../../orchestrator/src/garments/open-edges.js';
import type { ObjMesh } from '../../../orchestrator/src/makehuman/obj-parser.js';
import type { Skeleton } from '../../../orchestrator/src/makehuman/skeleton.js';

/** A square tube of 4 quads around the y axis: bottom ring 0-3 at y = 0, top ring 4-7 at y = 2. */
function tube(): ObjMesh {
  const ring = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ];
  const positions = [...ring.map(([x, z]) => [x, 0, z]), ...ring.map(([x, z]) => [x, 2, z])].flat();
  const faces = [0, 1, 2, 3].map((k) => [k, (k + 1) % 4, 4 + ((k + 1) % 4), 4 + k]);
  return {
    positions: Float32Array.from(positions),
    uvs: new Float32Array(0),
    faceVerts: Int32Array.from(faces.flat()),
    faceUvs: new Int32Array(16).fill(-1),
    faceSizes: new Uint8Array(4).fill(4),
    faceGroups: new Uint16Array(4),
    groupNames: [''],
  };
}

/** A figure standing in the y direction: neck 16-18, torso 10-16, arms out at y 15, legs down from y 10. */
const JOINTS: DerivationJoints = {
  neckBase: [0, 16, 0],
  head: [0, 18, 0],
  root: [0, 10, 0],
  shoulder: [
    [-2, 15, 0],
    [2, 15, 0],
  ],
  elbow: [
    [-5, 15, 0],
    [5, 15, 0],
  ],
  wrist: [
    [-8, 15, 0],
    [8, 15, 0],
  ],
  hip: [
    [-1, 10, 0],
    [1, 10, 0],
  ],
  knee: [
    [-1, 5, 0],
    [1, 5, 0],
  ],
  ankle: [
    [-1, 0, 0],
    [1, 0, 0],
  ],
};

describe('open edges', () => {
  it('finds the two rings of a tube, and one loop around a single quad', () => {
    const mesh = tube();
    expect(openEdgeLoops(mesh, () => true)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect(openEdgeLoops(mesh, (f) => f === 0)).toEqual([[0, 1, 4, 5]]);
    // two faces sharing the edge 1-5: that edge is interior, the rest one loop
    expect(openEdgeLoops(mesh, (f) => f < 2)).toEqual([[0, 1, 2, 4, 5, 6]]);
  });

  it('places loop vertices in the body region whose bones pass nearest', () => {
    expect(segmentDistance([3, 4, 0], [0, 0, 0], [0, 10, 0])).toBe(3);
    expect(segmentDistance([0, -4, 3], [0, 0, 0], [0, 10, 0])).toBe(5); // beyond the segment's end
    expect(regionOf([0, 17, 0.5], JOINTS)).toBe('neck');
    expect(regionOf([0, 12, 1], JOINTS)).toBe('torso');
    expect(regionOf([-6, 14.5, 0], JOINTS)).toBe('armR');
    expect(regionOf([6, 15.5, 0], JOINTS)).toBe('armL');
    expect(regionOf([-1.2, 3, 0], JOINTS)).toBe('legR');
    expect(regionOf([1.3, 7, 0], JOINTS)).toBe('legL');
    // a tube around the right leg at y 0..2 (x -2..0): both rings are leg rings
    const mesh = tube();
    const positions = mesh.positions.map((v, i) => (i % 3 === 0 ? v - 1 : v));
    const loops = pieceEdgeLoops(mesh, positions, new Uint8Array(4), 0, JOINTS);
    expect(loops.map(loopRegion)).toEqual(['legR', 'legR']);
    expect(loops[1][0]).toEqual({ p: [-2, 2, -1], region: 'legR', loop: 1 });
  });

  it('takes the joints from the default rig by name, refusing a rig without them', () => {
    const names = ['neck01', 'head', 'spine05', 'upperarm01', 'lowerarm01', 'wrist', 'upperleg01', 'lowerleg01', 'foot'].flatMap((n) =>
      ['neck01', 'head', 'spine05'].includes(n) ? [n] : [`${n}.R`, `${n}.L`],
    );
    const skeleton = { name: 'd', bones: names.map((name, i) => ({ name, head: [i, 0, 0] })), index: new Map(names.map((n, i) => [n, i])) } as unknown as Skeleton;
    // bones in order: neck01 0, head 1, spine05 2, then .R/.L pairs: upperarm01 3/4, lowerarm01 5/6, wrist 7/8, upperleg01 9/10, lowerleg01 11/12
    expect(derivationJoints(skeleton).knee).toEqual([
      [11, 0, 0],
      [12, 0, 0],
    ]);
    skeleton.index.delete('wrist.L');
    expect(() => derivationJoints(skeleton)).toThrow('characters: garment derivation needs bone wrist.L of the default rig');
  });
});
