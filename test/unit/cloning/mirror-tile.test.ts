import { describe, expect, it } from '@jest/globals';
import { mirrorTile } from '../../../orchestrator/src/cloning/mirror-tile.js';
import { noiseImage, pixel } from '../../helpers/images.js';

describe('mirrorTile', () => {
  const cell = noiseImage(7, 5, 3, 11);
  const out = mirrorTile(cell, 40, 23);

  it('starts with the cell itself at the top-left', () => {
    for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) expect(pixel(out, x, y)).toEqual(pixel(cell, x, y));
  });

  it('alternates cell, horizontal mirror, vertical mirror and 180-degree rotation', () => {
    for (let y = 0; y < 23; y++) {
      for (let x = 0; x < 40; x++) {
        const col = Math.floor(x / 7);
        const row = Math.floor(y / 5);
        const cx = col % 2 === 0 ? x % 7 : 6 - (x % 7);
        const cy = row % 2 === 0 ? y % 5 : 4 - (y % 5);
        expect(pixel(out, x, y)).toEqual(pixel(cell, cx, cy));
      }
    }
  });

  it('is symmetric about every tile seam, so seams are continuous', () => {
    // mirror symmetry about the seam between tile columns 0|1 and rows 0|1
    for (let y = 0; y < 23; y++) for (let d = 0; d < 7; d++) expect(pixel(out, 6 - d, y)).toEqual(pixel(out, 7 + d, y));
    for (let x = 0; x < 40; x++) for (let d = 0; d < 5; d++) expect(pixel(out, x, 4 - d)).toEqual(pixel(out, x, 5 + d));
    // and periodic with period twice the cell
    for (let y = 0; y < 13; y++) for (let x = 0; x < 26; x++) expect(pixel(out, x + 14, y + 10)).toEqual(pixel(out, x, y));
  });

  it('works for single-channel cells larger than the output', () => {
    const big = noiseImage(50, 50, 1, 3);
    const small = mirrorTile(big, 10, 8);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 10; x++) expect(pixel(small, x, y)).toEqual(pixel(big, x, y));
  });
});
