/**
 * Turns images into a model's input tensor as its description says: resize (Lanczos; stretch
 * or letterbox), colour order, scale, per-channel mean/std, NCHW or NHWC layout.
 */
import { checkRawImage, convertChannels, createRawImage, pasteImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import type { ImageInputSpec } from './model-description.js';

/** Resizes one image to the input size (RGB), stretching or letterboxing. */
export function fitToInput(image: RawImage, spec: ImageInputSpec): RawImage {
  const rgb = convertChannels(checkRawImage(image), 3);
  if (spec.resize === 'stretch') return resizeLanczos(rgb, spec.widthPx, spec.heightPx);
  const scale = Math.min(spec.widthPx / rgb.width, spec.heightPx / rgb.height);
  const w = Math.max(1, Math.min(spec.widthPx, Math.round(rgb.width * scale)));
  const h = Math.max(1, Math.min(spec.heightPx, Math.round(rgb.height * scale)));
  const canvas = createRawImage(spec.widthPx, spec.heightPx, 3);
  const pad = spec.padValue ?? [0, 0, 0];
  for (let p = 0; p < spec.widthPx * spec.heightPx; p++) {
    canvas.data[3 * p] = pad[0];
    canvas.data[3 * p + 1] = pad[1];
    canvas.data[3 * p + 2] = pad[2];
  }
  pasteImage(canvas, resizeLanczos(rgb, w, h), Math.floor((spec.widthPx - w) / 2), Math.floor((spec.heightPx - h) / 2));
  return canvas;
}

/**
 * A float32 batch tensor [N, 3, H, W] (NCHW) or [N, H, W, 3] (NHWC) of `images`, normalised
 * as `(pixel / scale - mean[c]) / std[c]` with channels in `colourOrder`.
 */
export function imagesToTensor(images: readonly RawImage[], spec: ImageInputSpec): { data: Float32Array; dims: number[] } {
  const { widthPx: w, heightPx: h } = spec;
  const plane = w * h;
  const data = new Float32Array(images.length * 3 * plane);
  const order = spec.colourOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const scale = [0, 1, 2].map((c) => 1 / (spec.scale * spec.std[c]));
  const offset = [0, 1, 2].map((c) => spec.mean[c] / spec.std[c]);
  images.forEach((image, n) => {
    const fitted = fitToInput(image, spec).data;
    const base = n * 3 * plane;
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < 3; c++) {
        const value = fitted[3 * p + order[c]] * scale[c] - offset[c];
        data[spec.layout === 'NCHW' ? base + c * plane + p : base + 3 * p + c] = value;
      }
    }
  });
  return { data, dims: spec.layout === 'NCHW' ? [images.length, 3, h, w] : [images.length, h, w, 3] };
}
