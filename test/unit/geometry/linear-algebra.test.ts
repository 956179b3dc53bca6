import { describe, expect, it } from '@jest/globals';
import { determinant3x3, invert3x3, multiply3x3, solveLinear, svdJacobi } from '../../../orchestrator/src/geometry/linear-algebra.js';

describe('svdJacobi', () => {
  it('finds the singular values of a matrix built from known factors', () => {
    // A = U diag(5, 3, 1) V^T with U, V rotations: singular values 5, 3, 1
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const u = [c, -s, 0, s, c, 0, 0, 0, 1];
    const vT = [1, 0, 0, 0, c, -s, 0, s, c];
    const a = multiply3x3(multiply3x3(u, [5, 0, 0, 0, 3, 0, 0, 0, 1]), vT);
    const { values, v } = svdJacobi(a, 3, 3);
    expect(Array.from(values)).toEqual([expect.closeTo(5, 12), expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    // A v_i = sigma_i u_i: check |A v_i| = sigma_i for each right singular vector
    for (let i = 0; i < 3; i++) {
      const vi = [v[i], v[3 + i], v[6 + i]];
      const av = [0, 1, 2].map((r) => a[r * 3] * vi[0] + a[r * 3 + 1] * vi[1] + a[r * 3 + 2] * vi[2]);
      expect(Math.hypot(...av)).toBeCloseTo(values[i], 12);
    }
  });

  it('reports a zero singular value for a wide matrix and its null vector', () => {
    // 2 x 3 matrix: null space spanned by (1, -2, 1) normalised
    const a = [1, 1, 1, 1, 2, 3];
    const { values, v } = svdJacobi(a, 2, 3);
    expect(values[2]).toBeLessThan(1e-14);
    const n = [v[2], v[5], v[8]];
    const ratio = n.map((x) => x / n[0]);
    expect(ratio[1]).toBeCloseTo(-2, 12);
    expect(ratio[2]).toBeCloseTo(1, 12);
  });
});

describe('solveLinear and 3x3 helpers', () => {
  it('solves a system with a known solution and detects singular ones', () => {
    const a = [2, 1, -1, -3, -1, 2, -2, 1, 2];
    expect(Array.from(solveLinear(a, [8, -11, -3], 3)!)).toEqual([expect.closeTo(2, 12), expect.closeTo(3, 12), expect.closeTo(-1, 12)]);
    expect(solveLinear([1, 2, 2, 4], [1, 2], 2)).toBeUndefined();
  });

  it('inverts and multiplies 3x3 matrices', () => {
    const m = [4, 7, 2, 3, 6, 1, 2, 5, 3];
    expect(determinant3x3(m)).toBeCloseTo(4 * (18 - 5) - 7 * (9 - 2) + 2 * (15 - 12), 12);
    const identity = multiply3x3(m, invert3x3(m)!);
    identity.forEach((v, i) => expect(v).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12));
    expect(invert3x3([1, 2, 3, 2, 4, 6, 0, 0, 1])).toBeUndefined();
  });

  it('inverts a shrinking homography with large translations, and refuses a nearly singular matrix', () => {
    // determinant 1e-6 against entries of 5000: tiny next to the largest entry cubed, yet exact
    const inverse = invert3x3([0.001, 0, 5000, 0, 0.001, 4000, 0, 0, 1])!;
    [1000, 0, -5e6, 0, 1000, -4e6, 0, 0, 1].forEach((v, i) => expect(inverse[i]).toBeCloseTo(v, 6));
    // rows 1 and 2 parallel but for 1e-13: rounding leaves the determinant no significant digits
    expect(invert3x3([1, 2, 3, 2, 4 + 1e-13, 6, 0, 0, 1])).toBeUndefined();
  });
});
