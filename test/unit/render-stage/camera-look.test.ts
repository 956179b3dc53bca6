/** Camera looks, one operation at a time, on flat colours and impulses with known answers. */
import { describe, expect, it } from '@jest/globals';
import { applyCameraLook, gaussianKernel, isIdentityLook, NEUTRAL_KELVIN, planckianChromaticity, whiteBalanceGains } from '../../../orchestrator/src/render-stage/camera-look.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';

function flat(width: number, height: number, rgb: [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, channels: 3, data };
}

const decode = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
const encode = (l: number) => 255 * (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055);

describe('camera looks', () => {
  it('applies white balance gains in linear light (flat colour)', () => {
    const out = applyCameraLook(flat(4, 4, [100, 150, 200]), { whiteBalance: [1.2, 1, 0.8] }, 1);
    const gains = [1.2, 1, 0.8];
    const expected = [100, 150, 200].map((v, k) => Math.round(encode(Math.min(1, decode(v) * gains[k]))));
    expect(Array.from(out.data.subarray(0, 3))).toEqual(expected);
    expect(new Set(out.data).size).toBeLessThanOrEqual(3); // still flat
  });

  it('turns colour temperatures into gains: neutral at 6504 K, bluer for tungsten, warmer above', () => {
    expect(whiteBalanceGains(NEUTRAL_KELVIN).map((g) => +g.toFixed(9))).toEqual([1, 1, 1]);
    const tungsten = whiteBalanceGains(3200);
    expect(tungsten[2]).toBeGreaterThan(1.5);
    expect(tungsten[0]).toBeLessThan(0.8);
    const shade = whiteBalanceGains(9000);
    expect(shade[0]).toBeGreaterThan(1);
    expect(shade[2]).toBeLessThan(1);
    // The Planckian locus at 6504 K lies by the D65 white point (0.3127, 0.3290) within 0.005.
    const [x, y] = planckianChromaticity(6504);
    // (D65 itself sits about 0.003 in uv above the black-body locus.)
    expect(Math.hypot(x - 0.3127, y - 0.329)).toBeLessThan(0.006);
  });

  it('applies exposure as 2^ev in linear light and clips at white', () => {
    const out = applyCameraLook(flat(2, 2, [60, 120, 250]), { exposureEv: 1 }, 1);
    expect(Array.from(out.data.subarray(0, 3))).toEqual([60, 120, 250].map((v) => Math.round(encode(Math.min(1, 2 * decode(v))))));
    expect(out.data[2]).toBe(255);
  });

  it('applies gamma on the encoded value: out = in^(1/gamma)', () => {
    const out = applyCameraLook(flat(2, 2, [64, 128, 192]), { gamma: 2 }, 1);
    expect(Array.from(out.data.subarray(0, 3))).toEqual([64, 128, 192].map((v) => Math.round(255 * Math.sqrt(v / 255))));
  });

  it('saturates about the luma: 0 gives grey, 1 changes nothing', () => {
    const grey = applyCameraLook(flat(2, 2, [200, 100, 50]), { saturation: 0 }, 1);
    const luma = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
    expect(Array.from(grey.data.subarray(0, 3))).toEqual([1, 1, 1].map(() => Math.round(luma)));
    expect(isIdentityLook({ saturation: 1, jpegQuality: 70 })).toBe(true);
    expect(Array.from(applyCameraLook(flat(2, 2, [200, 100, 50]), { saturation: 1 }, 1).data.subarray(0, 3))).toEqual([200, 100, 50]);
  });

  it('adds Gaussian sensor noise of the given sigma, zero mean, the same for the same seed', () => {
    const image = flat(128, 128, [128, 128, 128]);
    const a = applyCameraLook(image, { noiseSigma: 4 }, 7);
    const values = Array.from(a.data, (v) => v - 128);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    // Rounding adds 1/12 to the variance: sqrt(16 + 1/12).
    expect(Math.abs(sd - Math.sqrt(16 + 1 / 12))).toBeLessThan(0.08);
    const same = (x: Uint8Array, y: Uint8Array) => Buffer.compare(Buffer.from(x), Buffer.from(y)) === 0;
    expect(same(applyCameraLook(image, { noiseSigma: 4 }, 7).data, a.data)).toBe(true);
    expect(same(applyCameraLook(image, { noiseSigma: 4 }, 8).data, a.data)).toBe(false);
  });

  it('blurs an impulse into the Gaussian kernel (sum kept, spread sigma)', () => {
    const sigma = 1.5;
    const kernel = gaussianKernel(sigma);
    expect(kernel.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    // A white dot on black, blurred in linear light: the linear response is the kernel outer product.
    const image = flat(21, 21, [0, 0, 0]);
    image.data.set([255, 255, 255], (10 * 21 + 10) * 3);
    const out = applyCameraLook(image, { blurPx: sigma }, 1);
    const radius = (kernel.length - 1) / 2;
    let mass = 0;
    let second = 0;
    for (let y = 0; y < 21; y++) {
      for (let x = 0; x < 21; x++) {
        const linear = decode(out.data[(y * 21 + x) * 3]);
        mass += linear;
        second += linear * (x - 10) ** 2;
        const k = (i: number) => (Math.abs(i - 10) <= radius ? kernel[i - 10 + radius] : 0);
        // Each pixel matches the kernel product to 8-bit precision of the encoded value.
        expect(Math.abs(out.data[(y * 21 + x) * 3] - encode(k(x) * k(y)))).toBeLessThanOrEqual(0.51);
      }
    }
    expect(mass).toBeCloseTo(1, 1);
    expect(Math.sqrt(second / mass)).toBeCloseTo(sigma, 1);
  });
});
