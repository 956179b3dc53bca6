/**
 * Step 4a of the derivation: reading UVs under a part's polygon in the front raster. A part's
 * UV polygon must lie on one UV island, the one covering most of its interior (front faces); the
 * part's pixels on that island are split where the UV map jumps (a seam), and each landmark
 * takes the UV of the nearest pixel of the largest piece.
 */
import type { Point2 } from '../geometry/point.js';
import { toPixel } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';
import { insidePolygon } from './point-in-polygon.js';
import { UnionFind } from './union-find.js';

/** UV distance between neighbouring pixels above which they are on different sides of a seam. */
const SEAM_JUMP = 0.05;

/** The UV island covering most of a polygon's interior (front faces; -1 if none) and its share. */
export function dominantIsland(r: FrontRaster, polygon: readonly Point2[]): { island: number; share: number } {
  const px = polygon.map((p) => toPixel(r, p));
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  const counts = new Map<number, number>();
  let total = 0;
  // sampled on a grid of about 25 samples per decimetre
  const step = Math.max(1, Math.round(r.pxPerDm / 25));
  for (let y = Math.max(0, Math.min(...ys)); y <= Math.min(r.height - 1, Math.max(...ys)); y += step) {
    for (let x = Math.max(0, Math.min(...xs)); x <= Math.min(r.width - 1, Math.max(...xs)); x += step) {
      if (!insidePolygon(px, x, y)) continue;
      const i = y * r.width + x;
      const island = r.island[i];
      if (island < 0 || !r.front[i]) continue;
      counts.set(island, (counts.get(island) ?? 0) + 1);
      total++;
    }
  }
  let best = -1;
  let bestCount = 0;
  for (const [island, count] of counts) {
    if (count > bestCount) {
      best = island;
      bestCount = count;
    }
  }
  return { island: best, share: total === 0 ? 0 : bestCount / total };
}

/** Pixels (raster indices) of `island`, front-facing, inside a front-view polygon. */
export function partPixels(r: FrontRaster, polygon: readonly Point2[], island: number): number[] {
  const px = polygon.map((p) => toPixel(r, p));
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  const out: number[] = [];
  for (let y = Math.max(0, Math.min(...ys)); y <= Math.min(r.height - 1, Math.max(...ys)); y++) {
    for (let x = Math.max(0, Math.min(...xs)); x <= Math.min(r.width - 1, Math.max(...xs)); x++) {
      const i = y * r.width + x;
      if (r.island[i] === island && r.front[i] && insidePolygon(px, x, y)) out.push(i);
    }
  }
  return out;
}

/**
 * Splits a part's pixels where the UV map jumps (more than 0.05 between neighbouring pixels, i.e.
 * a UV seam) and returns the largest connected piece and the share of the second largest. Seams
 * along a part's silhouette cut off thin slivers only; a seam through the part (a shirt cut down
 * the button line) leaves two large pieces.
 */
export function uvRegions(r: FrontRaster, pixels: readonly number[]): { main: number[]; secondShare: number } {
  if (pixels.length === 0) return { main: [], secondShare: 0 };
  const slot = new Map<number, number>(pixels.map((p, k) => [p, k]));
  const sets = new UnionFind(pixels.length);
  pixels.forEach((i, k) => {
    for (const j of [i + 1, i + r.width]) {
      const m = slot.get(j);
      if (m === undefined) continue;
      if (Math.hypot(r.u[i] - r.u[j], r.v[i] - r.v[j]) <= SEAM_JUMP) sets.union(k, m);
    }
  });
  const groups = new Map<number, number[]>();
  pixels.forEach((p, k) => {
    const root = sets.find(k);
    const list = groups.get(root) ?? [];
    list.push(p);
    groups.set(root, list);
  });
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  return { main: sorted[0], secondShare: (sorted[1]?.length ?? 0) / pixels.length };
}

/** UV of the candidate pixel (default: any pixel of `island`) nearest to p; [0, 0] when there is none. */
export function nearestUv(r: FrontRaster, p: Point2, candidates: readonly number[] | undefined, island: number): [number, number] {
  const [cx, cy] = toPixel(r, p);
  let best = -1;
  let bestDistance = Infinity;
  const list = candidates ?? [...r.island.keys()].filter((i) => r.island[i] === island);
  for (const i of list) {
    const x = i % r.width;
    const y = Math.floor(i / r.width);
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best >= 0 ? [r.u[best], r.v[best]] : [0, 0];
}
