import { describe, expect, it } from '@jest/globals';
import { applyHomography } from '../../../orchestrator/src/geometry/homography.js';
import { invert3x3 } from '../../../orchestrator/src/geometry/linear-algebra.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { warpPerspective, warpPolygonUnder } from '../../../orchestrator/src/imaging/warp-perspective.js';
import { compareImages, imageFrom, noiseImage, pixel } from '../../helpers/images.js';
import { runPython } from '../../helpers/python.js';

describe('warpPerspective', () => {
  it('reproduces the image under the identity', () => {
    const image = noiseImage(37, 23, 3, 1);
    expect(warpPerspective(image, [1, 0, 0, 0, 1, 0, 0, 0, 1], 37, 23).data).toEqual(image.data);
  });

  it('shifts by whole pixels and fills uncovered pixels with 0', () => {
    const image = noiseImage(20, 10, 3, 2);
    const out = warpPerspective(image, [1, 0, 3, 0, 1, -2, 0, 0, 1], 20, 10);
    for (let y = 0; y < 10; y++) {
      for (let x = 0; x < 20; x++) {
        const sx = x - 3;
        const sy = y + 2;
        const expected = sx >= 0 && sy < 10 ? pixel(image, sx, sy) : [0, 0, 0];
        expect(pixel(out, x, y)).toEqual(expected);
      }
    }
  });

  it('averages neighbours at half-pixel shifts (rounded half up)', () => {
    const image = noiseImage(16, 16, 1, 3);
    const out = warpPerspective(image, [1, 0, -0.5, 0, 1, -0.5, 0, 0, 1], 16, 16);
    for (let y = 0; y < 15; y++) {
      for (let x = 0; x < 15; x++) {
        const s = pixel(image, x, y)[0] + pixel(image, x + 1, y)[0] + pixel(image, x, y + 1)[0] + pixel(image, x + 1, y + 1)[0];
        expect(pixel(out, x, y)[0]).toBe(Math.floor(s / 4 + 0.5));
      }
    }
  });

  it('reproduces linear ramps exactly under an affine zoom (bilinear is exact on linear data)', () => {
    const ramp = imageFrom(64, 64, 3, (x, y, k) => 2 * x + y + 10 * k);
    const out = warpPerspective(ramp, [2, 0, 0, 0, 2, 0, 0, 0, 1], 120, 120);
    for (let y = 0; y < 120; y += 7) {
      for (let x = 0; x < 120; x += 5) {
        // dst (x, y) samples src (x/2, y/2): value 2*(x/2) + y/2 + 10k
        expect(pixel(out, x, y)).toEqual([0, 1, 2].map((k) => Math.floor(x + y / 2 + 10 * k + 0.5)));
      }
    }
  });

  it('maps a checkerboard through a projective homography as predicted analytically', () => {
    const cell = 8;
    const board = imageFrom(128, 128, 1, (x, y) => ((Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 30 : 220));
    const h = [1.3, 0.2, 15, -0.1, 1.1, 20, 0.0015, 0.0008, 1];
    const out = warpPerspective(board, h, 200, 200);
    const inverse = invert3x3(h)!;
    let checked = 0;
    for (let y = 0; y < 200; y++) {
      for (let x = 0; x < 200; x++) {
        const [sx, sy] = applyHomography(inverse, x, y);
        if (sx < 1 || sy < 1 || sx > 126 || sy > 126) continue;
        // away from square edges the bilinear sample equals the square's colour exactly
        const fx = sx / cell - Math.floor(sx / cell);
        const fy = sy / cell - Math.floor(sy / cell);
        if (Math.min(fx, 1 - fx) * cell < 1.01 || Math.min(fy, 1 - fy) * cell < 1.01) continue;
        const expected = (Math.floor(sx / cell) + Math.floor(sy / cell)) % 2 === 0 ? 30 : 220;
        expect(pixel(out, x, y)[0]).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
    // a destination pixel whose preimage is far outside the source stays black
    expect(pixel(out, 199, 0)[0]).toBe(0);
  });

  it('handles 1-, 3- and 4-channel images alike', () => {
    const rgba = noiseImage(30, 30, 4, 4);
    const h = [0.9, 0.1, 2, -0.05, 1.05, 1, 0.001, 0, 1];
    const out = warpPerspective(rgba, h, 30, 30);
    const red = warpPerspective(imageFrom(30, 30, 1, (x, y) => pixel(rgba, x, y)[0]), h, 30, 30);
    const alpha = warpPerspective(imageFrom(30, 30, 1, (x, y) => pixel(rgba, x, y)[3]), h, 30, 30);
    for (let i = 0; i < 900; i++) {
      expect(out.data[i * 4]).toBe(red.data[i]);
      expect(out.data[i * 4 + 3]).toBe(alpha.data[i]);
    }
  });

  it('agrees with OpenCV cv2.warpPerspective (1/32-pixel fixed point) within rounding', async () => {
    const image = noiseImage(145, 200, 3, 5);
    // smooth the noise so OpenCV's coordinate quantisation causes small differences only
    const smooth = imageFrom(145, 200, 3, (x, y, k) => 128 + 100 * Math.sin(x / 9 + k) * Math.cos(y / 13) + (pixel(image, x, y)[k] - 128) / 16);
    const h = [2.2, 0.3, 40, 0.15, 1.9, 25, 0.0009, 0.0006, 1];
    const script = `
import sys, numpy as np, cv2
cv2.setNumThreads(1)
src = np.fromfile(sys.argv[1], np.uint8).reshape(200, 145, 3)
h = np.fromfile(sys.argv[2], np.float64).reshape(3, 3)
cv2.warpPerspective(src, h, (400, 420), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0).tofile(sys.argv[3])`;
    const { output } = await runPython(script, [smooth.data, new Uint8Array(new Float64Array(h).buffer)]);
    const reference = { width: 400, height: 420, channels: 3 as const, data: new Uint8Array(output!) };
    const ours = warpPerspective(smooth, h, 400, 420);
    const difference = compareImages(ours, reference, 2);
    expect(difference.failingShare).toBeLessThan(0.002);
    expect(difference.maxDifference).toBeLessThanOrEqual(6);
  });
});

describe('warpPolygonUnder', () => {
  it('paints inside the destination polygon only, and earlier paint wins', () => {
    const red = imageFrom(20, 20, 3, (_x, _y, k) => (k === 0 ? 255 : 0));
    const blue = imageFrom(20, 20, 3, (_x, _y, k) => (k === 2 ? 255 : 0));
    const target = createRawImage(40, 40, 4);
    const scale2 = [2, 0, 0, 0, 2, 0, 0, 0, 1];
    const first = warpPolygonUnder(target, red, undefined, scale2, [[4, 4], [20, 4], [20, 20], [4, 20]]);
    expect(first.polygonPx).toBe(256);
    expect(first.paintedPx).toBe(256);
    const second = warpPolygonUnder(target, blue, undefined, scale2, [[10, 10], [30, 10], [30, 30], [10, 30]]);
    expect(second.polygonPx).toBe(400);
    // the overlap (centres 10..19) was already opaque
    expect(second.paintedPx).toBe(400 - 100);
    expect(pixel(target, 12, 12)).toEqual([255, 0, 0, 255]);
    expect(pixel(target, 25, 25)).toEqual([0, 0, 255, 255]);
    expect(pixel(target, 35, 5)).toEqual([0, 0, 0, 0]);
  });

  it('gives masked-out source pixels zero weight, so black garments stay covered', () => {
    const black = createRawImage(10, 10, 3);
    const mask = new Uint8Array(100);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 5; x++) mask[y * 10 + x] = 1;
    const target = createRawImage(10, 10, 4);
    warpPolygonUnder(target, black, mask, [1, 0, 0, 0, 1, 0, 0, 0, 1], [[0, 0], [10, 0], [10, 10], [0, 10]]);
    // left half: opaque black; right half: untouched; x = 4 is fully inside, x = 5 outside
    expect(pixel(target, 2, 5)).toEqual([0, 0, 0, 255]);
    expect(pixel(target, 4, 5)).toEqual([0, 0, 0, 255]);
    expect(pixel(target, 7, 5)).toEqual([0, 0, 0, 0]);
    // half-way between a masked and an unmasked pixel the coverage is one half
    const between = createRawImage(10, 10, 4);
    warpPolygonUnder(between, black, mask, [1, 0, -0.5, 0, 1, 0, 0, 0, 1], [[0, 0], [10, 0], [10, 10], [0, 10]]);
    expect(pixel(between, 4, 5)[3]).toBe(128);
  });
});

describe('warp coordinates under strong perspective', () => {
  it('stay within the stated tolerance of exact per-pixel projection', () => {
    // reference: bilinear sampling at the exact H^-1(x, y), computed here pixel by pixel; the
    // warp steps coordinates linearly within runs, off by at most 1/256 px, which moves a sample
    // of this ramp (gradient < 1 level/px) by under 0.004 levels before rounding
    const ramp = imageFrom(300, 300, 1, (x, y) => 20 + 0.4 * x + 0.3 * y);
    const h = [0.9, 0.1, 10, -0.05, 0.8, 30, 0.0012, 0.0009, 1];
    const out = warpPerspective(ramp, h, 320, 320);
    const inverse = invert3x3(h)!;
    const at = (x: number, y: number): number => ramp.data[y * 300 + x];
    let checked = 0;
    for (let y = 0; y < 320; y++) {
      for (let x = 0; x < 320; x++) {
        const [sx, sy] = applyHomography(inverse, x, y);
        if (sx < 0 || sy < 0 || sx >= 299 || sy >= 299) continue;
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        const reference =
          at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy) + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy;
        expect(Math.abs(pixel(out, x, y)[0] - reference)).toBeLessThanOrEqual(0.5 + 0.004);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25000);
  });
});
