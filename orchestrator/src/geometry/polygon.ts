/**
 * Polygon scan conversion on the pixel grid, with pixel centres at integer coordinates (the
 * convention of the warps). A pixel belongs to a polygon when its centre is inside by the
 * even-odd rule; centres exactly on an edge follow a half-open rule (left and top edges in,
 * right and bottom edges out), so polygons that share an edge tile without gaps or overlaps.
 */
import type { Point2 } from './point.js';

/** Calls `span(y, x0, x1)` for every run of inside pixels [x0, x1) on row y, clipped to the grid. */
export function forEachPolygonSpan(
  points: readonly Point2[],
  width: number,
  height: number,
  span: (y: number, x0: number, x1: number) => void,
): void {
  const n = points.length;
  if (n < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of points) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const yStart = Math.max(0, Math.ceil(minY));
  const yEnd = Math.min(height - 1, Math.floor(maxY));
  const crossings: number[] = [];
  for (let y = yStart; y <= yEnd; y++) {
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[(i + 1) % n];
      // half-open in y: an edge covers rows with min(ay, by) <= y < max(ay, by)
      if (ay <= y !== by <= y) crossings.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
    }
    // few crossings per row: insertion sort beats Array.prototype.sort with a comparator
    for (let i = 1; i < crossings.length; i++) {
      const v = crossings[i];
      let j = i - 1;
      while (j >= 0 && crossings[j] > v) {
        crossings[j + 1] = crossings[j];
        j--;
      }
      crossings[j + 1] = v;
    }
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const x0 = Math.max(0, Math.ceil(crossings[k]));
      const x1 = Math.min(width, Math.ceil(crossings[k + 1]));
      if (x1 > x0) span(y, x0, x1);
    }
  }
}

/** A width x height mask with 1 inside the polygon and 0 outside. */
export function rasterizePolygon(points: readonly Point2[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  forEachPolygonSpan(points, width, height, (y, x0, x1) => mask.fill(1, y * width + x0, y * width + x1));
  return mask;
}

/** Axis-aligned bounds [minX, minY, maxX, maxY] of a point list. */
export function boundsOf(points: readonly Point2[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
