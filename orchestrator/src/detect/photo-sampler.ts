/**
 * Reading a person's pixels for the garment estimate: CIE Lab colours of the on-person pixels
 * in small regions (a disc, a band across a segment), so the estimate reasons about colour
 * without touching the image layout. Pure.
 */
import type { Point2 } from '../geometry/point.js';
import { rgbToLab } from '../imaging/colour.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { PersonSilhouette } from './person-silhouette.js';

/** A CIE Lab colour: L 0..100, a and b about -128..127. */
export type Lab = readonly [number, number, number];

/** CIE76 colour difference. */
export function deltaE(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export class PhotoSampler {
  private readonly scratch = [0, 0, 0];

  constructor(
      readonly photo: RawImage,
    readonly silhouette?: PersonSilhouette,
  ) {}

  /** Whether (x, y) lies in the photo and on the person (when a silhouette is known). */
  onPerson(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.photo.width || y >= this.photo.height) return false;
    return this.silhouette ? this.silhouette.covered(x, y) : true;
  }

  /** The Lab colour of the pixel containing (x, y) (which must lie in the photo). */
  labAt(x: number, y: number): Lab {
    const { data, width, channels } = this.photo;
    const o = (Math.floor(y) * width + Math.floor(x)) * channels;
    if (channels === 1) rgbToLab(data[o], data[o], data[o], this.scratch);
    else rgbToLab(data[o], data[o + 1], data[o + 2], this.scratch);
    return [this.scratch[0], this.scratch[1], this.scratch[2]];
  }

  /** On-person colours in the disc of `radiusPx` around `centre`, every `stepPx`. */
  disc(centre: Point2, radiusPx: number, stepPx = 1): Lab[] {
    const out: Lab[] = [];
    const r = Math.max(0.5, radiusPx);
    for (let dy = -r; dy <= r; dy += stepPx) {
      for (let dx = -r; dx <= r; dx += stepPx) {
        if (dx * dx + dy * dy > r * r) continue;
        const x = centre[0] + dx;
        const y = centre[1] + dy;
        if (this.onPerson(x, y)) out.push(this.labAt(x, y));
      }
    }
    return out;
  }

  /**
   * On-person colours in the band of half-width `halfWidthPx` around the segment a -> b, from
   * fraction `t0` to `t1` of its length, every `stepPx` along and across.
   */
  band(a: Point2, b: Point2, halfWidthPx: number, t0 = 0, t1 = 1, stepPx = 1): Lab[] {
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length === 0) return this.disc(a, halfWidthPx, stepPx);
    const ux = (b[0] - a[0]) / length;
    const uy = (b[1] - a[1]) / length;
    const out: Lab[] = [];
    for (let s = t0 * length; s <= t1 * length; s += stepPx) {
      for (let w = -halfWidthPx; w <= halfWidthPx; w += stepPx) {
        const x = a[0] + ux * s - uy * w;
        const y = a[1] + uy * s + ux * w;
        if (this.onPerson(x, y)) out.push(this.labAt(x, y));
      }
    }
    return out;
  }

  /** Share (0..1) of the points of the segment a -> b (every `stepPx`) that lie on the person. */
  coverage(a: Point2, b: Point2, stepPx = 1): number {
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const n = Math.max(1, Math.floor(length / stepPx));
    let on = 0;
    for (let i = 0; i <= n; i++) {
      const t = i / n;
      if (this.onPerson(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)) on++;
    }
    return on / (n + 1);
  }
}

/** Component-wise median of colours (undefined for none). */
export function medianLab(colours: readonly Lab[]): Lab | undefined {
  if (colours.length === 0) return undefined;
  const values = new Float64Array(colours.length);
  const component = (k: number): number => {
    for (let i = 0; i < colours.length; i++) values[i] = colours[i][k];
    values.sort();
    return values[Math.floor(values.length / 2)];
  };
  return [component(0), component(1), component(2)];
}
