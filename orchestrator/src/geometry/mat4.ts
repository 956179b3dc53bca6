/**
 * The one module of 4x4 matrix maths (the renderer, the glTF writer, the gait): column-major
 * `Float64Array(16)` like glTF, so element (row r, column c) is `m[c * 4 + r]`. Functions
 * write into `out` and return it, so hot loops can reuse scratch matrices (after three.js).
 * Vectors are `[x, y, z]` tuples, quaternions `[x, y, z, w]` (glTF's order).
 */

export type Mat4 = Float64Array;
export type Vec3 = [number, number, number];

/** A new identity matrix. */
export function mat4Identity(out: Mat4 = new Float64Array(16)): Mat4 {
  out.fill(0);
  out[0] = out[5] = out[10] = out[15] = 1;
  return out;
}

/** `out = a * b` (apply b first, then a). `out` may alias `a` or `b`. */
export function mat4Multiply(out: Mat4, a: ArrayLike<number>, b: ArrayLike<number>): Mat4 {
  const a00 = a[0], a10 = a[1], a20 = a[2], a30 = a[3];
  const a01 = a[4], a11 = a[5], a21 = a[6], a31 = a[7];
  const a02 = a[8], a12 = a[9], a22 = a[10], a32 = a[11];
  const a03 = a[12], a13 = a[13], a23 = a[14], a33 = a[15];
  for (let c = 0; c < 4; c++) {
    const b0 = b[c * 4], b1 = b[c * 4 + 1], b2 = b[c * 4 + 2], b3 = b[c * 4 + 3];
    out[c * 4] = a00 * b0 + a01 * b1 + a02 * b2 + a03 * b3;
    out[c * 4 + 1] = a10 * b0 + a11 * b1 + a12 * b2 + a13 * b3;
    out[c * 4 + 2] = a20 * b0 + a21 * b1 + a22 * b2 + a23 * b3;
    out[c * 4 + 3] = a30 * b0 + a31 * b1 + a32 * b2 + a33 * b3;
  }
  return out;
}

/** General inverse; throws RangeError for a singular matrix. */
export function mat4Invert(out: Mat4, m: ArrayLike<number>): Mat4 {
  const a00 = m[0], a01 = m[1], a02 = m[2], a03 = m[3];
  const a10 = m[4], a11 = m[5], a12 = m[6], a13 = m[7];
  const a20 = m[8], a21 = m[9], a22 = m[10], a23 = m[11];
  const a30 = m[12], a31 = m[13], a32 = m[14], a33 = m[15];
  const b00 = a00 * a11 - a01 * a10;
  const b01 = a00 * a12 - a02 * a10;
  const b02 = a00 * a13 - a03 * a10;
  const b03 = a01 * a12 - a02 * a11;
  const b04 = a01 * a13 - a03 * a11;
  const b05 = a02 * a13 - a03 * a12;
  const b06 = a20 * a31 - a21 * a30;
  const b07 = a20 * a32 - a22 * a30;
  const b08 = a20 * a33 - a23 * a30;
  const b09 = a21 * a32 - a22 * a31;
  const b10 = a21 * a33 - a23 * a31;
  const b11 = a22 * a33 - a23 * a32;
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06;
  if (!det) throw new RangeError('mat4Invert: singular matrix');
  const inv = 1 / det;
  out[0] = (a11 * b11 - a12 * b10 + a13 * b09) * inv;
  out[1] = (a02 * b10 - a01 * b11 - a03 * b09) * inv;
  out[2] = (a31 * b05 - a32 * b04 + a33 * b03) * inv;
  out[3] = (a22 * b04 - a21 * b05 - a23 * b03) * inv;
  out[4] = (a12 * b08 - a10 * b11 - a13 * b07) * inv;
  out[5] = (a00 * b11 - a02 * b08 + a03 * b07) * inv;
  out[6] = (a32 * b02 - a30 * b05 - a33 * b01) * inv;
  out[7] = (a20 * b05 - a22 * b02 + a23 * b01) * inv;
  out[8] = (a10 * b10 - a11 * b08 + a13 * b06) * inv;
  out[9] = (a01 * b08 - a00 * b10 - a03 * b06) * inv;
  out[10] = (a30 * b04 - a31 * b02 + a33 * b00) * inv;
  out[11] = (a21 * b02 - a20 * b04 - a23 * b00) * inv;
  out[12] = (a11 * b07 - a10 * b09 - a12 * b06) * inv;
  out[13] = (a00 * b09 - a01 * b07 + a02 * b06) * inv;
  out[14] = (a31 * b01 - a30 * b03 - a32 * b00) * inv;
  out[15] = (a20 * b03 - a21 * b01 + a22 * b00) * inv;
  return out;
}

/**
 * Inverse of a rigid matrix (rotation + translation, no scale): R^T and -R^T t, cheaper and
 * more accurate than {@link mat4Invert} for bone frames. `out` must not alias `m`.
 */
export function mat4InvertRigid(out: Mat4, m: ArrayLike<number>): Mat4 {
  out[0] = m[0]; out[1] = m[4]; out[2] = m[8]; out[3] = 0;
  out[4] = m[1]; out[5] = m[5]; out[6] = m[9]; out[7] = 0;
  out[8] = m[2]; out[9] = m[6]; out[10] = m[10]; out[11] = 0;
  out[12] = -(m[0] * m[12] + m[1] * m[13] + m[2] * m[14]);
  out[13] = -(m[4] * m[12] + m[5] * m[13] + m[6] * m[14]);
  out[14] = -(m[8] * m[12] + m[9] * m[13] + m[10] * m[14]);
  out[15] = 1;
  return out;
}

/** Translation, rotation (unit quaternion [x, y, z, w]) and scale composed as T * R * S. */
export function mat4FromTrs(
  out: Mat4,
  translation: ArrayLike<number>,
  rotation: ArrayLike<number>,
  scale: ArrayLike<number>,
): Mat4 {
  const x = rotation[0], y = rotation[1], z = rotation[2], w = rotation[3];
  const sx = scale[0], sy = scale[1], sz = scale[2];
  const x2 = x + x, y2 = y + y, z2 = z + z;
  const xx = x * x2, xy = x * y2, xz = x * z2;
  const yy = y * y2, yz = y * z2, zz = z * z2;
  const wx = w * x2, wy = w * y2, wz = w * z2;
  out[0] = (1 - (yy + zz)) * sx;
  out[1] = (xy + wz) * sx;
  out[2] = (xz - wy) * sx;
  out[3] = 0;
  out[4] = (xy - wz) * sy;
  out[5] = (1 - (xx + zz)) * sy;
  out[6] = (yz + wx) * sy;
  out[7] = 0;
  out[8] = (xz + wy) * sz;
  out[9] = (yz - wx) * sz;
  out[10] = (1 - (xx + yy)) * sz;
  out[11] = 0;
  out[12] = translation[0];
  out[13] = translation[1];
  out[14] = translation[2];
  out[15] = 1;
  return out;
}

/** The unit quaternion [x, y, z, w] of the rotation in the upper 3x3 of `m` (which must be a rotation). */
export function mat4ToQuaternion(m: ArrayLike<number>): [number, number, number, number] {
  const m00 = m[0], m10 = m[1], m20 = m[2];
  const m01 = m[4], m11 = m[5], m21 = m[6];
  const m02 = m[8], m12 = m[9], m22 = m[10];
  const trace = m00 + m11 + m22;
  let x: number, y: number, z: number, w: number;
  // Shepperd's method: divide by the largest of w, x, y, z for accuracy
  if (trace > 0) {
    const s = Math.sqrt(trace + 1) * 2;
    w = 0.25 * s;
    x = (m21 - m12) / s;
    y = (m02 - m20) / s;
    z = (m10 - m01) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    w = (m21 - m12) / s;
    x = 0.25 * s;
    y = (m01 + m10) / s;
    z = (m02 + m20) / s;
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    w = (m02 - m20) / s;
    x = (m01 + m10) / s;
    y = 0.25 * s;
    z = (m12 + m21) / s;
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    w = (m10 - m01) / s;
    x = (m02 + m20) / s;
    y = (m12 + m21) / s;
    z = 0.25 * s;
  }
  const length = Math.hypot(x, y, z, w);
  return [x / length, y / length, z / length, w / length];
}

/** Rotation by `angleRad` about the unit `axis` (right-handed). */
export function mat4FromAxisAngle(out: Mat4, axis: ArrayLike<number>, angleRad: number): Mat4 {
  const half = angleRad / 2;
  const s = Math.sin(half);
  return mat4FromTrs(out, [0, 0, 0], [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(half)], [1, 1, 1]);
}

/** A pure translation. */
export function mat4Translation(out: Mat4, x: number, y: number, z: number): Mat4 {
  mat4Identity(out);
  out[12] = x;
  out[13] = y;
  out[14] = z;
  return out;
}

/**
 * The view matrix of an eye at `eye` looking at `target` (OpenGL convention: the camera looks
 * down its -Z axis, +Y up). Throws RangeError when eye == target or the view is parallel to `up`.
 */
export function mat4LookAt(out: Mat4, eye: ArrayLike<number>, target: ArrayLike<number>, up: ArrayLike<number>): Mat4 {
  let zx = eye[0] - target[0], zy = eye[1] - target[1], zz = eye[2] - target[2];
  let len = Math.hypot(zx, zy, zz);
  if (len === 0) throw new RangeError('mat4LookAt: eye and target coincide');
  zx /= len; zy /= len; zz /= len;
  let xx = up[1] * zz - up[2] * zy, xy = up[2] * zx - up[0] * zz, xz = up[0] * zy - up[1] * zx;
  len = Math.hypot(xx, xy, xz);
  if (len < 1e-12) throw new RangeError('mat4LookAt: view direction is parallel to up');
  xx /= len; xy /= len; xz /= len;
  const yx = zy * xz - zz * xy, yy = zz * xx - zx * xz, yz = zx * xy - zy * xx;
  out[0] = xx; out[1] = yx; out[2] = zx; out[3] = 0;
  out[4] = xy; out[5] = yy; out[6] = zy; out[7] = 0;
  out[8] = xz; out[9] = yz; out[10] = zz; out[11] = 0;
  out[12] = -(xx * eye[0] + xy * eye[1] + xz * eye[2]);
  out[13] = -(yx * eye[0] + yy * eye[1] + yz * eye[2]);
  out[14] = -(zx * eye[0] + zy * eye[1] + zz * eye[2]);
  out[15] = 1;
  return out;
}

/** OpenGL perspective projection (NDC z in [-1, 1]); `fovYRad` is the vertical field of view. */
export function mat4Perspective(out: Mat4, fovYRad: number, aspect: number, nearM: number, farM: number): Mat4 {
  const f = 1 / Math.tan(fovYRad / 2);
  out.fill(0);
  out[0] = f / aspect;
  out[5] = f;
  out[10] = (farM + nearM) / (nearM - farM);
  out[11] = -1;
  out[14] = (2 * farM * nearM) / (nearM - farM);
  return out;
}

/** OpenGL orthographic projection of the view-space box [left, right] x [bottom, top] x [-near, -far]. */
export function mat4Orthographic(
  out: Mat4,
  left: number,
  right: number,
  bottom: number,
  top: number,
  nearM: number,
  farM: number,
): Mat4 {
  out.fill(0);
  out[0] = 2 / (right - left);
  out[5] = 2 / (top - bottom);
  out[10] = -2 / (farM - nearM);
  out[12] = -(right + left) / (right - left);
  out[13] = -(top + bottom) / (top - bottom);
  out[14] = -(farM + nearM) / (farM - nearM);
  out[15] = 1;
  return out;
}

/** Applies `m` to the point (x, y, z, 1), writing x, y, z (no perspective divide) into `out`. */
export function transformPoint(out: Vec3 | Float64Array, m: ArrayLike<number>, x: number, y: number, z: number): Vec3 | Float64Array {
  out[0] = m[0] * x + m[4] * y + m[8] * z + m[12];
  out[1] = m[1] * x + m[5] * y + m[9] * z + m[13];
  out[2] = m[2] * x + m[6] * y + m[10] * z + m[14];
  return out;
}
