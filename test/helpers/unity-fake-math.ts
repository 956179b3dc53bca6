/**
 * Unity-space maths for the fake Unity engine (unity-fake-engine.ts), written from Unity's
 * documentation and independent of the player's own glTF-space maths: left-handed, +Y up,
 * cameras looking along their +Z; Quaternion.Euler applies z, then x, then y; LookRotation
 * points +Z along `forward` with +Y towards `up`. Matrices are column-major 4x4 like Unity's
 * Matrix4x4 indexer m[row, column] = a[column * 4 + row]. Pure (runs inside the test guests).
 */

export type V3 = [number, number, number];
export type Q = [number, number, number, number];
export type M4 = Float64Array;

export function qMul(a: Q, b: Q): Q {
  return [
    a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
    a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
    a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
    a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
  ];
}

export function qInverse(q: Q): Q {
  const n = q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
  return [-q[0] / n, -q[1] / n, -q[2] / n, q[3] / n];
}

export function qAxisAngle(axis: V3, deg: number): Q {
  const h = (deg * Math.PI) / 360;
  const s = Math.sin(h);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(h)];
}

/** Unity's Quaternion.Euler(x, y, z): rotation about z, then x, then y. */
export function qEuler(x: number, y: number, z: number): Q {
  return qMul(qAxisAngle([0, 1, 0], y), qMul(qAxisAngle([1, 0, 0], x), qAxisAngle([0, 0, 1], z)));
}

export function cross(a: V3, b: V3): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function normalize(v: V3): V3 {
  const l = Math.hypot(v[0], v[1], v[2]);
  return l === 0 ? [0, 0, 0] : [v[0] / l, v[1] / l, v[2] / l];
}

/** The quaternion of a rotation matrix given by its columns. */
export function qFromAxes(x: V3, y: V3, z: V3): Q {
  const m00 = x[0], m10 = x[1], m20 = x[2], m01 = y[0], m11 = y[1], m21 = y[2], m02 = z[0], m12 = z[1], m22 = z[2];
  const trace = m00 + m11 + m22;
  if (trace > 0) {
    const s = Math.sqrt(trace + 1) * 2;
    return [(m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s, 0.25 * s];
  }
  if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    return [0.25 * s, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  }
  if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    return [(m01 + m10) / s, 0.25 * s, (m12 + m21) / s, (m02 - m20) / s];
  }
  const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
  return [(m02 + m20) / s, (m12 + m21) / s, 0.25 * s, (m10 - m01) / s];
}

/** Unity's Quaternion.LookRotation(forward, up). */
export function qLookRotation(forward: V3, up: V3 = [0, 1, 0]): Q {
  const z = normalize(forward);
  const x = normalize(cross(up, z));
  const y = cross(z, x);
  return qFromAxes(x, y, z);
}

/** Unity's Matrix4x4.TRS. */
export function trs(t: V3, q: Q, s: V3): M4 {
  const [x, y, z, w] = q;
  const m = new Float64Array(16);
  m[0] = (1 - 2 * (y * y + z * z)) * s[0];
  m[1] = 2 * (x * y + w * z) * s[0];
  m[2] = 2 * (x * z - w * y) * s[0];
  m[4] = 2 * (x * y - w * z) * s[1];
  m[5] = (1 - 2 * (x * x + z * z)) * s[1];
  m[6] = 2 * (y * z + w * x) * s[1];
  m[8] = 2 * (x * z + w * y) * s[2];
  m[9] = 2 * (y * z - w * x) * s[2];
  m[10] = (1 - 2 * (x * x + y * y)) * s[2];
  m[12] = t[0];
  m[13] = t[1];
  m[14] = t[2];
  m[15] = 1;
  return m;
}

export function mMul(a: ArrayLike<number>, b: ArrayLike<number>): M4 {
  const out = new Float64Array(16);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) out[c * 4 + r] = a[r] * b[c * 4] + a[4 + r] * b[c * 4 + 1] + a[8 + r] * b[c * 4 + 2] + a[12 + r] * b[c * 4 + 3];
  return out;
}

/** Inverse of an affine matrix (rotation and scale with translation). */
export function mInverseAffine(m: ArrayLike<number>): M4 {
  const a = m[0], b = m[4], c = m[8], d = m[1], e = m[5], f = m[9], g = m[2], h = m[6], i = m[10];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  const inv = [(e * i - f * h) / det, -(b * i - c * h) / det, (b * f - c * e) / det, -(d * i - f * g) / det, (a * i - c * g) / det, -(a * f - c * d) / det, (d * h - e * g) / det, -(a * h - b * g) / det, (a * e - b * d) / det];
  const out = new Float64Array(16);
  // inv is row-major 3x3
  out[0] = inv[0];
  out[4] = inv[1];
  out[8] = inv[2];
  out[1] = inv[3];
  out[5] = inv[4];
  out[9] = inv[5];
  out[2] = inv[6];
  out[6] = inv[7];
  out[10] = inv[8];
  const tx = m[12], ty = m[13], tz = m[14];
  out[12] = -(out[0] * tx + out[4] * ty + out[8] * tz);
  out[13] = -(out[1] * tx + out[5] * ty + out[9] * tz);
  out[14] = -(out[2] * tx + out[6] * ty + out[10] * tz);
  out[15] = 1;
  return out;
}

export function mPoint(m: ArrayLike<number>, p: ArrayLike<number>): V3 {
  return [m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12], m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13], m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14]];
}

/** glTF -> Unity as glTFast converts: x negated (a matrix M becomes S M S). */
export function gltfMatrixToUnity(m: ArrayLike<number>): M4 {
  const out = new Float64Array(16);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) out[c * 4 + r] = (r === 0) !== (c === 0) ? -m[c * 4 + r] : m[c * 4 + r];
  return out;
}
