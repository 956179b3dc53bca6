/**
 * Writes crops as JPEG files, many per encoder call: crops are drawn into a mosaic
 * (imaging/crop-mosaic.ts) as frames are read, the mosaic is encoded once when full and cut into
 * one file per crop (imaging/jpeg-tiles.ts), each written atomically. One sharp call costs far
 * more than the pixels of a person crop, so this is several times faster than a call per crop
 * (scripts/bench/dataset.bench.ts measures both). Memory is one mosaic.
 */
import type { ImageBoxPx } from '../contracts/selection.js';
import { CropMosaic } from '../imaging/crop-mosaic.js';
import { encodeJpeg } from '../imaging/image-io.js';
import { splitJpegMosaic } from '../imaging/jpeg-tiles.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { FileStore } from '../shared/file-store.js';

export interface CropWriterOptions {
  files: FileStore;
  /** JPEG quality 1-100. */
  jpegQuality: number;
  /** Mosaic size in pixels (multiples of 16; default 2048 x 4096: 256 crops of 128 x 256 per encode, 25 MB). */
  mosaicWidthPx?: number;
  mosaicHeightPx?: number;
  /** Files written at once (default 16). */
  writeConcurrency?: number;
}

/** What the writer can encode without any file I/O (the benchmark and tests use it). */
export async function encodeMosaicCrops(mosaic: CropMosaic, jpegQuality: number): Promise<Uint8Array[]> {
  if (mosaic.regions.length === 0) return [];
  const jpeg = await encodeJpeg(mosaic.usedImage(), jpegQuality, { optimiseCoding: false });
  return splitJpegMosaic(new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength), mosaic.regions);
}

export class CropWriter {
  private readonly mosaic: CropMosaic;
  private pending: string[] = [];
  written = 0;

  constructor(private readonly options: CropWriterOptions) {
    this.mosaic = new CropMosaic(options.mosaicWidthPx ?? 2048, options.mosaicHeightPx ?? 4096);
  }

  /**
   * Queues the crop `box` of `frame` (RGB), resampled to `sizePx` [width, height] when given,
   * for `file`. The frame may be reused once this resolves (its pixels are copied).
   */
  async add(frame: RawImage, box: ImageBoxPx, file: string, sizePx?: readonly [number, number]): Promise<void> {
    const [w, h] = sizePx ?? [box[2] - box[0], box[3] - box[1]];
    let region = this.mosaic.reserve(w, h);
    if (!region) {
      await this.flush();
      if (!this.mosaic.fitsEmpty(w, h)) {
        // larger than a mosaic: a mosaic of its own
        const single = new CropMosaic(Math.ceil(w / 16) * 16, Math.ceil(h / 16) * 16);
        single.draw(frame, box, single.reserve(w, h)!);
        await this.write([file], await encodeMosaicCrops(single, this.options.jpegQuality));
        return;
      }
      region = this.mosaic.reserve(w, h)!;
    }
    this.mosaic.draw(frame, box, region);
    this.pending.push(file);
  }

  /** Encodes and writes what is queued. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const bytes = await encodeMosaicCrops(this.mosaic, this.options.jpegQuality);
    const files = this.pending;
    this.pending = [];
    this.mosaic.clear();
    await this.write(files, bytes);
  }

  private async write(files: readonly string[], bytes: readonly Uint8Array[]): Promise<void> {
    const concurrency = this.options.writeConcurrency ?? 16;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const i = next++;
        await this.options.files.writeAtomic(files[i], bytes[i]);
        this.written++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }
}
