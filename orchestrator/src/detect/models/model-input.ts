/**
 * A sampled region (RGB 0-255, NHWC) to a model's input tensor as its registry description
 * says: colour order, `(v / scale - mean[c]) / std[c]`, NHWC or NCHW, batch 1. Pure.
 */
import type { ImageInputSpec } from '../../models/model-description.js';
import type { RawImage } from '../../imaging/raw-image.js';
import { sampleRegion } from './crop-region.js';
import type { CropRegion } from './crop-region.js';

export interface InputTensor {
  data: Float32Array;
  dims: number[];
}

/** Normalises `pixels` (widthPx x heightPx x 3, RGB) for `spec`. */
export function pixelsToTensor(pixels: Float32Array, spec: ImageInputSpec): InputTensor {
  const { widthPx: w, heightPx: h } = spec;
  const plane = w * h;
  const data = new Float32Array(3 * plane);
  const order = spec.colourOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const gain = [0, 1, 2].map((c) => 1 / (spec.scale * spec.std[c]));
  const offset = [0, 1, 2].map((c) => spec.mean[c] / spec.std[c]);
  const nchw = spec.layout === 'NCHW';
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const value = pixels[3 * p + order[c]] * gain[c] - offset[c];
      data[nchw ? c * plane + p : 3 * p + c] = value;
    }
  }
  return { data, dims: nchw ? [1, 3, h, w] : [1, h, w, 3] };
}

/** Samples `region` of `image` at the input size and normalises it. */
export function regionToTensor(image: RawImage, region: CropRegion, spec: ImageInputSpec): InputTensor {
  return pixelsToTensor(sampleRegion(image, region, spec.widthPx, spec.heightPx, spec.padValue ?? [0, 0, 0]), spec);
}
