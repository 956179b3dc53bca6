/**
 * Step 5 of the derivation: the template's `pantsRects`, the bottom piece's UV area as
 * rectangles on a `grid` x `grid` raster over the canvas. A cell belongs to a piece when its
 * centre is inside one of the piece's UV faces or a face corner falls in it; cells of the
 * bottom that the top does not cover are merged row by row into rectangles (a run continues
 * the rectangle above it when it has the same columns).
 */
import type { Rect } from '../contracts/garment-template.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { insidePolygon } from './point-in-polygon.js';

/** Per grid cell (row-major), 1 where a face of the piece (0 top, 1 bottom) covers it in UV. */
export function pieceUvCells(mesh: ObjMesh, facePiece: Uint8Array, piece: 0 | 1, grid: number): Uint8Array {
  const cells = new Uint8Array(grid * grid);
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if ((facePiece[f] === 1 ? 1 : 0) !== piece) continue;
    const corners: [number, number][] = [];
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const t = mesh.faceUvs[f * 4 + c];
      if (t < 0) continue;
      corners.push([mesh.uvs[t * 2] * grid, (1 - mesh.uvs[t * 2 + 1]) * grid]);
    }
    if (corners.length < 3) continue;
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(grid - 1, Math.floor(Math.max(...ys))); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.min(grid - 1, Math.floor(Math.max(...xs))); x++) {
        if (insidePolygon(corners, x + 0.5, y + 0.5) || corners.some(([cx, cy]) => Math.floor(cx) === x && Math.floor(cy) === y)) cells[y * grid + x] = 1;
      }
    }
  }
  return cells;
}

/** Merges the cells that are on into rectangles of `cellPx`-pixel cells, sorted by top then left edge. */
export function mergeCellRuns(on: (x: number, y: number) => boolean, grid: number, cellPx: number): Rect[] {
  const rects: Rect[] = [];
  let open = new Map<string, Rect>();
  for (let y = 0; y < grid; y++) {
    const next = new Map<string, Rect>();
    let start = -1;
    for (let x = 0; x <= grid; x++) {
      const cell = x < grid && on(x, y);
      if (cell && start < 0) start = x;
      if (cell || start < 0) continue;
      const key = `${start},${x}`;
      const rect = open.get(key);
      if (rect) {
        rect[3] = (y + 1) * cellPx;
        open.delete(key);
      }
      next.set(key, rect ?? [start * cellPx, y * cellPx, x * cellPx, (y + 1) * cellPx]);
      start = -1;
    }
    for (const rect of open.values()) rects.push(rect);
    open = next;
  }
  for (const rect of open.values()) rects.push(rect);
  return rects.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/** Rectangles (canvas pixels) covering the bottom piece's UV area and not the top's (see the module doc). */
export function pantsRectangles(mesh: ObjMesh, facePiece: Uint8Array, canvasPx: number, grid: number): Rect[] {
  const top = pieceUvCells(mesh, facePiece, 0, grid);
  const bottom = pieceUvCells(mesh, facePiece, 1, grid);
  return mergeCellRuns((x, y) => bottom[y * grid + x] === 1 && top[y * grid + x] === 0, grid, canvasPx / grid);
}
