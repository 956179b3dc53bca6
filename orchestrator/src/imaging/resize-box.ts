/**
 * Resampling of a rectangle of an RGB image straight into a rectangle of another (the dataset
 * writer's crop + resize into an encoder mosaic, one pass, no intermediate crop). A separable
 * triangle (bilinear) filter whose support grows with the scale when shrinking, so downscaled
 * crops are low-pass filtered (Pillow's BILINEAR does the same; box-taps.ts). Runs as
 * WebAssembly SIMD (resize-box-wasm.ts) where the engine has it, else in JavaScript
 * (resize-box-js.ts); both give the same bytes.
 */
import { invalidArgument } from '../shared/check.js';
import { resizeBoxJs } from './resize-box-js.js';
import { resizeBoxWasm, resizeKernel } from './resize-box-wasm.js';
import type { RawImage } from './raw-image.js';

/** Which implementation {@link resizeBoxInto} runs in this engine. */
export function resizeBoxEngine(): 'wasm-simd' | 'js' {
  return resizeKernel() ? 'wasm-simd' : 'js';
}

/**
 * Resamples `box` [x0, y0, x1, y1) (integer pixels inside `source`) of an RGB image into the
 * `widthPx x heightPx` rectangle of the RGB image `target` at (`atX`, `atY`); pixels outside
 * the rectangle are left as they are.
 */
export function resizeBoxInto(source: RawImage, box: readonly [number, number, number, number], target: RawImage, atX: number, atY: number, widthPx: number, heightPx: number): void {
  const [x0, y0, x1, y1] = box;
  if (source.channels !== 3 || target.channels !== 3) throw invalidArgument('RGB images', 'resizeBoxInto', `${source.channels} and ${target.channels} channels`);
  if (!(x0 >= 0 && y0 >= 0 && x1 <= source.width && y1 <= source.height && x1 > x0 && y1 > y0) || ![x0, y0, x1, y1].every(Number.isInteger)) {
    throw invalidArgument(`an integer box inside ${source.width}x${source.height}`, 'box', `[${box.join(', ')}]`);
  }
  if (atX < 0 || atY < 0 || atX + widthPx > target.width || atY + heightPx > target.height) {
    throw invalidArgument(`a rectangle inside ${target.width}x${target.height}`, 'target rectangle', `${atX},${atY} ${widthPx}x${heightPx}`);
  }
  const kernel = resizeKernel();
  if (kernel) resizeBoxWasm(kernel, source, box, target, atX, atY, widthPx, heightPx);
  else resizeBoxJs(source, box, target, atX, atY, widthPx, heightPx);
}
