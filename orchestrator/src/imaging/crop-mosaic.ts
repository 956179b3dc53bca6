/**
 * A mosaic of crops for batch JPEG encoding (see jpeg-tiles.ts): crops are packed on shelves,
 * each at a corner on the 16-pixel MCU grid, and padded to whole MCUs by repeating their last
 * column and row (what a JPEG encoder does at an image border), so the padding costs few bits
 * and never bleeds into the crop when a decoder upsamples chroma.
 */
import { invalidArgument } from '../shared/check.js';
import { resizeBoxInto } from './resize-box.js';
import { allocateResizeTarget } from './resize-box-wasm.js';
import type { MosaicRegion } from './jpeg-tiles.js';
import type { RawImage } from './raw-image.js';

/** The MCU size the packing aligns to: 16 covers 4:2:0 and 4:4:4 JPEG. */
export const MOSAIC_MCU_PX = 16;

const roundUp = (v: number): number => Math.ceil(v / MOSAIC_MCU_PX) * MOSAIC_MCU_PX;

export class CropMosaic {
  readonly image: RawImage;
  readonly regions: MosaicRegion[] = [];
  private cursorX = 0;
  private shelfY = 0;
  private shelfHeight = 0;

  /** A mosaic of `widthPx x heightPx` RGB pixels (multiples of 16). */
  constructor(widthPx: number, heightPx: number) {
    if (widthPx % MOSAIC_MCU_PX !== 0 || heightPx % MOSAIC_MCU_PX !== 0 || widthPx <= 0 || heightPx <= 0) {
      throw invalidArgument(`positive multiples of ${MOSAIC_MCU_PX}`, 'mosaic size', `${widthPx}x${heightPx}`);
    }
    // pixels where the resampling kernel writes without a copy (resize-box-wasm.ts)
    this.image = allocateResizeTarget(widthPx, heightPx);
  }

  /** Rows in use (the image to encode is the first `usedHeightPx` rows). */
  get usedHeightPx(): number {
    return this.shelfY + this.shelfHeight;
  }

  /** Whether a crop of this size fits an empty mosaic of this size. */
  fitsEmpty(widthPx: number, heightPx: number): boolean {
    return roundUp(widthPx) <= this.image.width && roundUp(heightPx) <= this.image.height;
  }

  /** Reserves room for a `widthPx x heightPx` crop; undefined when the mosaic is full. */
  reserve(widthPx: number, heightPx: number): MosaicRegion | undefined {
    const w = roundUp(widthPx);
    const h = roundUp(heightPx);
    if (this.cursorX + w > this.image.width) {
      this.shelfY += this.shelfHeight;
      this.cursorX = 0;
      this.shelfHeight = 0;
    }
    if (w > this.image.width || this.shelfY + h > this.image.height) return undefined;
    const region: MosaicRegion = { x: this.cursorX, y: this.shelfY, widthPx, heightPx };
    this.cursorX += w;
    this.shelfHeight = Math.max(this.shelfHeight, h);
    this.regions.push(region);
    return region;
  }

  /**
   * Copies `box` [x0, y0, x1, y1) (integer pixels inside the RGB `frame`) into `region` as is
   * (the region must have the box's size), or resampled when the sizes differ
   * ({@link resizeBoxInto}), then pads it to whole MCUs.
   */
  draw(frame: RawImage, box: readonly [number, number, number, number], region: MosaicRegion): void {
    const [x0, y0, x1, y1] = box;
    const { widthPx: w, heightPx: h } = region;
    const mosaic = this.image;
    const stride = mosaic.width * 3;
    if (x1 - x0 === w && y1 - y0 === h) {
      if (frame.channels !== 3) throw invalidArgument('an RGB frame', 'frame', `${frame.channels} channels`);
      if (x0 < 0 || y0 < 0 || x1 > frame.width || y1 > frame.height) throw invalidArgument(`a box inside ${frame.width}x${frame.height}`, 'box', `[${box.join(', ')}]`);
      const frameStride = frame.width * 3;
      const { buffer, byteOffset } = frame.data;
      for (let y = 0; y < h; y++) {
        // a plain view rather than subarray(), which costs as much as copying a row this short
        mosaic.data.set(new Uint8Array(buffer, byteOffset + (y0 + y) * frameStride + x0 * 3, w * 3), (region.y + y) * stride + region.x * 3);
      }
    } else {
      resizeBoxInto(frame, box, mosaic, region.x, region.y, w, h);
    }
    // repeat the last column, then the last row, up to the MCU grid
    const paddedW = roundUp(w);
    const paddedH = roundUp(h);
    const data = mosaic.data;
    if (paddedW > w) {
      for (let y = 0; y < h; y++) {
        const row = (region.y + y) * stride + region.x * 3;
        const last = row + (w - 1) * 3;
        for (let x = w; x < paddedW; x++) {
          data[row + x * 3] = data[last];
          data[row + x * 3 + 1] = data[last + 1];
          data[row + x * 3 + 2] = data[last + 2];
        }
      }
    }
    const lastRow = (region.y + h - 1) * stride + region.x * 3;
    for (let y = h; y < paddedH; y++) data.copyWithin((region.y + y) * stride + region.x * 3, lastRow, lastRow + paddedW * 3);
  }

  /**
   * Empties the mosaic. Old pixels stay: new crops overwrite what they cover, and whatever is
   * left in the gaps between them lies in other MCUs, which no crop's file uses.
   */
  clear(): void {
    this.regions.length = 0;
    this.cursorX = 0;
    this.shelfY = 0;
    this.shelfHeight = 0;
  }

  /** The used rows as an image (a view, no copy). */
  usedImage(): RawImage {
    const height = Math.max(MOSAIC_MCU_PX, this.usedHeightPx);
    return { width: this.image.width, height, channels: 3, data: this.image.data.subarray(0, height * this.image.width * 3) };
  }
}
