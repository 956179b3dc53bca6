import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { decodeImage, encodeJpeg } from '../../../orchestrator/src/imaging/image-io.js';
import { jpegMcuSize, splitJpegMosaic } from '../../../orchestrator/src/imaging/jpeg-tiles.js';
import type { MosaicRegion } from '../../../orchestrator/src/imaging/jpeg-tiles.js';
import { cropImage } from '../../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { compareImages, imageFrom } from '../../helpers/images.js';

/** Smooth colour fields with noise and hard edges: every kind of block (flat, edges, texture). */
function photoLike(width: number, height: number, seed: number): RawImage {
  const random = createRandom(seed);
  const noise = Array.from({ length: width * height }, () => random.int(40) - 20);
  return imageFrom(width, height, 3, (x, y, k) => 128 + 90 * Math.sin((x + 37 * k) / 23) * Math.cos(y / 31) + (((x >> 4) + (y >> 5)) % 3 === 0 ? 60 : 0) + noise[y * width + x]);
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

describe('splitJpegMosaic', () => {
  it.each([90, 75, 40])('gives, byte for byte, what encoding each whole-MCU tile alone gives (quality %i)', async (quality) => {
    const mosaic = photoLike(512, 512, quality);
    const jpeg = bytes(await encodeJpeg(mosaic, quality, { optimiseCoding: false }));
    expect(jpegMcuSize(jpeg)).toEqual({ widthPx: 16, heightPx: 16 });
    const regions: MosaicRegion[] = [
      { x: 0, y: 0, widthPx: 128, heightPx: 256 },
      { x: 128, y: 0, widthPx: 64, heightPx: 96 },
      { x: 384, y: 256, widthPx: 128, heightPx: 256 },
      { x: 16, y: 496, widthPx: 16, heightPx: 16 },
    ];
    const parts = splitJpegMosaic(jpeg, regions);
    for (const [i, r] of regions.entries()) {
      const alone = bytes(await encodeJpeg(cropImage(mosaic, r.x, r.y, r.widthPx, r.heightPx), quality, { optimiseCoding: false }));
      expect(Buffer.from(parts[i]).equals(Buffer.from(alone))).toBe(true);
    }
  });

  it('cuts regions of any size: decoders show exactly the region, with the mosaic pixels under it', async () => {
    const mosaic = photoLike(320, 320, 7);
    const jpeg = bytes(await encodeJpeg(mosaic, 92, { optimiseCoding: false }));
    const whole = await decodeImage(jpeg);
    const regions: MosaicRegion[] = [
      { x: 32, y: 48, widthPx: 53, heightPx: 131 },
      { x: 160, y: 0, widthPx: 1, heightPx: 1 },
      { x: 304, y: 304, widthPx: 16, heightPx: 16 },
    ];
    const parts = splitJpegMosaic(jpeg, regions);
    for (const [i, r] of regions.entries()) {
      const decoded = await decodeImage(parts[i]);
      expect([decoded.width, decoded.height]).toEqual([r.widthPx, r.heightPx]);
      // identical blocks; only chroma upsampling at the region's edge may differ a little
      const difference = compareImages(decoded, cropImage(whole, r.x, r.y, r.widthPx, r.heightPx), 12);
      expect(difference.failingShare).toBeLessThan(0.02);
    }
  });

  it('works with optimised Huffman tables and 4:4:4 too (the tables travel with every file)', async () => {
    const mosaic = photoLike(256, 256, 3);
    for (const encoded of [
      await sharp(mosaic.data, { raw: { width: 256, height: 256, channels: 3 } }).jpeg({ quality: 85, optimiseCoding: true }).toBuffer(),
      await sharp(mosaic.data, { raw: { width: 256, height: 256, channels: 3 } }).jpeg({ quality: 85, chromaSubsampling: '4:4:4' }).toBuffer(),
    ]) {
      const jpeg = bytes(encoded);
      const [part] = splitJpegMosaic(jpeg, [{ x: 64, y: 128, widthPx: 80, heightPx: 64 }]);
      const decoded = await decodeImage(part);
      expect(compareImages(decoded, cropImage(await decodeImage(jpeg), 64, 128, 80, 64), 12).failingShare).toBeLessThan(0.02);
    }
  });

  it('refuses what it cannot cut: progressive files, restart markers, regions off the MCU grid', async () => {
    const image = photoLike(64, 64, 1);
    const raw = { raw: { width: 64, height: 64, channels: 3 as const } };
    const progressive = bytes(await sharp(image.data, raw).jpeg({ progressive: true }).toBuffer());
    expect(() => splitJpegMosaic(progressive, [{ x: 0, y: 0, widthPx: 16, heightPx: 16 }])).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const baseline = bytes(await encodeJpeg(image, 90, { optimiseCoding: false }));
    expect(() => splitJpegMosaic(baseline, [{ x: 8, y: 0, widthPx: 16, heightPx: 16 }])).toThrow(/MCU grid/);
    expect(() => splitJpegMosaic(baseline, [{ x: 48, y: 48, widthPx: 32, heightPx: 16 }])).toThrow(/MCU grid/);
    // a restart interval (DRI) segment before the scan
    const sos = baseline.findIndex((b, i) => b === 0xff && baseline[i + 1] === 0xda);
    const withDri = new Uint8Array([...baseline.subarray(0, sos), 0xff, 0xdd, 0, 4, 0, 4, ...baseline.subarray(sos)]);
    expect(() => splitJpegMosaic(withDri, [{ x: 0, y: 0, widthPx: 16, heightPx: 16 }])).toThrow(/restart/);
  });
});
