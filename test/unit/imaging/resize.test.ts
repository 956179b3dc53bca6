import { describe, expect, it } from '@jest/globals';
import { resizeLanczos } from '../../../orchestrator/src/imaging/resize.js';
import { compareImages, imageFrom, noiseImage, pixel } from '../../helpers/images.js';
import { runPython } from '../../helpers/python.js';

describe('resizeLanczos', () => {
  it('keeps constant images constant at any scale', () => {
    const flat = imageFrom(33, 17, 3, (_x, _y, k) => 40 + 50 * k);
    for (const [w, h] of [[100, 50], [11, 7], [33, 60], [1, 1]]) {
      const out = resizeLanczos(flat, w, h);
      for (let i = 0; i < out.width * out.height; i++) expect(pixel(out, i % w, Math.floor(i / w))).toEqual([40, 90, 140]);
    }
  });

  it('averages a fine checkerboard to mid-grey when shrinking (the kernel low-passes)', () => {
    const board = imageFrom(64, 64, 1, (x, y) => ((x + y) % 2 === 0 ? 0 : 254));
    const out = resizeLanczos(board, 16, 16);
    for (let y = 2; y < 14; y++) for (let x = 2; x < 14; x++) expect(Math.abs(pixel(out, x, y)[0] - 127)).toBeLessThanOrEqual(2);
  });

  it('matches Pillow LANCZOS within a couple of levels', async () => {
    const image = imageFrom(97, 61, 3, (x, y, k) => 128 + 90 * Math.sin(x / 7 + k) * Math.cos(y / 5) + 20 * Math.sin(x * y));
    const noisy = noiseImage(40, 30, 3, 9);
    const cases: [typeof image, number, number][] = [
      [image, 128, 80],
      [image, 40, 25],
      [noisy, 113, 57],
    ];
    for (const [source, w, h] of cases) {
      const script = `
import sys, numpy as np
from PIL import Image
a = np.fromfile(sys.argv[1], np.uint8).reshape(${source.height}, ${source.width}, 3)
np.asarray(Image.fromarray(a).resize((${w}, ${h}), Image.LANCZOS)).tofile(sys.argv[2])`;
      const { output } = await runPython(script, [source.data]);
      const reference = { width: w, height: h, channels: 3 as const, data: new Uint8Array(output!) };
      const difference = compareImages(resizeLanczos(source, w, h), reference, 2);
      expect(difference.failingShare).toBeLessThan(0.01);
      expect(difference.maxDifference).toBeLessThanOrEqual(6);
    }
  });
});
