/** Synthetic test images and tolerant image comparison (per-pixel threshold + share of failures). */
import { createRawImage } from '../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { createRandom } from '../../orchestrator/src/shared/random.js';

/** An image whose pixel (x, y), channel k is `fn(x, y, k)` (rounded, clamped to 0..255). */
export function imageFrom(width: number, height: number, channels: 1 | 3 | 4, fn: (x: number, y: number, k: number) => number): RawImage {
  const image = createRawImage(width, height, channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < channels; k++) image.data[(y * width + x) * channels + k] = Math.max(0, Math.min(255, Math.round(fn(x, y, k))));
    }
  }
  return image;
}

/** Uniform random noise (seeded). */
export function noiseImage(width: number, height: number, channels: 1 | 3 | 4, seed: number): RawImage {
  const random = createRandom(seed);
  return imageFrom(width, height, channels, () => random.int(256));
}

export function pixel(image: RawImage, x: number, y: number): number[] {
  const o = (y * image.width + x) * image.channels;
  return Array.from(image.data.subarray(o, o + image.channels));
}

export interface ImageDifference {
  maxDifference: number;
  /** Share of channel values differing by more than the threshold. */
  failingShare: number;
}

export function compareImages(a: RawImage, b: RawImage, threshold: number): ImageDifference {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new Error(`shape mismatch: ${a.width}x${a.height}x${a.channels} vs ${b.width}x${b.height}x${b.channels}`);
  }
  let max = 0;
  let failing = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    if (d > max) max = d;
    if (d > threshold) failing++;
  }
  return { maxDifference: max, failingShare: failing / a.data.length };
}
