/**
 * The glTF <-> Unity conversion the player applies (glTFast's: X negated). Derived in
 * handedness.ts; checked here against matrices: a quaternion converted as (x, -y, -z, w) is the
 * mirrored rotation S R S, a converted TRS matrix is the TRS of the converted parts, converting
 * twice is the identity, and the heading quaternion turns Unity's forward the way the protocol's
 * heading turns glTF's.
 */
import { describe, expect, it } from '@jest/globals';
import { mat4FromTrs } from '../../../orchestrator/src/geometry/mat4.js';
import { headingToUnityQuaternion, mirrorMatrices, mirrorQuaternion, mirrorVector } from '../../../unity-project/TypeScript/src/handedness.js';

/** Deterministic pseudo-random unit quaternions. */
function quaternions(n: number): [number, number, number, number][] {
  let s = 7;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  return Array.from({ length: n }, () => {
    const q = [next(), next(), next(), next()];
    const l = Math.hypot(...q);
    return q.map((v) => v / l) as [number, number, number, number];
  });
}

const S = [-1, 1, 1];
/** S M S computed entry by entry from the definition (independent of mirrorMatrices). */
function mirrored(m: Float64Array): number[] {
  return Array.from(m, (v, i) => v * (S[i % 4] ?? 1) * (S[Math.floor(i / 4)] ?? 1));
}

describe('handedness', () => {
  it('turns a rotation R into S R S when it maps a quaternion to (x, -y, -z, w)', () => {
    for (const q of quaternions(50)) {
      const r = mat4FromTrs(new Float64Array(16), [0, 0, 0], q, [1, 1, 1]);
      const converted = mat4FromTrs(new Float64Array(16), [0, 0, 0], mirrorQuaternion(q), [1, 1, 1]);
      mirrored(r).forEach((v, i) => expect(converted[i]).toBeCloseTo(v, 12));
    }
  });

  it('converts a TRS matrix to the TRS of the converted translation, rotation and scale', () => {
    for (const q of quaternions(20)) {
      const t: [number, number, number] = [q[0] * 3, q[1] - 1, q[2] + 2];
      const s: [number, number, number] = [1 + q[3] ** 2, 0.5, 2];
      const m = mat4FromTrs(new Float64Array(16), t, q, s);
      const expected = mat4FromTrs(new Float64Array(16), mirrorVector(t), mirrorQuaternion(q), s);
      Array.from(mirrorMatrices(new Float64Array(16), m, 1)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
      Array.from(mirrorMatrices(new Float64Array(16), m, 1)).forEach((v, i) => expect(v).toBeCloseTo(mirrored(m)[i], 12));
    }
  });

  it('is its own inverse', () => {
    const [q] = quaternions(1);
    expect(mirrorQuaternion(mirrorQuaternion(q))).toEqual(q);
    expect(mirrorVector(mirrorVector([1, 2, 3]))).toEqual([1, 2, 3]);
    const m = Float64Array.from({ length: 32 }, (_, i) => i + 1);
    expect(Array.from(mirrorMatrices(new Float64Array(32), mirrorMatrices(new Float64Array(32), m, 2), 2))).toEqual(Array.from(m));
  });

  it('faces a person along the heading: 0 along +Z, 90 along glTF +X (Unity -X)', () => {
    const forward = (headingDeg: number): number[] => {
      const m = mat4FromTrs(new Float64Array(16), [0, 0, 0], headingToUnityQuaternion(headingDeg), [1, 1, 1]);
      // Unity's forward (0, 0, 1) rotated: the third column.
      return [m[8], m[9], m[10]].map((v) => Math.round(v * 1e9) / 1e9 + 0);
    };
    expect(forward(0)).toEqual([0, 0, 1]);
    expect(forward(90)).toEqual([-1, 0, 0]);
    expect(forward(180)).toEqual([0, 0, -1]);
    expect(mirrorVector(forward(90))).toEqual([1, 0, 0]);
  });
});
