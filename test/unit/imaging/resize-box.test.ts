import { describe, expect, it } from '@jest/globals';
import { WEIGHT_ONE, cachedTriangleTaps, triangleTaps } from '../../../orchestrator/src/imaging/box-taps.js';
import type { BoxTaps } from '../../../orchestrator/src/imaging/box-taps.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { resizeBoxEngine, resizeBoxInto } from '../../../orchestrator/src/imaging/resize-box.js';
import { resizeBoxJs } from '../../../orchestrator/src/imaging/resize-box-js.js';
import { allocateResizeTarget, resizeBoxWasm, resizeKernel } from '../../../orchestrator/src/imaging/resize-box-wasm.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { noiseImage } from '../../helpers/images.js';

type Box = [number, number, number, number];

/** A target filled with a sentinel pattern, so writes outside the rectangle show. */
function sentinelTarget(width: number, height: number, inKernelMemory: boolean): RawImage {
  const image = inKernelMemory ? allocateResizeTarget(width, height) : { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3) };
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 37 + 11) & 255;
  return image;
}

interface Case {
  box: Box;
  widthPx: number;
  heightPx: number;
  atX: number;
  atY: number;
  margin: [number, number];
}

/** Random cases of one kind on a `width x height` source. */
function randomCases(seed: number, count: number, width: number, height: number, kind: (random: ReturnType<typeof createRandom>) => { w: number; h: number; outW: number; outH: number }): Case[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const { w, h, outW, outH } = kind(random);
    // a third of the boxes touch a border
    const edge = random.int(3);
    const x0 = edge === 0 ? 0 : edge === 1 ? width - w : random.int(width - w + 1);
    const y0 = edge === 0 ? height - h : edge === 1 ? 0 : random.int(height - h + 1);
    return { box: [x0, y0, x0 + w, y0 + h], widthPx: outW, heightPx: outH, atX: random.int(9), atY: random.int(9), margin: [random.int(9), random.int(9)] };
  });
}

const KINDS = {
  upscaling: (r: ReturnType<typeof createRandom>) => ({ w: 20 + r.int(100), h: 40 + r.int(200), outW: 128, outH: 256 }),
  'downscaling up to 4x': (r: ReturnType<typeof createRandom>) => {
    const outW = 16 + r.int(100);
    const outH = 16 + r.int(150);
    return { w: Math.min(300, outW + r.int(outW * 3 + 1)), h: Math.min(300, outH + r.int(outH * 3 + 1)), outW, outH };
  },
  'downscaling past 4x': (r: ReturnType<typeof createRandom>) => ({ w: 200 + r.int(100), h: 200 + r.int(100), outW: 8 + r.int(30), outH: 8 + r.int(30) }),
  mixed: (r: ReturnType<typeof createRandom>) => (r.int(2) ? { w: 200 + r.int(100), h: 20 + r.int(60), outW: 64 + r.int(64), outH: 128 + r.int(128) } : { w: 10 + r.int(50), h: 150 + r.int(150), outW: 64 + r.int(64), outH: 40 + r.int(80) }),
  'one pixel wide or high': (r: ReturnType<typeof createRandom>) => (r.int(2) ? { w: 1, h: 1 + r.int(200), outW: 1 + r.int(140), outH: 1 + r.int(140) } : { w: 1 + r.int(200), h: 1, outW: 1 + r.int(140), outH: 1 + r.int(140) }),
  'tiny outputs (rows under 16 bytes)': (r: ReturnType<typeof createRandom>) => ({ w: 1 + r.int(40), h: 1 + r.int(40), outW: 1 + r.int(5), outH: 1 + r.int(12) }),
} as const;

describe('resizeBoxInto (WebAssembly SIMD)', () => {
  const source = noiseImage(300, 300, 3, 7);

  it('runs as WebAssembly SIMD in Node', () => {
    expect(resizeBoxEngine()).toBe('wasm-simd');
  });

  describe.each(Object.keys(KINDS) as (keyof typeof KINDS)[])('%s', (kind) => {
    it.each([
      ['a plain target (rows copied out)', false],
      ['a target in the kernel memory (written in place)', true],
    ])('gives the bytes of the JavaScript reference, into %s, and leaves the rest of the target alone', (_name, inKernelMemory) => {
      const seed = Object.keys(KINDS).indexOf(kind) * 2 + (inKernelMemory ? 1 : 0) + 100;
      for (const c of randomCases(seed, 40, source.width, source.height, KINDS[kind])) {
        const width = c.atX + c.widthPx + c.margin[0];
        const height = c.atY + c.heightPx + c.margin[1];
        const expected = sentinelTarget(width, height, false);
        const actual = sentinelTarget(width, height, inKernelMemory);
        resizeBoxJs(source, c.box, expected, c.atX, c.atY, c.widthPx, c.heightPx);
        resizeBoxInto(source, c.box, actual, c.atX, c.atY, c.widthPx, c.heightPx);
        let differing = 0;
        for (let i = 0; i < expected.data.length; i++) if (expected.data[i] !== actual.data[i]) differing++;
        expect({ ...c, differing }).toEqual({ ...c, differing: 0 });
      }
    });
  });

  it('writes every pixel of the rectangle (a constant image stays constant)', () => {
    const flat: RawImage = { width: 50, height: 60, channels: 3, data: new Uint8Array(50 * 60 * 3).fill(201) };
    for (const inKernelMemory of [false, true]) {
      const target = sentinelTarget(140, 270, inKernelMemory);
      resizeBoxInto(flat, [3, 4, 40, 57], target, 5, 7, 128, 256);
      const wrong: number[][] = [];
      for (let y = 0; y < 270; y++) {
        for (let x = 0; x < 140; x++) {
          const inside = x >= 5 && x < 133 && y >= 7 && y < 263;
          for (let o = (y * 140 + x) * 3, k = 0; k < 3; k++, o++) if (target.data[o] !== (inside ? 201 : (o * 37 + 11) & 255)) wrong.push([x, y, k]);
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    }
  });

  it('reads a source that is a view with an offset (a Buffer from a pool)', () => {
    const backing = new Uint8Array(7 + source.data.length);
    backing.set(source.data, 7);
    const view: RawImage = { ...source, data: backing.subarray(7) };
    const expected = sentinelTarget(64, 64, false);
    const actual = sentinelTarget(64, 64, false);
    resizeBoxJs(source, [10, 20, 60, 100], expected, 0, 0, 64, 64);
    resizeBoxWasm(resizeKernel()!, view, [10, 20, 60, 100], actual, 0, 0, 64, 64);
    expect(Buffer.from(actual.data).equals(Buffer.from(expected.data))).toBe(true);
  });

  it("writes in place only clear of the kernel's scratch (a view reaching into it gets copies)", () => {
    const image = allocateResizeTarget(64, 64);
    // the whole memory as one tall image: its lower rows are where the kernel keeps its scratch
    const rows = Math.floor(image.data.buffer.byteLength / (64 * 3));
    const tall: RawImage = { width: 64, height: rows, channels: 3, data: new Uint8Array(image.data.buffer, 0, rows * 64 * 3) };
    const expected: RawImage = { ...tall, data: new Uint8Array(tall.data.length) };
    const wrong: number[] = [];
    // rectangles over the source rows, the scratch rows and the tables the kernel uses
    for (let y = 64; y < 4000; y += 61) {
      resizeBoxJs(source, [5, 5, 290, 290], expected, 3, y, 60, 256);
      resizeBoxInto(source, [5, 5, 290, 290], tall, 3, y, 60, 256);
      const at = y * 64 * 3;
      if (!Buffer.from(tall.data.subarray(at, at + 256 * 64 * 3)).equals(Buffer.from(expected.data.subarray(at, at + 256 * 64 * 3)))) wrong.push(y);
    }
    expect(rows).toBeGreaterThan(4300);
    expect(wrong).toEqual([]);
  });

  it('keeps the argument checks', () => {
    const target = allocateResizeTarget(16, 16);
    expect(() => resizeBoxInto(source, [0, 0, 301, 10], target, 0, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resizeBoxInto(source, [0, 0, 10.5, 10], target, 0, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resizeBoxInto(source, [0, 0, 10, 10], target, 9, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resizeBoxInto({ ...source, channels: 4 }, [0, 0, 10, 10], target, 0, 0, 8, 8)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});

describe('triangleTaps', () => {
  /** The taps as computed before positions were relative to the span's start (absolute centres). */
  function absoluteTaps(start: number, span: number, limit: number, outSize: number): string[] {
    const scale = span / outSize;
    const support = Math.max(1, scale);
    const maxTaps = Math.ceil(support) * 2 + 1;
    const out: string[] = [];
    for (let i = 0; i < outSize; i++) {
      const centre = start + (i + 0.5) * scale;
      const lo = Math.max(0, Math.floor(centre - support + 0.5));
      const hi = Math.min(limit, Math.ceil(centre + support - 0.5));
      const taps: [number, number][] = [];
      for (let j = lo; j < hi && taps.length < maxTaps; j++) {
        const t = 1 - Math.abs(j + 0.5 - centre) / support;
        if (t > 0) taps.push([j, t]);
      }
      if (taps.length === 0) taps.push([Math.min(limit - 1, Math.max(0, Math.floor(centre))), 1]);
      const sum = taps.reduce((s, [, t]) => s + t, 0);
      const q = taps.map(([, t]) => Math.round((t / sum) * WEIGHT_ONE));
      let largest = 0;
      q.forEach((v, k) => (largest = v > q[largest] ? k : largest));
      q[largest] += WEIGHT_ONE - q.reduce((s, v) => s + v, 0);
      // zero weights change no sum
      out.push(taps.flatMap(([j], k) => (q[k] ? [`${j}:${q[k]}`] : [])).join(' '));
    }
    return out;
  }

  const effective = (taps: BoxTaps, start: number): string[] =>
    Array.from(taps.first, (first, i) => {
      const parts: string[] = [];
      for (let k = 0; k < taps.count[i]; k++) if (taps.weights[i * taps.maxTaps + k]) parts.push(`${start + first + k}:${taps.weights[i * taps.maxTaps + k]}`);
      return parts.join(' ');
    });

  it('gives the weights of absolute positions (the reference before this change), near borders too', () => {
    const random = createRandom(21);
    for (let n = 0; n < 1500; n++) {
      const limit = 50 + random.int(2000);
      const span = 1 + random.int(Math.min(limit, 700));
      const start = random.int(3) === 0 ? random.int(Math.min(6, limit - span + 1)) : random.int(limit - span + 1);
      const outSize = 1 + random.int(300);
      expect([start, span, limit, outSize, effective(triangleTaps(start, span, limit, outSize), start)]).toEqual([start, span, limit, outSize, absoluteTaps(start, span, limit, outSize)]);
    }
  });

  it('caches taps by size and distance to the ends, and the cached ones are the fresh ones', () => {
    expect(cachedTriangleTaps(100, 96, 1280, 128)).toBe(cachedTriangleTaps(700, 96, 1280, 128));
    expect(cachedTriangleTaps(0, 96, 1280, 128)).not.toBe(cachedTriangleTaps(100, 96, 1280, 128));
    expect(cachedTriangleTaps(1280 - 96, 96, 1280, 128)).not.toBe(cachedTriangleTaps(100, 96, 1280, 128));
    const random = createRandom(22);
    for (let n = 0; n < 3000; n++) {
      const limit = 40 + random.int(400);
      const span = 1 + random.int(Math.min(limit, 60));
      const start = random.int(limit - span + 1);
      const outSize = 1 + random.int(24);
      const cached = cachedTriangleTaps(start, span, limit, outSize);
      const fresh = triangleTaps(start, span, limit, outSize);
      expect([start, span, limit, outSize, Array.from(cached.first), Array.from(cached.count), Array.from(cached.weights)]).toEqual([start, span, limit, outSize, Array.from(fresh.first), Array.from(fresh.count), Array.from(fresh.weights)]);
    }
  });
});
