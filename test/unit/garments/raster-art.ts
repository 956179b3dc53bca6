/**
 * Front rasters drawn as text, for the garment derivation tests: one string per pixel row (top
 * first), `.` uncovered, a digit a front-facing pixel of that UV island, a letter `a`-`j` a
 * back-facing pixel of island 0-9. One pixel per decimetre by default, pixel (0, 0) at world
 * (x0, y0). UV runs linearly over the picture: u = x / width, v = 1 - y / height (so neighbouring
 * pixels differ by much less than a seam unless `uv` says otherwise).
 */
import type { FrontRaster } from '../../../orchestrator/src/garments/front-raster.js';

export function rasterFromArt(
  rows: readonly string[],
  options: { x0?: number; y0?: number; pxPerDm?: number; uv?: (x: number, y: number) => [number, number] } = {},
): FrontRaster {
  const height = rows.length;
  const width = Math.max(...rows.map((r) => r.length));
  const n = width * height;
  const raster: FrontRaster = {
    width,
    height,
    x0: options.x0 ?? 0,
    y0: options.y0 ?? 0,
    pxPerDm: options.pxPerDm ?? 1,
    face: new Int32Array(n).fill(-1),
    u: new Float32Array(n),
    v: new Float32Array(n),
    island: new Int32Array(n).fill(-1),
    front: new Uint8Array(n),
  };
  const uv = options.uv ?? ((x: number, y: number): [number, number] => [x / (width * 10), 1 - y / (height * 10)]);
  rows.forEach((row, y) => {
    [...row].forEach((c, x) => {
      if (c === '.' || c === ' ') return;
      const i = y * width + x;
      const back = c >= 'a' && c <= 'j';
      raster.face[i] = i;
      raster.island[i] = back ? c.charCodeAt(0) - 97 : Number(c);
      raster.front[i] = back ? 0 : 1;
      [raster.u[i], raster.v[i]] = uv(x, y);
    });
  });
  return raster;
}
