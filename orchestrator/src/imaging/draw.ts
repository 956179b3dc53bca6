/**
 * Minimal drawing for inspection images (--steps output, reports): outlines, polylines and dots
 * on RGB or RGBA images, in place. Not anti-aliased; meant for people to look at.
 */
import type { Point2 } from '../geometry/point.js';
import type { Rgb8 } from './colour.js';
import type { RawImage } from './raw-image.js';

function plot(image: RawImage, x: number, y: number, colour: Rgb8): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const o = (y * image.width + x) * image.channels;
  if (image.channels === 1) {
    image.data[o] = Math.round(0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]);
    return;
  }
  image.data[o] = colour[0];
  image.data[o + 1] = colour[1];
  image.data[o + 2] = colour[2];
  if (image.channels === 4) image.data[o + 3] = 255;
}

/** A line from a to b (Bresenham), `thickness` pixels wide. */
export function drawLine(image: RawImage, a: Point2, b: Point2, colour: Rgb8, thickness = 1): void {
  let x0 = Math.round(a[0]);
  let y0 = Math.round(a[1]);
  const x1 = Math.round(b[0]);
  const y1 = Math.round(b[1]);
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  const r0 = -Math.floor((thickness - 1) / 2);
  const r1 = r0 + thickness - 1;
  for (;;) {
    for (let oy = r0; oy <= r1; oy++) for (let ox = r0; ox <= r1; ox++) plot(image, x0 + ox, y0 + oy, colour);
    if (x0 === x1 && y0 === y1) break;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

/** A closed polygon outline. */
export function drawPolygon(image: RawImage, points: readonly Point2[], colour: Rgb8, thickness = 1): void {
  points.forEach((p, i) => drawLine(image, p, points[(i + 1) % points.length], colour, thickness));
}

/** A rectangle outline with corners (x1, y1) and (x2, y2). */
export function drawRect(image: RawImage, x1: number, y1: number, x2: number, y2: number, colour: Rgb8, thickness = 1): void {
  drawPolygon(image, [[x1, y1], [x2, y1], [x2, y2], [x1, y2]], colour, thickness);
}

/** A filled disc of `radius` pixels. */
export function drawDot(image: RawImage, centre: Point2, radius: number, colour: Rgb8): void {
  const cx = Math.round(centre[0]);
  const cy = Math.round(centre[1]);
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) if (x * x + y * y <= radius * radius) plot(image, cx + x, cy + y, colour);
  }
}
