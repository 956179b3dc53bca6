/**
 * glTF's right-handed space and Unity's left-handed one, as glTFast converts between them: it
 * negates X (NodeExtension.cs: translation (-x, y, z), rotation (x, -y, -z, w)). The mirror
 * S = diag(-1, 1, 1) turns a rotation R into S R S; for a rotation by angle a about the unit axis
 * n, that is the rotation by a about (n.x, -n.y, -n.z) (a reflection reverses the sense of a
 * rotation, and S n = (-n.x, n.y, n.z) reversed is that axis), so the quaternion
 * (sin(a/2) n, cos(a/2)) becomes (x, -y, -z, w). A matrix M becomes S M S: the entries in the
 * first row or the first column, but not both, change sign. The conversion is its own inverse.
 */

export type Vec3 = [number, number, number];
export type Quaternion = [number, number, number, number];

/** A point or direction from glTF to Unity space (or back). */
export function mirrorVector(v: ArrayLike<number>): Vec3 {
  return [-v[0], v[1], v[2]];
}

/** A rotation quaternion [x, y, z, w] from glTF to Unity space (or back). */
export function mirrorQuaternion(q: ArrayLike<number>): Quaternion {
  return [q[0], -q[1], -q[2], q[3]];
}

/**
 * Column-major 4x4 matrices (16 numbers each, `count` of them from `offset`) from one space to
 * the other, written into `out` (which may be `m`).
 */
export function mirrorMatrices(out: Float64Array, m: ArrayLike<number>, count: number): Float64Array {
  for (let k = 0; k < count; k++) {
    const o = k * 16;
    for (let c = 0; c < 4; c++) {
      for (let r = 0; r < 4; r++) {
        const i = o + c * 4 + r;
        out[i] = (r === 0) !== (c === 0) ? -m[i] : m[i];
      }
    }
  }
  return out;
}

/** The Unity rotation about +Y that faces a person along `headingDeg` (0 = glTF +Z, 90 = glTF +X). */
export function headingToUnityQuaternion(headingDeg: number): Quaternion {
  const half = (headingDeg * Math.PI) / 360;
  return mirrorQuaternion([0, Math.sin(half), 0, Math.cos(half)]);
}
