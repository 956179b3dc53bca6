/**
 * Mirror tiling of a cloth cell (paper section 3.2): the cell, its horizontal mirror, its
 * vertical mirror and its 180-degree rotation alternate in a 2x2 pattern, so every seam joins
 * a row or column of pixels to its own copy and the texture is continuous across tiles.
 */
import { checkPositiveInteger } from '../shared/check.js';
import { checkRawImage, createRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';

/**
 * Fills width x height with 2x2 mirror tiling of `cell`, starting with the unmirrored cell at
 * the top-left: tile (row r, column c) is mirrored horizontally when c is odd and vertically
 * when r is odd. Same channel count as the cell.
 */
export function mirrorTile(cell: RawImage, width: number, height: number): RawImage {
  checkRawImage(cell, 'cell');
  checkPositiveInteger(width, 'width');
  checkPositiveInteger(height, 'height');
  const c = cell.channels;
  const cw = cell.width;
  const ch = cell.height;
  // one period (2 cells wide) of each of the two row kinds: normal rows and vertically mirrored rows
  const periodRow = new Uint8Array(2 * cw * c);
  const out = createRawImage(width, height, c);
  const rowBytes = width * c;
  const periodBytes = periodRow.length;
  // rows repeat with a period of two cells: build the first period, then copy it down
  const periodRows = Math.min(height, 2 * ch);
  for (let y = 0; y < periodRows; y++) {
    const inCell = y % ch;
    const sourceRow = Math.floor(y / ch) % 2 === 0 ? inCell : ch - 1 - inCell;
    const src = cell.data.subarray(sourceRow * cw * c, (sourceRow + 1) * cw * c);
    // build [cell row | mirrored cell row], then repeat it across the output row
    periodRow.set(src, 0);
    for (let x = 0; x < cw; x++) {
      const from = (cw - 1 - x) * c;
      const to = (cw + x) * c;
      for (let k = 0; k < c; k++) periodRow[to + k] = src[from + k];
    }
    const row = out.data.subarray(y * rowBytes, (y + 1) * rowBytes);
    for (let offset = 0; offset < rowBytes; offset += periodBytes) {
      row.set(offset + periodBytes <= rowBytes ? periodRow : periodRow.subarray(0, rowBytes - offset), offset);
    }
  }
  // doubling copies: every copy is one memmove of everything written so far
  for (let filled = periodRows; filled < height; ) {
    const count = Math.min(filled, height - filled);
    out.data.copyWithin(filled * rowBytes, 0, count * rowBytes);
    filled += count;
  }
  return out;
}
