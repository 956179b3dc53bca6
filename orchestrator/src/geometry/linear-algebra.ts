/**
 * Small dense linear algebra on row-major Float64Arrays, sized for geometry problems (up to a
 * few dozen rows and columns): one-sided Jacobi SVD and Gaussian elimination.
 */

export interface Svd {
  /** Singular values, descending. */
  values: Float64Array;
  /** Right singular vectors as columns of a cols x cols row-major matrix, in the order of `values`. */
  v: Float64Array;
}

/**
 * Singular values and right singular vectors of the rows x cols matrix `a` by one-sided
 * (Hestenes) Jacobi rotations on its columns; accurate to near machine precision, which the
 * normal-equation route (A^T A) is not. `a` is not modified. Works for rows < cols too (the
 * extra singular values are 0).
 */
export function svdJacobi(a: ArrayLike<number>, rows: number, cols: number): Svd {
  const u = Float64Array.from(a);
  const v = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) v[i * cols + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < rows; r++) {
          const up = u[r * cols + p];
          const uq = u[r * cols + q];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < rows; r++) {
          const up = u[r * cols + p];
          const uq = u[r * cols + q];
          u[r * cols + p] = c * up - s * uq;
          u[r * cols + q] = s * up + c * uq;
        }
        for (let r = 0; r < cols; r++) {
          const vp = v[r * cols + p];
          const vq = v[r * cols + q];
          v[r * cols + p] = c * vp - s * vq;
          v[r * cols + q] = s * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += u[r * cols + c] ** 2;
    norms[c] = Math.sqrt(sum);
  }
  const order = Array.from({ length: cols }, (_, i) => i).sort((i, j) => norms[j] - norms[i]);
  const values = new Float64Array(cols);
  const sortedV = new Float64Array(cols * cols);
  order.forEach((from, to) => {
    values[to] = norms[from];
    for (let r = 0; r < cols; r++) sortedV[r * cols + to] = v[r * cols + from];
  });
  return { values, v: sortedV };
}

/**
 * Solves the n x n system `a x = b` by Gaussian elimination with partial pivoting.
 * Returns undefined when the matrix is singular to working precision. Inputs are not modified.
 */
export function solveLinear(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(m[i]));
  if (scale === 0) return undefined;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
    if (Math.abs(m[pivot * n + col]) <= 1e-14 * scale) return undefined;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [m[col * n + c], m[pivot * n + c]] = [m[pivot * n + c], m[col * n + c]];
      [x[col], x[pivot]] = [x[pivot], x[col]];
    }
    const d = m[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let sum = x[r];
    for (let c = r + 1; c < n; c++) sum -= m[r * n + c] * x[c];
    x[r] = sum / m[r * n + r];
  }
  return x;
}

/** 3x3 row-major product a * b. */
export function multiply3x3(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  }
  return out;
}

export function determinant3x3(m: ArrayLike<number>): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

/**
 * Inverse of a 3x3 row-major matrix, or undefined when it is singular or so nearly singular that
 * rounding leaves its determinant with fewer than 6 significant digits. The test weighs the
 * determinant against the products it is summed from, not against the largest entry cubed: a
 * homography of pixels far from the origin has large translations beside small linear entries,
 * and its determinant looks tiny next to them while the inverse is accurate.
 */
export function invert3x3(m: ArrayLike<number>): number[] | undefined {
  const det = determinant3x3(m);
  const products =
    Math.abs(m[0] * m[4] * m[8]) + Math.abs(m[0] * m[5] * m[7]) + Math.abs(m[1] * m[3] * m[8]) +
    Math.abs(m[1] * m[5] * m[6]) + Math.abs(m[2] * m[3] * m[7]) + Math.abs(m[2] * m[4] * m[6]);
  if (!Number.isFinite(det) || !(Math.abs(det) > 1e6 * Number.EPSILON * products)) return undefined;
  const inv = 1 / det;
  return [
    (m[4] * m[8] - m[5] * m[7]) * inv,
    (m[2] * m[7] - m[1] * m[8]) * inv,
    (m[1] * m[5] - m[2] * m[4]) * inv,
    (m[5] * m[6] - m[3] * m[8]) * inv,
    (m[0] * m[8] - m[2] * m[6]) * inv,
    (m[2] * m[3] - m[0] * m[5]) * inv,
    (m[3] * m[7] - m[4] * m[6]) * inv,
    (m[1] * m[6] - m[0] * m[7]) * inv,
    (m[0] * m[4] - m[1] * m[3]) * inv,
  ];
}
