/**
 * The image I/O edge: decode files into {@link RawImage} and encode RawImage to PNG/JPEG with
 * sharp. Nothing else in the project imports sharp, and this module imports it on first use,
 * so importing the package or a stage core does not map libvips.
 */
import type sharpModule from 'sharp';
import type { Sharp } from 'sharp';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { RawImage } from './raw-image.js';

type SharpFactory = typeof sharpModule;

let loading: Promise<SharpFactory> | undefined;

/** sharp, imported once on first call. */
function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

/** Decodes encoded image bytes (JPEG, PNG, WebP, ...) to RGB, or RGBA when it has alpha. */
export async function decodeImage(bytes: Uint8Array, label = 'image'): Promise<RawImage> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes).rotate().raw().toBuffer({ resolveWithObject: true });
    let channels = info.channels as number;
    let pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (channels === 2) {
      // gray + alpha: expand to RGBA so the core sees 1, 3 or 4 channels only
      const n = info.width * info.height;
      const rgba = new Uint8Array(n * 4);
      for (let i = 0; i < n; i++) {
        rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i * 2];
        rgba[i * 4 + 3] = pixels[i * 2 + 1];
      }
      pixels = rgba;
      channels = 4;
    }
    return { width: info.width, height: info.height, channels: channels as 1 | 3 | 4, data: pixels };
  } catch (cause) {
    throw new ClonedPersonError('E_IMAGE_DECODE', `cannot decode ${label}: ${(cause as Error).message}`, {
      cause,
      details: { file: label },
    });
  }
}

/** Reads and decodes an image file; E_IMAGE_MISSING when absent, E_IMAGE_DECODE when corrupt. */
export async function readImage(file: string, files: FileStore = nodeFileStore): Promise<RawImage> {
  const bytes = await files.read(file, 'E_IMAGE_MISSING');
  return decodeImage(bytes, file);
}

async function sharpFromRaw(image: RawImage): Promise<Sharp> {
  const sharp = await loadSharp();
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
}

/** Encodes to PNG bytes. `compressionLevel` 0-9 trades size for speed (default 6). */
export async function encodePng(image: RawImage, compressionLevel = 6): Promise<Buffer> {
  return (await sharpFromRaw(image)).png({ compressionLevel }).toBuffer();
}

export interface JpegEncodeOptions {
  /**
   * Huffman tables optimised for the image (sharp's default, smaller files) or the standard
   * tables (about twice as fast to encode; what the dataset writer's mosaic uses).
   */
  optimiseCoding?: boolean;
}

/** Encodes to baseline 4:2:0 JPEG bytes (quality 1-100, default 90). */
export async function encodeJpeg(image: RawImage, quality = 90, options: JpegEncodeOptions = {}): Promise<Buffer> {
  return (await sharpFromRaw(image)).jpeg({ quality, chromaSubsampling: '4:2:0', optimiseCoding: options.optimiseCoding ?? true }).toBuffer();
}

/** Encodes and writes a PNG atomically. */
export async function writePng(file: string, image: RawImage, compressionLevel = 6, files: FileStore = nodeFileStore): Promise<void> {
  await files.writeAtomic(file, await encodePng(image, compressionLevel));
}
