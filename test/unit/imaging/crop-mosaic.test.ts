import { describe, expect, it } from '@jest/globals';
import { CropMosaic } from '../../../orchestrator/src/imaging/crop-mosaic.js';
import { cropImage } from '../../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { resizeBoxEngine, resizeBoxInto } from '../../../orchestrator/src/imaging/resize-box.js';
import { allocateResizeTarget } from '../../../orchestrator/src/imaging/resize-box-wasm.js';
import { imageFrom, noiseImage, pixel } from '../../helpers/images.js';
import { runPython } from '../../helpers/python.js';

describe('CropMosaic', () => {
  it('packs crops on shelves at MCU-aligned corners and reports full', () => {
    const mosaic = new CropMosaic(128, 64);
    expect(mosaic.reserve(50, 30)).toEqual({ x: 0, y: 0, widthPx: 50, heightPx: 30 });
    // 50 rounds up to 64: the next crop starts at 64
    expect(mosaic.reserve(64, 20)).toEqual({ x: 64, y: 0, widthPx: 64, heightPx: 20 });
    // no room left on the shelf: a new one below the tallest (30 -> 32)
    expect(mosaic.reserve(10, 10)).toEqual({ x: 0, y: 32, widthPx: 10, heightPx: 10 });
    expect(mosaic.reserve(100, 40)).toBeUndefined();
    expect(mosaic.usedHeightPx).toBe(48);
    expect(mosaic.fitsEmpty(128, 64)).toBe(true);
    expect(mosaic.fitsEmpty(129, 10)).toBe(false);
    mosaic.clear();
    expect(mosaic.regions).toEqual([]);
    expect(mosaic.reserve(16, 16)).toEqual({ x: 0, y: 0, widthPx: 16, heightPx: 16 });
  });

  it('copies a crop exactly and pads it to whole MCUs by repeating its last column and row', () => {
    const frame = noiseImage(100, 80, 3, 5);
    const mosaic = new CropMosaic(64, 64);
    const region = mosaic.reserve(13, 21)!;
    mosaic.draw(frame, [40, 30, 53, 51], region);
    expect(cropImage(mosaic.image, 0, 0, 13, 21).data).toEqual(cropImage(frame, 40, 30, 13, 21).data);
    expect(pixel(mosaic.image, 15, 4)).toEqual(pixel(frame, 52, 34));
    expect(pixel(mosaic.image, 6, 31)).toEqual(pixel(frame, 46, 50));
    expect(pixel(mosaic.image, 15, 31)).toEqual(pixel(frame, 52, 50));
    // outside the padded region nothing was touched
    expect(pixel(mosaic.image, 16, 0)).toEqual([0, 0, 0]);
  });

  it('resamples when the region size differs from the box', () => {
    const frame = imageFrom(40, 40, 3, () => 77);
    const mosaic = new CropMosaic(32, 32);
    mosaic.draw(frame, [5, 5, 15, 35], mosaic.reserve(20, 24)!);
    for (const [x, y] of [[0, 0], [19, 23], [10, 12]]) expect(pixel(mosaic.image, x, y)).toEqual([77, 77, 77]);
  });
});

describe('resizeBoxInto', () => {
  /** PIL's BILINEAR with the box argument (a triangle filter stretched when shrinking, like ours). */
  async function pilResize(image: RawImage, box: [number, number, number, number], width: number, height: number): Promise<Uint8Array> {
    const script = `
import sys
from PIL import Image
w, h = ${image.width}, ${image.height}
im = Image.frombytes("RGB", (w, h), open(sys.argv[1], "rb").read())
out = im.resize((${width}, ${height}), Image.BILINEAR, box=(${box.join(', ')}))
open(sys.argv[2], "wb").write(out.tobytes())
`;
    const { output } = await runPython(script, [image.data]);
    return new Uint8Array(output!);
  }

  it.each([
    ['upscaling', [30, 20, 70, 120], 128, 256],
    ['downscaling', [0, 10, 190, 290], 64, 128],
    ['mixed', [11, 3, 150, 60], 128, 256],
  ] as [string, [number, number, number, number], number, number][])('matches PIL BILINEAR within rounding (%s)', async (_name, box, width, height) => {
    // WebAssembly SIMD, into a plain image (rows copied out) and into one in the kernel's memory (written in place)
    expect(resizeBoxEngine()).toBe('wasm-simd');
    const frame = imageFrom(200, 300, 3, (x, y, k) => 128 + 100 * Math.sin(x / 9 + k) * Math.cos(y / 13) + ((x * 7 + y * 3) % 17));
    const reference = await pilResize(frame, box, width, height);
    for (const target of [{ width, height, channels: 3, data: new Uint8Array(width * height * 3) } as RawImage, allocateResizeTarget(width, height)]) {
      resizeBoxInto(frame, box, target, 0, 0, width, height);
      let worst = 0;
      for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(reference[i] - target.data[i]));
      expect(worst).toBeLessThanOrEqual(2);
    }
  });

  it('refuses boxes outside the source and rectangles outside the target', () => {
    const frame = noiseImage(20, 20, 3, 1);
    const target: RawImage = { width: 16, height: 16, channels: 3, data: new Uint8Array(16 * 16 * 3) };
    expect(() => resizeBoxInto(frame, [0, 0, 21, 10], target, 0, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resizeBoxInto(frame, [0, 0, 10, 10], target, 10, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
