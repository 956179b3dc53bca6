/**
 * A hand-crafted appearance feature map, so the cloth-cell search works with no network
 * weights. The image is cut into square cells (8 px by default, a 48 x 16 grid for the 384 x 128
 * search canvas) and each cell gets colour and texture statistics over its in-mask pixels:
 *
 *  0-2  mean R, G, B
 *  3    luminance standard deviation (contrast)
 *  4-5  mean |d/dx| and |d/dy| of luminance (texture energy per direction)
 *  6-9  gradient-orientation histogram, 4 bins (0, 45, 90, 135 degrees), magnitude-weighted
 *
 * Values are on a 0..1 scale plus a small constant offset. The offset matters: the block score
 * L2-normalises each channel over a block, and without it the near-zero texture channels of a
 * flat region would be normalised noise and look non-uniform.
 */
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { checkRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { FeatureMap } from './feature-map.js';

export interface AppearanceFeatureOptions {
  /** Side of one feature cell in pixels (default 8). */
  cellPx?: number;
  /** Constant added to every feature (default 0.05); see the module comment. */
  offset?: number;
}

export const APPEARANCE_FEATURE_DEFAULTS: Required<AppearanceFeatureOptions> = { cellPx: 8, offset: 0.05 };

const APPEARANCE_FEATURE_CHANNELS = 10;

/**
 * Computes the feature map of an RGB image; `mask` (width*height, nonzero = inside) limits the
 * statistics to garment pixels (cells without any get the offset only). The grid is
 * floor(height / cellPx) x floor(width / cellPx).
 */
export function appearanceFeatureMap(image: RawImage, mask?: Uint8Array, options: AppearanceFeatureOptions = {}): FeatureMap {
  checkRawImage(image);
  if (image.channels !== 3) throw invalidArgument('RGB image', 'image.channels', image.channels);
  const { cellPx, offset } = { ...APPEARANCE_FEATURE_DEFAULTS, ...options };
  checkPositiveInteger(cellPx, 'cellPx');
  const { width, height, data } = image;
  if (mask && mask.length !== width * height) throw invalidArgument(`mask of ${width * height} pixels`, 'mask', mask.length);
  const gridW = Math.floor(width / cellPx);
  const gridH = Math.floor(height / cellPx);
  if (gridW < 1 || gridH < 1) throw invalidArgument(`image of at least ${cellPx}x${cellPx} pixels`, 'image', `${width}x${height}`);

  const luminance = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    luminance[i] = (0.299 * data[i * 3] + 0.587 * data[i * 3 + 1] + 0.114 * data[i * 3 + 2]) / 255;
  }
  const inside = (i: number): boolean => !mask || mask[i] !== 0;
  const plane = gridW * gridH;
  const out = new Float32Array(APPEARANCE_FEATURE_CHANNELS * plane);
  for (let gy = 0; gy < gridH; gy++) {
    for (let gx = 0; gx < gridW; gx++) {
      let count = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      let l = 0;
      let ll = 0;
      let gradientCount = 0;
      let dxSum = 0;
      let dySum = 0;
      const bins = [0, 0, 0, 0];
      for (let y = gy * cellPx; y < (gy + 1) * cellPx; y++) {
        for (let x = gx * cellPx; x < (gx + 1) * cellPx; x++) {
          const i = y * width + x;
          if (!inside(i)) continue;
          count++;
          r += data[i * 3];
          g += data[i * 3 + 1];
          b += data[i * 3 + 2];
          l += luminance[i];
          ll += luminance[i] * luminance[i];
          // central differences only where both neighbours are garment pixels
          if (x > 0 && x < width - 1 && y > 0 && y < height - 1 && inside(i - 1) && inside(i + 1) && inside(i - width) && inside(i + width)) {
            const dx = (luminance[i + 1] - luminance[i - 1]) / 2;
            const dy = (luminance[i + width] - luminance[i - width]) / 2;
            gradientCount++;
            dxSum += Math.abs(dx);
            dySum += Math.abs(dy);
            const magnitude = Math.hypot(dx, dy);
            if (magnitude > 0) {
              // orientation folded to [0, 180) and split linearly between the two nearest bins
              let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
              if (angle < 0) angle += 180;
              if (angle >= 180) angle -= 180;
              const position = angle / 45;
              const lower = Math.floor(position) % 4;
              const upper = (lower + 1) % 4;
              const t = position - Math.floor(position);
              bins[lower] += magnitude * (1 - t);
              bins[upper] += magnitude * t;
            }
          }
        }
      }
      const cell = gy * gridW + gx;
      const values = new Array<number>(APPEARANCE_FEATURE_CHANNELS).fill(0);
      if (count > 0) {
        values[0] = r / count / 255;
        values[1] = g / count / 255;
        values[2] = b / count / 255;
        const mean = l / count;
        values[3] = Math.sqrt(Math.max(0, ll / count - mean * mean));
      }
      if (gradientCount > 0) {
        values[4] = dxSum / gradientCount;
        values[5] = dySum / gradientCount;
        for (let k = 0; k < 4; k++) values[6 + k] = bins[k] / gradientCount;
      }
      for (let c = 0; c < APPEARANCE_FEATURE_CHANNELS; c++) out[c * plane + cell] = values[c] + offset;
    }
  }
  return { channels: APPEARANCE_FEATURE_CHANNELS, height: gridH, width: gridW, data: out };
}
