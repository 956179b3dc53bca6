/**
 * The overview's identity rows as one picture (`overview/overview.jpg`), for a look without a
 * browser: per identity, left to right, the source photo, the cloned textures, the character's
 * preview and its rendered crops, each scaled to the row height, on white. Pure.
 */
import { createRawImage, pasteImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';

export interface SheetRow {
  /** RGB pictures in display order; a gap follows each group. */
  groups: RawImage[][];
}

export interface SheetOptions {
  rowHeightPx: number;
  gapPx: number;
  /** Rows wider than this are cut (the crops at their end). */
  maxWidthPx: number;
}

export const SHEET_DEFAULTS: SheetOptions = { rowHeightPx: 160, gapPx: 6, maxWidthPx: 2400 };

function toHeight(image: RawImage, heightPx: number): RawImage {
  const width = Math.max(1, Math.round((image.width * heightPx) / image.height));
  return image.height === heightPx ? image : resizeLanczos(image, width, heightPx);
}

/** The sheet (RGB), rows top to bottom. */
export function overviewSheet(rows: readonly SheetRow[], options: SheetOptions = SHEET_DEFAULTS): RawImage {
  const { rowHeightPx: h, gapPx: gap } = options;
  const laid = rows.map((row) => row.groups.map((group) => group.map((image) => toHeight(image, h))));
  const widthOf = (groups: RawImage[][]): number => groups.reduce((sum, g) => sum + g.reduce((s, i) => s + i.width + 2, 0) + gap, gap);
  const width = Math.min(options.maxWidthPx, Math.max(1, ...laid.map(widthOf)));
  const sheet = createRawImage(width, Math.max(1, laid.length * (h + gap) + gap), 3);
  sheet.data.fill(255);
  laid.forEach((groups, r) => {
    let x = gap;
    const y = gap + r * (h + gap);
    for (const group of groups) {
      for (const image of group) {
        pasteImage(sheet, image, x, y);
        x += image.width + 2;
      }
      x += gap;
    }
  });
  return sheet;
}
