/**
 * Plane-to-plane homographies: least-squares DLT on Hartley-normalised points, optionally refined
 * by Levenberg-Marquardt on the reprojection error (what OpenCV's `findHomography` does with
 * method 0, which the ClonedPerson authors used).
 */
import { checkFiniteNumber, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import { determinant3x3, invert3x3, multiply3x3, solveLinear, svdJacobi } from './linear-algebra.js';
import type { Point2 } from './point.js';


export interface HomographyOptions {
  /** Refine the DLT solution by Levenberg-Marquardt on the reprojection error (default true). */
  refine?: boolean;
  /** Refinement iterations at most (default 50). */
  maxIterations?: number;
}

export const HOMOGRAPHY_DEFAULTS: Required<HomographyOptions> = { refine: true, maxIterations: 50 };

/** Relative size below which a singular value counts as zero (rank deficiency). */
const RANK_TOLERANCE = 1e-9;

function degenerate(message: string, details: Record<string, unknown> = {}): ClonedPersonError {
  return new ClonedPersonError('E_DEGENERATE_HOMOGRAPHY', message, { details });
}

/** Similarity that moves the centroid to the origin and the mean distance to sqrt(2). */
function normalisation(points: readonly Point2[]): { t: number[]; spread: number } {
  let cx = 0;
  let cy = 0;
  for (const [x, y] of points) {
    cx += x;
    cy += y;
  }
  cx /= points.length;
  cy /= points.length;
  let mean = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    const dx = x - cx;
    const dy = y - cy;
    mean += Math.hypot(dx, dy);
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  mean /= points.length;
  // smallest / largest eigenvalue of the scatter matrix: 0 when all points lie on one line
  const tr = sxx + syy;
  const disc = Math.sqrt(Math.max(0, (sxx - syy) ** 2 + 4 * sxy * sxy));
  const spread = tr > 0 ? (tr - disc) / (tr + disc) : 0;
  const s = mean > 0 ? Math.SQRT2 / mean : 1;
  return { t: [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1], spread };
}

function transform(t: readonly number[], [x, y]: Point2): [number, number] {
  return [t[0] * x + t[1] * y + t[2], t[3] * x + t[4] * y + t[5]];
}

/** Maps (x, y) through the row-major 3x3 homography `h`. */
export function applyHomography(h: ArrayLike<number>, x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** Root-mean-square distance between `h(src[i])` and `dst[i]`, in dst units. */
export function reprojectionRms(h: ArrayLike<number>, src: readonly Point2[], dst: readonly Point2[]): number {
  let sum = 0;
  src.forEach(([x, y], i) => {
    const [u, v] = applyHomography(h, x, y);
    sum += (u - dst[i][0]) ** 2 + (v - dst[i][1]) ** 2;
  });
  return Math.sqrt(sum / src.length);
}

function checkPoints(points: readonly Point2[], name: string): void {
  if (!Array.isArray(points)) throw invalidArgument('array of [x, y] points', name, points);
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw invalidArgument('[x, y] pair', `${name}[${i}]`, p);
    checkFiniteNumber(p[0], `${name}[${i}][0]`);
    checkFiniteNumber(p[1], `${name}[${i}][1]`);
  });
}

/** DLT in normalised coordinates; returns the null vector of the 2n x 9 system. */
function dlt(src: readonly Point2[], dst: readonly Point2[]): number[] {
  const n = src.length;
  const a = new Float64Array(2 * n * 9);
  for (let i = 0; i < n; i++) {
    const [x, y] = src[i];
    const [u, v] = dst[i];
    a.set([-x, -y, -1, 0, 0, 0, u * x, u * y, u], 18 * i);
    a.set([0, 0, 0, -x, -y, -1, v * x, v * y, v], 18 * i + 9);
  }
  const { values, v } = svdJacobi(a, 2 * n, 9);
  // a unique solution needs a one-dimensional null space: the 8th singular value must not vanish
  if (values[7] <= RANK_TOLERANCE * values[0]) {
    throw degenerate('the points do not determine a homography (rank-deficient system)', {
      singularValueRatio: values[7] / values[0],
    });
  }
  return Array.from({ length: 9 }, (_, r) => v[r * 9 + 8]);
}

/**
 * Levenberg-Marquardt on the 8 free entries of `h` (h[8] = 1) minimising the sum of squared
 * distances between h(src) and dst. Works in normalised coordinates, where the problem is well
 * conditioned; the dst normalisation is a similarity, so the optimum is the pixel optimum.
 */
function refineLevenbergMarquardt(h0: number[], src: readonly Point2[], dst: readonly Point2[], maxIterations: number): number[] {
  const n = src.length;
  let h = h0.map((v) => v / h0[8]);
  const cost = (hh: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const [u, v] = applyHomography(hh, src[i][0], src[i][1]);
      sum += (u - dst[i][0]) ** 2 + (v - dst[i][1]) ** 2;
    }
    return sum;
  };
  let current = cost(h);
  let lambda = 1e-3;
  const jtj = new Float64Array(64);
  const jtr = new Float64Array(8);
  const row = new Float64Array(8);
  for (let iteration = 0; iteration < maxIterations && current > 1e-30; iteration++) {
    jtj.fill(0);
    jtr.fill(0);
    for (let i = 0; i < n; i++) {
      const [x, y] = src[i];
      const w = h[6] * x + h[7] * y + 1;
      const pu = (h[0] * x + h[1] * y + h[2]) / w;
      const pv = (h[3] * x + h[4] * y + h[5]) / w;
      for (let k = 0; k < 2; k++) {
        row.fill(0);
        const p = k === 0 ? pu : pv;
        const base = k === 0 ? 0 : 3;
        row[base] = x / w;
        row[base + 1] = y / w;
        row[base + 2] = 1 / w;
        row[6] = (-p * x) / w;
        row[7] = (-p * y) / w;
        const r = p - dst[i][k];
        for (let a = 0; a < 8; a++) {
          jtr[a] += row[a] * r;
          for (let b = 0; b < 8; b++) jtj[a * 8 + b] += row[a] * row[b];
        }
      }
    }
    let improved = false;
    while (lambda < 1e12) {
      const damped = Float64Array.from(jtj);
      for (let a = 0; a < 8; a++) damped[a * 9] += lambda * (jtj[a * 9] || 1e-12);
      const step = solveLinear(damped, jtr.map((v) => -v), 8);
      if (!step) {
        lambda *= 10;
        continue;
      }
      const candidate = [...h.slice(0, 8).map((v, a) => v + step[a]), 1];
      const next = cost(candidate);
      if (next < current) {
        const relative = (current - next) / current;
        h = candidate;
        current = next;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = relative > 1e-14;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return h;
}

/**
 * Estimates the homography H with dst ~ H * src from >= 4 point pairs: least-squares DLT on
 * Hartley-normalised points, then (unless `refine: false`) Levenberg-Marquardt refinement of the
 * reprojection error. Returns 9 numbers, row-major, scaled so that h[8] === 1.
 *
 * Throws E_DEGENERATE_HOMOGRAPHY when the points do not determine a homography: fewer than four
 * pairs, all points of either side on one line, repeated points, or a singular solution (for
 * example three of four points collinear). Throws E_ARGUMENT on malformed input.
 */
export function estimateHomography(
  src: readonly Point2[],
  dst: readonly Point2[],
  options: HomographyOptions = {},
): number[] {
  const { refine, maxIterations } = { ...HOMOGRAPHY_DEFAULTS, ...options };
  checkPoints(src, 'src');
  checkPoints(dst, 'dst');
  if (src.length !== dst.length) {
    throw invalidArgument(`${src.length} dst points (one per src point)`, 'dst', dst);
  }
  if (src.length < 4) throw degenerate(`a homography needs at least 4 point pairs, got ${src.length}`, { pairs: src.length });
  const ns = normalisation(src);
  const nd = normalisation(dst);
  if (ns.spread < 1e-12 || nd.spread < 1e-12) {
    throw degenerate(`all ${ns.spread < 1e-12 ? 'source' : 'destination'} points lie on one line`);
  }
  const srcN = src.map((p) => transform(ns.t, p));
  const dstN = dst.map((p) => transform(nd.t, p));
  let hn = dlt(srcN, dstN);
  // a (nearly) singular H collapses the plane onto a line: not a usable mapping
  const norm = Math.hypot(...hn);
  if (Math.abs(determinant3x3(hn)) / norm ** 3 < 1e-9) throw degenerate('the estimated homography is singular (collinear points)');
  if (refine) hn = refineLevenbergMarquardt(hn, srcN, dstN, maxIterations);
  const ndInverse = invert3x3(nd.t);
  if (!ndInverse) throw degenerate('destination normalisation is singular');
  const h = multiply3x3(multiply3x3(ndInverse, hn), ns.t);
  if (Math.abs(h[8]) < 1e-12 * Math.hypot(...h)) throw degenerate('the homography maps the origin to infinity (h[8] = 0)');
  const scale = 1 / h[8];
  const result = h.map((v) => v * scale);
  result[8] = 1;
  return result;
}
