/**
 * Box arithmetic shared by both crop rules: the authors' margins (fractions of the box height),
 * the minimum aspect, the overlap measure and the integer crop inside the frame. Boxes are
 * [x0, y0, x1, y1] in frame pixels, x1/y1 exclusive.
 */
import type { ImageBoxPx } from '../contracts/selection.js';

export interface BoxMargins {
  /** Added on the left and on the right, as a fraction of the box height. */
  marginSide: number;
  marginTop: number;
  marginBottom: number;
}

export const boxWidth = (box: ImageBoxPx): number => box[2] - box[0];
export const boxHeight = (box: ImageBoxPx): number => box[3] - box[1];

/** The box widened by the margins, each a fraction of its height. */
export function withMargins(box: ImageBoxPx, margins: BoxMargins): ImageBoxPx {
  const h = boxHeight(box);
  return [box[0] - margins.marginSide * h, box[1] - margins.marginTop * h, box[2] + margins.marginSide * h, box[3] + margins.marginBottom * h];
}

/** The box widened about its centre so that width / height >= `minAspect`. */
export function widenToAspect(box: ImageBoxPx, minAspect: number): ImageBoxPx {
  const h = boxHeight(box);
  const w = boxWidth(box);
  if (w >= minAspect * h) return box;
  const grow = (minAspect * h - w) / 2;
  return [box[0] - grow, box[1], box[2] + grow, box[3]];
}

/** Intersection area / the smaller box's area (0 when either is empty). */
export function overlapOfSmaller(a: ImageBoxPx, b: ImageBoxPx): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (iw <= 0 || ih <= 0) return 0;
  const smaller = Math.min(boxWidth(a) * boxHeight(a), boxWidth(b) * boxHeight(b));
  return smaller > 0 ? (iw * ih) / smaller : 0;
}

/** Whether the box leaves the `widthPx x heightPx` frame. */
export function leavesFrame(box: ImageBoxPx, widthPx: number, heightPx: number): boolean {
  return box[0] < 0 || box[1] < 0 || box[2] > widthPx || box[3] > heightPx;
}

/**
 * The pixels to cut: the box rounded outwards to whole pixels and clipped to the frame;
 * undefined when nothing is left.
 */
export function cropPixels(box: ImageBoxPx, widthPx: number, heightPx: number): ImageBoxPx | undefined {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(widthPx, Math.ceil(box[2]));
  const y1 = Math.min(heightPx, Math.ceil(box[3]));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : undefined;
}
