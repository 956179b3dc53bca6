/**
 * Where the cloth-cell search gets its feature map from: the built-in appearance features, or
 * an ONNX re-ID backbone (onnx-feature-extractor.ts). Extractors take the 384 x 128 search canvas
 * (garment pasted top-left, black elsewhere) and its garment mask.
 */
import type { RawImage } from '../imaging/raw-image.js';
import { appearanceFeatureMap } from './appearance-feature-map.js';
import type { AppearanceFeatureOptions } from './appearance-feature-map.js';
import type { FeatureMap } from './feature-map.js';

export interface FeatureMapExtractor {
  /** Identifies the extractor in records and cache keys, e.g. `appearance/8px`. */
  readonly name: string;
  extract(canvas: RawImage, mask: Uint8Array): Promise<FeatureMap>;
  /** Frees what the extractor holds (an onnxruntime session); call it once when done. */
  close(): Promise<void>;
}

export function createAppearanceExtractor(options: AppearanceFeatureOptions = {}): FeatureMapExtractor {
  return {
    name: `appearance/${options.cellPx ?? 8}px`,
    extract: (canvas, mask) => Promise.resolve(appearanceFeatureMap(canvas, mask, options)),
    close: () => Promise.resolve(),
  };
}
