/**
 * Unit quaternions `[x, y, z, w]` (glTF's order) for the pose module: products, inverses,
 * slerp, axis-angle, shortest arcs, vector rotation and angles between rotations. Functions
 * write into `out` and return it (`out` may alias an input), so the per-step pose code can
 * reuse scratch quaternions. Right-handed: `q * v * q^-1` rotates `v` counter-clockwise about
 * the axis when the axis points at the viewer.
 */

export type Quat = [number, number, number, number];
export type Vec3Like = [number, number, number];

export function quatIdentity(): Quat {
  return [0, 0, 0, 1];
}

/** `out = a * b` (rotate by b first, then by a). */
export function quatMultiply(out: Quat, a: ArrayLike<number>, b: ArrayLike<number>): Quat {
  const ax = a[0], ay = a[1], az = a[2], aw = a[3];
  const bx = b[0], by = b[1], bz = b[2], bw = b[3];
  out[0] = aw * bx + ax * bw + ay * bz - az * by;
  out[1] = aw * by - ax * bz + ay * bw + az * bx;
  out[2] = aw * bz + ax * by - ay * bx + az * bw;
  out[3] = aw * bw - ax * bx - ay * by - az * bz;
  return out;
}

/** The inverse of a unit quaternion (its conjugate). */
export function quatConjugate(out: Quat, q: ArrayLike<number>): Quat {
  out[0] = -q[0];
  out[1] = -q[1];
  out[2] = -q[2];
  out[3] = q[3];
  return out;
}

export function quatNormalize(out: Quat, q: ArrayLike<number>): Quat {
  const length = Math.hypot(q[0], q[1], q[2], q[3]);
  if (length === 0) {
    out[0] = out[1] = out[2] = 0;
    out[3] = 1;
    return out;
  }
  out[0] = q[0] / length;
  out[1] = q[1] / length;
  out[2] = q[2] / length;
  out[3] = q[3] / length;
  return out;
}

/** Rotation by `angleRad` about the unit vector `axis`. */
export function quatFromAxisAngle(out: Quat, axis: ArrayLike<number>, angleRad: number): Quat {
  const s = Math.sin(angleRad / 2);
  out[0] = axis[0] * s;
  out[1] = axis[1] * s;
  out[2] = axis[2] * s;
  out[3] = Math.cos(angleRad / 2);
  return out;
}

/**
 * Spherical interpolation from `a` (t = 0) to `b` (t = 1) along the shorter arc; t outside
 * [0, 1] extrapolates along the same great circle.
 */
export function quatSlerp(out: Quat, a: ArrayLike<number>, b: ArrayLike<number>, t: number): Quat {
  let bx = b[0], by = b[1], bz = b[2], bw = b[3];
  let cos = a[0] * bx + a[1] * by + a[2] * bz + a[3] * bw;
  if (cos < 0) {
    cos = -cos;
    bx = -bx;
    by = -by;
    bz = -bz;
    bw = -bw;
  }
  let wa: number, wb: number;
  if (cos > 0.9999995) {
    // Nearly equal: linear interpolation, renormalised below.
    wa = 1 - t;
    wb = t;
  } else {
    const angle = Math.acos(Math.min(1, cos));
    const sin = Math.sin(angle);
    wa = Math.sin((1 - t) * angle) / sin;
    wb = Math.sin(t * angle) / sin;
  }
  out[0] = wa * a[0] + wb * bx;
  out[1] = wa * a[1] + wb * by;
  out[2] = wa * a[2] + wb * bz;
  out[3] = wa * a[3] + wb * bw;
  return quatNormalize(out, out);
}

/** Rotates the vector `v` by `q` into `out`. */
export function quatRotateVector(out: Vec3Like, q: ArrayLike<number>, v: ArrayLike<number>): Vec3Like {
  const x = q[0], y = q[1], z = q[2], w = q[3];
  const vx = v[0], vy = v[1], vz = v[2];
  // t = 2 q.xyz x v; v' = v + w t + q.xyz x t
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  out[0] = vx + w * tx + (y * tz - z * ty);
  out[1] = vy + w * ty + (z * tx - x * tz);
  out[2] = vz + w * tz + (x * ty - y * tx);
  return out;
}

/** The shortest-arc rotation taking direction `from` onto direction `to` (neither need be unit). */
export function quatFromTo(out: Quat, from: ArrayLike<number>, to: ArrayLike<number>): Quat {
  const fl = Math.hypot(from[0], from[1], from[2]);
  const tl = Math.hypot(to[0], to[1], to[2]);
  if (fl === 0 || tl === 0) {
    out[0] = out[1] = out[2] = 0;
    out[3] = 1;
    return out;
  }
  const fx = from[0] / fl, fy = from[1] / fl, fz = from[2] / fl;
  const tx = to[0] / tl, ty = to[1] / tl, tz = to[2] / tl;
  const dot = fx * tx + fy * ty + fz * tz;
  if (dot < -0.999999) {
    // Opposite: half a turn about any axis perpendicular to `from`.
    let ax = 0, ay = -fz, az = fy;
    if (Math.hypot(ax, ay, az) < 1e-6) [ax, ay, az] = [fz, 0, -fx];
    const al = Math.hypot(ax, ay, az);
    out[0] = ax / al;
    out[1] = ay / al;
    out[2] = az / al;
    out[3] = 0;
    return out;
  }
  out[0] = fy * tz - fz * ty;
  out[1] = fz * tx - fx * tz;
  out[2] = fx * ty - fy * tx;
  out[3] = 1 + dot;
  return quatNormalize(out, out);
}

/** The angle in radians of the rotation taking `a` to `b` (0..pi); atan2 keeps small angles exact. */
export function quatAngleBetween(a: ArrayLike<number>, b: ArrayLike<number>): number {
  // r = conj(a) * b
  const ax = -a[0], ay = -a[1], az = -a[2], aw = a[3];
  const x = aw * b[0] + ax * b[3] + ay * b[2] - az * b[1];
  const y = aw * b[1] - ax * b[2] + ay * b[3] + az * b[0];
  const z = aw * b[2] + ax * b[1] - ay * b[0] + az * b[3];
  const w = aw * b[3] - ax * b[0] - ay * b[1] - az * b[2];
  return 2 * Math.atan2(Math.hypot(x, y, z), Math.abs(w));
}

/** Copies quaternion `i` of a flat array (4 numbers each) into `out`. */
export function readQuat(out: Quat, array: ArrayLike<number>, i: number): Quat {
  out[0] = array[i * 4];
  out[1] = array[i * 4 + 1];
  out[2] = array[i * 4 + 2];
  out[3] = array[i * 4 + 3];
  return out;
}

/** Writes `q` as quaternion `i` of a flat array. */
export function writeQuat(array: { [index: number]: number }, i: number, q: ArrayLike<number>): void {
  array[i * 4] = q[0];
  array[i * 4 + 1] = q[1];
  array[i * 4 + 2] = q[2];
  array[i * 4 + 3] = q[3];
}
