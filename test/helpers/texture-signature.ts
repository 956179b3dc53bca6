/**
 * A coarse, stable signature of a texture for golden tests: the mean colour of each cell of a
 * 16 x 16 grid. It catches layout and colour regressions while holding none of the source
 * photo's detail (the authors' sample photos show real people and stay out of the repository).
 */
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';

export const SIGNATURE_GRID = 16;

export function textureSignature(image: RawImage): number[] {
  const out: number[] = [];
  const c = image.channels;
  for (let gy = 0; gy < SIGNATURE_GRID; gy++) {
    for (let gx = 0; gx < SIGNATURE_GRID; gx++) {
      const x0 = Math.floor((gx * image.width) / SIGNATURE_GRID);
      const x1 = Math.floor(((gx + 1) * image.width) / SIGNATURE_GRID);
      const y0 = Math.floor((gy * image.height) / SIGNATURE_GRID);
      const y1 = Math.floor(((gy + 1) * image.height) / SIGNATURE_GRID);
      const sums = [0, 0, 0];
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) for (let k = 0; k < 3; k++) sums[k] += image.data[(y * image.width + x) * c + k];
      const n = (x1 - x0) * (y1 - y0);
      out.push(...sums.map((s) => Math.round(s / n)));
    }
  }
  return out;
}
