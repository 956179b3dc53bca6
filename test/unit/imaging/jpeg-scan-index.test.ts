import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { parseJpeg } from '../../../orchestrator/src/imaging/jpeg-scan.js';
import { indexMcusJs } from '../../../orchestrator/src/imaging/jpeg-scan-index-js.js';
import { indexMcusWasm, scanIndexKernel } from '../../../orchestrator/src/imaging/jpeg-scan-index-wasm.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { imageFrom } from '../../helpers/images.js';

/** Smooth colour fields with noise and hard edges; `noise` sets the entropy (high noise at quality 100 takes long codes). */
async function mosaicJpeg(widthPx: number, heightPx: number, noise: number, options: sharp.JpegOptions, grey = false): Promise<Uint8Array> {
  const random = createRandom(widthPx + noise);
  const image = imageFrom(widthPx, heightPx, 3, (x, y, k) => 128 + 90 * Math.sin((x + 37 * k) / 23) * Math.cos(y / 31) + (((x >> 4) + (y >> 5)) % 3 === 0 ? 60 : 0) + random.int(2 * noise + 1) - noise);
  let pipeline = sharp(image.data, { raw: { width: widthPx, height: heightPx, channels: 3 } });
  if (grey) pipeline = pipeline.toColourspace('b-w');
  const encoded = await pipeline.jpeg(options).toBuffer();
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

function mcuCount(jpeg: ReturnType<typeof parseJpeg>): number {
  const mcuW = 8 * Math.max(...jpeg.components.map((c) => c.h));
  const mcuH = 8 * Math.max(...jpeg.components.map((c) => c.v));
  return Math.ceil(jpeg.widthPx / mcuW) * Math.ceil(jpeg.heightPx / mcuH);
}

/** What a call gives: its index or its error's code and message. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  }
}

describe('indexMcusWasm', () => {
  it('runs in this engine (Node has WebAssembly SIMD)', () => {
    expect(scanIndexKernel()).not.toBeNull();
  });

  it.each([
    ['4:2:0, quality 90', 512, 256, 20, { quality: 90, optimiseCoding: false }, false],
    ['4:4:4, quality 85', 256, 256, 20, { quality: 85, chromaSubsampling: '4:4:4' }, false],
    ['optimised tables, quality 75', 320, 240, 10, { quality: 75, optimiseCoding: true }, false],
    ['grayscale, quality 90', 256, 128, 20, { quality: 90 }, true],
    ['noise at quality 100 (long codes: the slow path)', 256, 256, 120, { quality: 100, optimiseCoding: false }, false],
    ['odd size, partial MCUs', 203, 77, 20, { quality: 90 }, false],
  ] as const)('gives the JavaScript index (%s)', async (_name, widthPx, heightPx, noise, options, grey) => {
    const parsed = parseJpeg(await mosaicJpeg(widthPx, heightPx, noise, options, grey));
    if (grey) expect(parsed.components).toHaveLength(1);
    const count = mcuCount(parsed);
    const wasm = indexMcusWasm(parsed, count);
    const js = indexMcusJs(parsed, count);
    expect(wasm).toBeDefined();
    expect(Array.from(wasm!.mcuStart)).toEqual(Array.from(js.mcuStart));
    expect(Array.from(wasm!.records)).toEqual(Array.from(js.records));
  });

  it('refuses a truncated scan and a bad code as the JavaScript walk does', async () => {
    const jpeg = await mosaicJpeg(256, 256, 20, { quality: 90 });
    const truncated = parseJpeg(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    const count = mcuCount(truncated);
    const refused = outcome(() => indexMcusWasm(truncated, count));
    expect(refused).toEqual({ code: 'E_ARGUMENT', message: expect.stringContaining('ends before its last MCU') });
    expect(outcome(() => indexMcusJs(truncated, count))).toEqual(refused);
    // all one bits (stuffed 0xFF bytes) from the middle on: the all-ones code is in no table
    const sos = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xda);
    const cut = sos + Math.floor((jpeg.length - sos) / 2);
    const ones = new Uint8Array(2000).map((_, i) => (i % 2 === 0 ? 0xff : 0x00));
    const bad = parseJpeg(new Uint8Array([...jpeg.subarray(0, cut - (jpeg[cut - 1] === 0xff ? 1 : 0)), ...ones]));
    const badOutcome = outcome(() => indexMcusWasm(bad, count));
    expect(badOutcome).toEqual({ code: 'E_ARGUMENT', message: expect.stringMatching(/bad Huffman code at bit \d+|ends before/) });
    expect(outcome(() => indexMcusJs(bad, count))).toEqual(badOutcome);
  });
});
