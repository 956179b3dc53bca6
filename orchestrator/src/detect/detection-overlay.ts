/**
 * A picture of what detect found, for people to check: each person's box (green when
 * qualified, red when not), the COCO skeleton, and each garment's landmark polygon (tops cyan,
 * bottoms magenta, dresses orange) with its landmarks as dots. Pure: draws on a copy.
 */
import type { DetectionLine } from '../contracts/detections.js';
import { garmentRole } from '../contracts/garment-categories.js';
import type { Rgb8 } from '../imaging/colour.js';
import { drawDot, drawLine, drawPolygon, drawRect } from '../imaging/draw.js';
import type { RawImage } from '../imaging/raw-image.js';
import { convertChannels } from '../imaging/raw-image.js';

const SKELETON: readonly [number, number][] = [
  [5, 6], [5, 7], [7, 9], [6, 8], [8, 10], [5, 11], [6, 12], [11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [0, 1], [0, 2], [1, 3], [2, 4],
];

const COLOURS = {
  qualified: [40, 220, 60],
  rejected: [230, 40, 40],
  skeleton: [255, 200, 0],
  top: [0, 220, 255],
  bottom: [255, 0, 200],
  dress: [255, 120, 0],
} as const satisfies Record<string, Rgb8>;

export interface OverlayOptions {
  /** Keypoints below this score are not drawn. */
  minKeypointScore: number;
}

/** The photo with every line of `lines` drawn over it (RGB). */
export function drawDetections(photo: RawImage, lines: readonly Pick<DetectionLine, 'box' | 'keypoints' | 'qualified' | 'garments'>[], options: OverlayOptions = { minKeypointScore: 0.3 }): RawImage {
  const out = convertChannels(photo, 3);
  const canvas = out === photo ? { ...photo, data: new Uint8Array(photo.data) } : out;
  const thickness = Math.max(1, Math.round(Math.max(canvas.width, canvas.height) / 400));
  for (const line of lines) {
    const [x1, y1, x2, y2] = line.box;
    drawRect(canvas, x1, y1, x2, y2, line.qualified ? COLOURS.qualified : COLOURS.rejected, thickness);
    const k = line.keypoints;
    if (k.length === 17) {
      for (const [a, b] of SKELETON) {
        if (k[a][2] >= options.minKeypointScore && k[b][2] >= options.minKeypointScore) drawLine(canvas, [k[a][0], k[a][1]], [k[b][0], k[b][1]], COLOURS.skeleton, thickness);
      }
    }
    for (const garment of line.garments) {
      const colour = COLOURS[garmentRole(garment.category)];
      drawPolygon(canvas, garment.landmarks, colour, thickness);
      for (const p of garment.landmarks) drawDot(canvas, p, thickness + 1, colour);
    }
  }
  return canvas;
}
