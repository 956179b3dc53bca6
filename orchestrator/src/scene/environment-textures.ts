/**
 * Procedural environment images, so bundled scenes need no image files: ground tiles
 * (asphalt, paving, floor tiles, grass) and cylindrical background panoramas (a city skyline,
 * park trees, hall walls) with transparent sky. Deterministic for a seed. Pure (RawImage out).
 */
import type { Rgb8 } from '../imaging/colour.js';
import type { RawImage } from '../imaging/raw-image.js';
import { createRandom } from '../shared/random.js';
import type { Random } from '../shared/random.js';
import type { BackgroundPattern, GroundPattern } from './scene-spec.js';

function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Tileable value noise in [0, 1) on a `cells` x `cells` lattice over a `size` image. */
function tileNoise(random: Random, size: number, cells: number): Float32Array {
  const lattice = Float32Array.from({ length: cells * cells }, () => random.next());
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const fx = (x / size) * cells, fy = (y / size) * cells;
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const tx = fx - x0, ty = fy - y0;
      const sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
      const at = (i: number, j: number): number => lattice[((j + cells) % cells) * cells + ((i + cells) % cells)];
      const a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
      const b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
      out[y * size + x] = a + (b - a) * sy;
    }
  }
  return out;
}

/** A square, seamlessly tiling ground texture (RGB) of `sizePx` for the pattern. */
export function groundTexture(pattern: GroundPattern, seed: number, sizePx = 256): RawImage {
  const random = createRandom(seed);
  const data = new Uint8Array(sizePx * sizePx * 3);
  const fine = tileNoise(random, sizePx, 64);
  const coarse = tileNoise(random, sizePx, 8);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      const i = y * sizePx + x;
      const n = fine[i] * 0.6 + coarse[i] * 0.4;
      let r: number, g: number, b: number;
      switch (pattern) {
        case 'asphalt': {
          const v = 88 + n * 40 + (fine[(i * 7) % fine.length] > 0.93 ? 35 : 0);
          [r, g, b] = [v, v, v * 1.02];
          break;
        }
        case 'paving': {
          // Stone slabs of a quarter of the tile, staggered rows, dark joints.
          const slab = sizePx / 4;
          const row = Math.floor(y / slab);
          const xs = (x + (row % 2) * (slab / 2)) % sizePx;
          const joint = xs % slab < 2 || y % slab < 2;
          const tint = (Math.floor(xs / slab) * 37 + row * 11) % 5;
          const v = joint ? 95 : 150 + tint * 6 + n * 30;
          [r, g, b] = [v * 1.04, v, v * 0.93];
          break;
        }
        case 'tiles': {
          const tile = sizePx / 2;
          const grout = x % tile < 3 || y % tile < 3;
          const v = grout ? 120 : 196 + n * 22;
          [r, g, b] = [v, v * 0.98, v * 0.95];
          break;
        }
        case 'grass': {
          const v = n * 60;
          [r, g, b] = [60 + v * 0.6, 110 + v, 45 + v * 0.4];
          break;
        }
        default:
          [r, g, b] = [200, 200, 200];
      }
      data[i * 3] = clamp255(r);
      data[i * 3 + 1] = clamp255(g);
      data[i * 3 + 2] = clamp255(b);
    }
  }
  return { width: sizePx, height: sizePx, channels: 3, data };
}

/**
 * A cylindrical RGBA panorama (`widthPx` around, `heightPx` tall, covering the elevations of
 * render/environment.ts PANORAMA_ELEVATION_DEG) with transparent sky; null for `plain`.
 */
export function backgroundPanorama(pattern: BackgroundPattern, seed: number, widthPx = 2048, heightPx = 256): RawImage | null {
  if (pattern === 'plain') return null;
  const random = createRandom(seed);
  const data = new Uint8Array(widthPx * heightPx * 4);
  // Row of the horizon: the panorama spans +40 (top) to -5 (bottom) degrees.
  const horizon = Math.round(heightPx * (40 / 45));
  const put = (x: number, y: number, rgb: Rgb8): void => {
    if (y < 0 || y >= heightPx) return;
    const i = (y * widthPx + (((x % widthPx) + widthPx) % widthPx)) * 4;
    data[i] = clamp255(rgb[0]);
    data[i + 1] = clamp255(rgb[1]);
    data[i + 2] = clamp255(rgb[2]);
    data[i + 3] = 255;
  };
  if (pattern === 'city') {
    for (const layer of [0, 1]) {
      let x = 0;
      while (x < widthPx) {
        const w = 30 + random.int(90);
        // Heights in rows: the panorama has heightPx / 45 rows per degree of elevation.
        const perDeg = heightPx / 45;
        const h = Math.round(perDeg * ((layer === 0 ? 6 : 3) + random.next() * (layer === 0 ? 10 : 7)));
        const base = layer === 0 ? 120 + random.int(60) : 150 + random.int(50);
        const tint: Rgb8 = [base * (0.9 + random.next() * 0.2), base * (0.88 + random.next() * 0.15), base * (0.85 + random.next() * 0.2)];
        for (let xx = x; xx < x + w; xx++) {
          for (let y = horizon - h; y < heightPx; y++) {
            const window = layer === 1 && (xx - x) % 8 > 2 && (xx - x) % 8 < 6 && (y - (horizon - h)) % 7 > 2 && (y - (horizon - h)) % 7 < 5 && y < horizon - 2;
            put(xx, y, window ? [tint[0] * 0.55, tint[1] * 0.62, tint[2] * 0.75] : tint);
          }
        }
        x += w + (layer === 0 ? 0 : random.int(20));
      }
    }
  } else if (pattern === 'park') {
    for (let k = 0; k < 160; k++) {
      const cx = random.int(widthPx), r = 14 + random.int(30), cy = horizon - r - random.int(30);
      const green: Rgb8 = [50 + random.int(40), 90 + random.int(50), 40 + random.int(30)];
      for (let y = cy - r; y < cy + r; y++) for (let x = cx - r; x < cx + r; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) put(x, y, [green[0] * (0.8 + 0.4 * ((y - cy + r) / (2 * r))), green[1], green[2]]);
      }
      for (let y = cy; y < horizon + 4; y++) for (let x = cx - 2; x < cx + 2; x++) put(x, y, [80, 60, 45]);
    }
    for (let y = horizon - 4; y < heightPx; y++) for (let x = 0; x < widthPx; x++) put(x, y, [70, 105, 55]);
  } else if (pattern === 'hall') {
    // Walls all around with pillars, doors and a band, up to the ceiling line.
    for (let y = 0; y < heightPx; y++) {
      for (let x = 0; x < widthPx; x++) {
        const pillar = x % 256 < 24;
        const door = x % 256 > 100 && x % 256 < 150 && y > horizon - 70;
        const band = y > horizon - 12 && y < horizon - 6;
        const v = pillar ? 150 : door ? 95 : band ? 120 : 200 - (y / heightPx) * 20;
        put(x, y, door ? [v * 0.9, v * 0.75, v * 0.6] : [v, v * 0.97, v * 0.92]);
      }
    }
  }
  return { width: widthPx, height: heightPx, channels: 4, data };
}
