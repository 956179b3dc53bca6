/**
 * A person's mask as a lookup in image pixels. Segmentation models return a probability grid
 * over a box of the photo ({@link PersonMaskGrid}); the estimation and the qualification ask
 * "is (x, y) on this person?", walk from a point to the silhouette's edge, and look for contact
 * with the photo's border.
 */
import type { Point2 } from '../geometry/point.js';

/** A probability grid (0..1) of `widthPx` x `heightPx` cells covering `box` [x1, y1, x2, y2] in image pixels. */
export interface PersonMaskGrid {
  box: readonly [number, number, number, number];
  widthPx: number;
  heightPx: number;
  data: Float32Array;
}

export class PersonSilhouette {
  private readonly cellW: number;
  private readonly cellH: number;

  constructor(
    readonly grid: PersonMaskGrid,
    /** Probability at or above which a cell is on the person. */
    readonly threshold = 0.5,
  ) {
    this.cellW = (grid.box[2] - grid.box[0]) / grid.widthPx;
    this.cellH = (grid.box[3] - grid.box[1]) / grid.heightPx;
  }

  /** Whether the image point (x, y) is on the person (nearest cell; outside the grid: no). */
  covered(x: number, y: number): boolean {
    const { box, widthPx, heightPx, data } = this.grid;
    const i = Math.floor((x - box[0]) / this.cellW);
    const j = Math.floor((y - box[1]) / this.cellH);
    if (i < 0 || j < 0 || i >= widthPx || j >= heightPx) return false;
    return data[j * widthPx + i] >= this.threshold;
  }

  /**
   * How far (pixels) one can walk from `from` along the unit direction `dir` and stay on the
   * person, up to `maxPx`; gaps shorter than `gapPx` (a strap, a belt buckle) are crossed.
   */
  reach(from: Point2, dir: Point2, maxPx: number, gapPx = 2): number {
    let last = 0;
    for (let t = 0; t <= maxPx; t += 1) {
      if (this.covered(from[0] + dir[0] * t, from[1] + dir[1] * t)) last = t;
      else if (t - last > gapPx) break;
    }
    return last;
  }

  /** Bounding box [x1, y1, x2, y2] of the covered cells in image pixels, or undefined when empty. */
  bounds(): [number, number, number, number] | undefined {
    const { box, widthPx, heightPx, data } = this.grid;
    let minI = Infinity;
    let minJ = Infinity;
    let maxI = -1;
    let maxJ = -1;
    for (let j = 0; j < heightPx; j++) {
      for (let i = 0; i < widthPx; i++) {
        if (data[j * widthPx + i] < this.threshold) continue;
        if (i < minI) minI = i;
        if (i > maxI) maxI = i;
        if (j < minJ) minJ = j;
        if (j > maxJ) maxJ = j;
      }
    }
    if (maxI < 0) return undefined;
    return [box[0] + minI * this.cellW, box[1] + minJ * this.cellH, box[0] + (maxI + 1) * this.cellW, box[1] + (maxJ + 1) * this.cellH];
  }

  /** Covered cells per border of a `widthPx` x `heightPx` photo within `marginPx` of it. */
  borderContact(imageWidthPx: number, imageHeightPx: number, marginPx: number): { top: number; bottom: number; left: number; right: number } {
    const { box, widthPx, heightPx, data } = this.grid;
    const contact = { top: 0, bottom: 0, left: 0, right: 0 };
    for (let j = 0; j < heightPx; j++) {
      const y0 = box[1] + j * this.cellH;
      const y1 = y0 + this.cellH;
      for (let i = 0; i < widthPx; i++) {
        if (data[j * widthPx + i] < this.threshold) continue;
        const x0 = box[0] + i * this.cellW;
        const x1 = x0 + this.cellW;
        if (y0 <= marginPx) contact.top++;
        if (y1 >= imageHeightPx - marginPx) contact.bottom++;
        if (x0 <= marginPx) contact.left++;
        if (x1 >= imageWidthPx - marginPx) contact.right++;
      }
    }
    return contact;
  }
}
