import { describe, expect, it } from '@jest/globals';
import { quatAngleBetween, quatFromAxisAngle, quatFromTo, quatMultiply, quatRotateVector, quatSlerp } from '../../../orchestrator/src/pose/quaternion.js';
import type { Quat } from '../../../orchestrator/src/pose/quaternion.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, digits = 12) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], digits));

describe('quaternions', () => {
  it('rotate counter-clockwise about the axis (90 degrees about +Z takes +X to +Y)', () => {
    const q = quatFromAxisAngle([0, 0, 0, 1], [0, 0, 1], Math.PI / 2);
    close(quatRotateVector([0, 0, 0], q, [1, 0, 0]), [0, 1, 0]);
  });

  it('compose right to left (a * b applies b first)', () => {
    const z = quatFromAxisAngle([0, 0, 0, 1], [0, 0, 1], Math.PI / 2);
    const x = quatFromAxisAngle([0, 0, 0, 1], [1, 0, 0], Math.PI / 2);
    // Rx then Rz takes +Y to +Z to +Z; Rz then Rx takes +Y to -X to -X.
    close(quatRotateVector([0, 0, 0], quatMultiply([0, 0, 0, 1], z, x), [0, 1, 0]), [0, 0, 1]);
    close(quatRotateVector([0, 0, 0], quatMultiply([0, 0, 0, 1], x, z), [0, 1, 0]), [-1, 0, 0]);
  });

  it('slerp halves the angle and takes the short way round', () => {
    const a: Quat = [0, 0, 0, 1];
    const b = quatFromAxisAngle([0, 0, 0, 1], [0, 1, 0], Math.PI / 2);
    const half = quatSlerp([0, 0, 0, 1], a, b, 0.5);
    expect(quatAngleBetween(a, half)).toBeCloseTo(Math.PI / 4, 12);
    const negated: Quat = [-b[0], -b[1], -b[2], -b[3]];
    expect(quatAngleBetween(quatSlerp([0, 0, 0, 1], a, negated, 0.5), half)).toBeCloseTo(0, 7);
  });

  it('finds the shortest arc between directions, also for opposite ones', () => {
    close(quatRotateVector([0, 0, 0], quatFromTo([0, 0, 0, 1], [0, 2, 0], [3, 0, 0]), [0, 1, 0]), [1, 0, 0]);
    close(quatRotateVector([0, 0, 0], quatFromTo([0, 0, 0, 1], [0, 1, 0], [0, -1, 0]), [0, 1, 0]), [0, -1, 0]);
  });
});
