import { describe, expect, it } from '@jest/globals';
import {
  mat4FromAxisAngle,
  mat4FromTrs,
  mat4Identity,
  mat4Invert,
  mat4InvertRigid,
  mat4LookAt,
  mat4Multiply,
  mat4Orthographic,
  mat4Perspective,
  mat4ToQuaternion,
  mat4Translation,
  transformPoint,
} from '../../../orchestrator/src/geometry/mat4.js';

/** A column-major Float64Array from a matrix written row by row (as on paper). */
function fromRows(rows: number[][]): Float64Array {
  const m = new Float64Array(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) m[c * 4 + r] = rows[r][c];
  return m;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect([i, actual[i]]).toEqual([i, expect.closeTo(expected[i], digits)]);
}

const H = Math.SQRT1_2;
/** 90 degrees about +z (x -> y), then translated by (1, 2, 3). */
const RZ90_T123 = fromRows([
  [0, -1, 0, 1],
  [1, 0, 0, 2],
  [0, 0, 1, 3],
  [0, 0, 0, 1],
]);

describe('mat4 products and inverses', () => {
  it('multiplies so that b applies first: T * S scales then translates', () => {
    const t = mat4Translation(new Float64Array(16), 1, 2, 3);
    const s = fromRows([
      [2, 0, 0, 0],
      [0, 3, 0, 0],
      [0, 0, 4, 0],
      [0, 0, 0, 1],
    ]);
    expectClose(mat4Multiply(new Float64Array(16), t, s), fromRows([[2, 0, 0, 1], [0, 3, 0, 2], [0, 0, 4, 3], [0, 0, 0, 1]]));
    expectClose(mat4Multiply(new Float64Array(16), s, t), fromRows([[2, 0, 0, 2], [0, 3, 0, 6], [0, 0, 4, 12], [0, 0, 0, 1]]));
  });

  it('multiplies a general pair (worked by hand) and allows out to alias an operand', () => {
    const a = fromRows([[1, 2, 0, 0], [0, 1, 3, 0], [0, 0, 1, 4], [5, 0, 0, 1]]);
    const b = fromRows([[1, 0, 0, 1], [1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]]);
    // row i of a times column j of b
    const expected = fromRows([[3, 2, 0, 1], [1, 4, 3, 0], [0, 1, 5, 4], [5, 0, 1, 6]]);
    expectClose(mat4Multiply(new Float64Array(16), a, b), expected);
    const aliased = Float64Array.from(a);
    expectClose(mat4Multiply(aliased, aliased, b), expected);
  });

  it('inverts an affine matrix and a non-affine one to their hand-computed inverses', () => {
    const affine = fromRows([[2, 0, 0, 1], [0, 1, 0, 2], [0, 0, 4, 3], [0, 0, 0, 1]]);
    expectClose(mat4Invert(new Float64Array(16), affine), fromRows([[0.5, 0, 0, -0.5], [0, 1, 0, -2], [0, 0, 0.25, -0.75], [0, 0, 0, 1]]));
    // block diagonal: [[1, 2], [3, 4]]^-1 = [[-2, 1], [1.5, -0.5]], and the projective corner
    // [[1, 1], [0, 2]]^-1 = [[1, -0.5], [0, 0.5]]
    const blocks = fromRows([[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 1, 1], [0, 0, 0, 2]]);
    expectClose(mat4Invert(new Float64Array(16), blocks), fromRows([[-2, 1, 0, 0], [1.5, -0.5, 0, 0], [0, 0, 1, -0.5], [0, 0, 0, 0.5]]));
    expect(() => mat4Invert(new Float64Array(16), fromRows([[1, 2, 0, 0], [2, 4, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]))).toThrow(RangeError);
  });

  it('inverts a rigid matrix as R^T and -R^T t, like the general inverse', () => {
    const expected = fromRows([[0, 1, 0, -2], [-1, 0, 0, 1], [0, 0, 1, -3], [0, 0, 0, 1]]);
    expectClose(mat4InvertRigid(new Float64Array(16), RZ90_T123), expected);
    expectClose(mat4Invert(new Float64Array(16), RZ90_T123), expected);
    expectClose(mat4Multiply(new Float64Array(16), RZ90_T123, expected), mat4Identity());
  });
});

describe('mat4 construction', () => {
  it('composes T * R * S from a quaternion: (1, 0, 0) scales to 2, turns onto +y, moves by t', () => {
    const m = mat4FromTrs(new Float64Array(16), [1, 2, 3], [0, 0, H, H], [2, 2, 2]);
    expectClose(transformPoint([0, 0, 0], m, 1, 0, 0), [1, 4, 3]);
    expectClose(transformPoint([0, 0, 0], m, 0, 0, 1), [1, 2, 5]);
    expectClose(m, fromRows([[0, -2, 0, 1], [2, 0, 0, 2], [0, 0, 2, 3], [0, 0, 0, 1]]));
  });

  it('rotates right-handedly about an axis: +90 degrees about x takes y to z', () => {
    const m = mat4FromAxisAngle(new Float64Array(16), [1, 0, 0], Math.PI / 2);
    expectClose(transformPoint([0, 0, 0], m, 0, 1, 0), [0, 0, 1]);
    expectClose(transformPoint([0, 0, 0], m, 0, 0, 1), [0, -1, 0]);
  });

  it('turns rotation matrices into unit quaternions in every branch of the method', () => {
    expectClose(mat4ToQuaternion(mat4Identity()), [0, 0, 0, 1]);
    expectClose(mat4ToQuaternion(RZ90_T123), [0, 0, H, H]);
    // 180 degrees about x, y and z: trace -1, the largest diagonal picks the branch
    const q = (rows: number[][]): number[] => mat4ToQuaternion(fromRows(rows)).map(Math.abs);
    expectClose(q([[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, -1, 0], [0, 0, 0, 1]]), [1, 0, 0, 0]);
    expectClose(q([[-1, 0, 0, 0], [0, 1, 0, 0], [0, 0, -1, 0], [0, 0, 0, 1]]), [0, 1, 0, 0]);
    expectClose(q([[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), [0, 0, 1, 0]);
  });

  it('round-trips a quaternion through mat4FromTrs (up to sign)', () => {
    const raw = [0.2, -0.5, 0.4, -0.3];
    const n = Math.hypot(...raw);
    const unit = raw.map((v) => v / n);
    const back = mat4ToQuaternion(mat4FromTrs(new Float64Array(16), [0, 0, 0], unit, [1, 1, 1]));
    const sign = Math.sign(back[3]) === Math.sign(unit[3]) ? 1 : -1;
    expectClose(back.map((v) => v * sign), unit);
  });
});

describe('mat4 cameras', () => {
  it('builds look-at views: the eye goes to the origin, the target down -z', () => {
    const front = mat4LookAt(new Float64Array(16), [0, 0, 5], [0, 0, 0], [0, 1, 0]);
    expectClose(front, mat4Translation(new Float64Array(16), 0, 0, -5));
    // from +x: the camera's right is -z, so world (0, 0, -1) appears at view x = 1
    const side = mat4LookAt(new Float64Array(16), [5, 0, 0], [0, 0, 0], [0, 1, 0]);
    expectClose(transformPoint([0, 0, 0], side, 0, 0, 0), [0, 0, -5]);
    expectClose(transformPoint([0, 0, 0], side, 0, 0, -1), [1, 0, -5]);
    expectClose(transformPoint([0, 0, 0], side, 0, 1, 0), [0, 1, -5]);
    expect(() => mat4LookAt(new Float64Array(16), [1, 1, 1], [1, 1, 1], [0, 1, 0])).toThrow(RangeError);
    expect(() => mat4LookAt(new Float64Array(16), [0, 5, 0], [0, 0, 0], [0, 1, 0])).toThrow(RangeError);
  });

  it('projects the near and far planes of a perspective frustum to NDC z = -1 and 1', () => {
    // fovY 90 degrees (f = 1), aspect 2, near 1, far 3
    const p = mat4Perspective(new Float64Array(16), Math.PI / 2, 2, 1, 3);
    expectClose(p, fromRows([[0.5, 0, 0, 0], [0, 1, 0, 0], [0, 0, -2, -3], [0, 0, -1, 0]]));
    const clip = (x: number, y: number, z: number): number[] => {
      const [cx, cy, cz] = transformPoint([0, 0, 0], p, x, y, z);
      const w = -z; // the bottom row is (0, 0, -1, 0)
      return [cx / w, cy / w, cz / w];
    };
    expectClose(clip(2, 1, -1), [1, 1, -1]);
    expectClose(clip(-6, -3, -3), [-1, -1, 1]);
  });

  it('maps the orthographic box onto the NDC cube', () => {
    const o = mat4Orthographic(new Float64Array(16), -2, 2, -1, 1, 1, 3);
    expectClose(o, fromRows([[0.5, 0, 0, 0], [0, 1, 0, 0], [0, 0, -1, -2], [0, 0, 0, 1]]));
    expectClose(transformPoint([0, 0, 0], o, 2, -1, -1), [1, -1, -1]);
    expectClose(transformPoint([0, 0, 0], o, -2, 1, -3), [-1, 1, 1]);
  });
});
