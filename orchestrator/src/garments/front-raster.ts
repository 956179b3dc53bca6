/**
 * Step 2 of the derivation: a garment piece seen from the front. Faces are rasterised
 * orthographically from +z at `pxPerDm` pixels per decimetre with a 0.2 dm margin, the nearest
 * surface winning each pixel centre; per pixel the raster keeps the face, its interpolated UV,
 * its UV island and whether it faces the viewer. Pixel (0, 0) is the top-left; rows run down.
 * Front-view points (`Point2`) are in decimetres, x to the character's left, y up.
 */
import type { Point2 } from '../geometry/point.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';

/** A front-view raster of some faces: per pixel the face (-1 none), its UV and UV island. */
export interface FrontRaster {
  width: number;
  height: number;
  /** World x, y (dm) of pixel (0, 0)'s centre; y decreases down the rows. */
  x0: number;
  y0: number;
  pxPerDm: number;
  face: Int32Array;
  u: Float32Array;
  v: Float32Array;
  island: Int32Array;
  /** 1 where the visible surface faces the viewer (+z), 0 where it is a back face (inside). */
  front: Uint8Array;
}

const MARGIN_DM = 0.2;

export function toPixel(r: FrontRaster, p: Point2): [number, number] {
  return [Math.round((p[0] - r.x0) * r.pxPerDm), Math.round((r.y0 - p[1]) * r.pxPerDm)];
}

export function toWorld(r: FrontRaster, px: number, py: number): Point2 {
  return [r.x0 + px / r.pxPerDm, r.y0 - py / r.pxPerDm];
}

/** Whether pixel (x, y) is inside the raster and covered by a face. */
export function covered(r: FrontRaster, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < r.width && y < r.height && r.face[y * r.width + x] >= 0;
}

/** Covered runs [start, end] (pixel columns, inclusive) of a raster row. */
export function rowRuns(r: FrontRaster, y: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= r.width; x++) {
    const c = x < r.width && covered(r, x, y);
    if (c && start < 0) start = x;
    if (!c && start >= 0) {
      out.push([start, x - 1]);
      start = -1;
    }
  }
  return out;
}

/** An empty raster framing the included faces' x-y bounding box plus the margin. */
function emptyRaster(mesh: ObjMesh, positions: Float32Array, include: (face: number) => boolean, pxPerDm: number): FrontRaster {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!include(f)) continue;
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const o = mesh.faceVerts[f * 4 + c] * 3;
      minX = Math.min(minX, positions[o]);
      maxX = Math.max(maxX, positions[o]);
      minY = Math.min(minY, positions[o + 1]);
      maxY = Math.max(maxY, positions[o + 1]);
    }
  }
  const width = Math.ceil((maxX - minX + 2 * MARGIN_DM) * pxPerDm) + 1;
  const height = Math.ceil((maxY - minY + 2 * MARGIN_DM) * pxPerDm) + 1;
  const n = width * height;
  return {
    width,
    height,
    x0: minX - MARGIN_DM,
    y0: maxY + MARGIN_DM,
    pxPerDm,
    face: new Int32Array(n).fill(-1),
    u: new Float32Array(n),
    v: new Float32Array(n),
    island: new Int32Array(n).fill(-1),
    front: new Uint8Array(n),
  };
}

/** Rasterises `faces` of `mesh` (positions in dm) seen from +z, nearest surface wins (see the module doc). */
export function rasterizeFront(mesh: ObjMesh, positions: Float32Array, include: (face: number) => boolean, islands: Int32Array, pxPerDm: number): FrontRaster {
  const r = emptyRaster(mesh, positions, include, pxPerDm);
  const { width, height, x0, y0 } = r;
  const depth = new Float32Array(width * height).fill(-Infinity);
  const tri = (f: number, a: number, b: number, c: number): void => {
    const va = mesh.faceVerts[f * 4 + a];
    const vb = mesh.faceVerts[f * 4 + b];
    const vc = mesh.faceVerts[f * 4 + c];
    const ta = mesh.faceUvs[f * 4 + a];
    const tb = mesh.faceUvs[f * 4 + b];
    const tc = mesh.faceUvs[f * 4 + c];
    const P = [va, vb, vc].map((v) => [(positions[v * 3] - x0) * pxPerDm, (y0 - positions[v * 3 + 1]) * pxPerDm, positions[v * 3 + 2]]);
    const T = [ta, tb, tc].map((t) => (t >= 0 ? [mesh.uvs[t * 2], mesh.uvs[t * 2 + 1]] : [0, 0]));
    const area = (P[1][0] - P[0][0]) * (P[2][1] - P[0][1]) - (P[2][0] - P[0][0]) * (P[1][1] - P[0][1]);
    if (Math.abs(area) < 1e-12) return;
    // Pixel rows run down, so a counter-clockwise (outward, +z) face has negative area here.
    const facing = area < 0 ? 1 : 0;
    const xs = [P[0][0], P[1][0], P[2][0]];
    const ys = [P[0][1], P[1][1], P[2][1]];
    const xa = Math.max(0, Math.floor(Math.min(...xs)));
    const xb = Math.min(width - 1, Math.ceil(Math.max(...xs)));
    const ya = Math.max(0, Math.floor(Math.min(...ys)));
    const yb = Math.min(height - 1, Math.ceil(Math.max(...ys)));
    for (let y = ya; y <= yb; y++) {
      for (let x = xa; x <= xb; x++) {
        const w0 = ((P[1][0] - x) * (P[2][1] - y) - (P[2][0] - x) * (P[1][1] - y)) / area;
        const w1 = ((P[2][0] - x) * (P[0][1] - y) - (P[0][0] - x) * (P[2][1] - y)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < -1e-6 || w1 < -1e-6 || w2 < -1e-6) continue;
        const z = w0 * P[0][2] + w1 * P[1][2] + w2 * P[2][2];
        const i = y * width + x;
        if (z <= depth[i]) continue;
        depth[i] = z;
        r.face[i] = f;
        r.u[i] = w0 * T[0][0] + w1 * T[1][0] + w2 * T[2][0];
        r.v[i] = w0 * T[0][1] + w1 * T[1][1] + w2 * T[2][1];
        r.island[i] = islands[f];
        r.front[i] = facing;
      }
    }
  };
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!include(f)) continue;
    tri(f, 0, 1, 2);
    if (mesh.faceSizes[f] === 4) tri(f, 0, 2, 3);
  }
  return r;
}
