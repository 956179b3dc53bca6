/**
 * Procedural textures for the bundled props (sRGB, RawImage out, deterministic for a seed):
 * facade bays (a window per floor and bay, shop fronts with signs and doors, office glass),
 * brick, concrete, wood, bark, leaves, striped fabric and floor tiles. Each texture is one tile
 * that the meshes repeat (a facade texture is one bay of one floor).
 */
import type { RawImage } from '../imaging/raw-image.js';
import type { Random } from '../shared/random.js';

export type Rgb = [number, number, number];

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

function blank(width: number, height: number, channels: 3 | 4 = 3): RawImage {
  return { width, height, channels, data: new Uint8Array(width * height * channels) };
}

function put(image: RawImage, x: number, y: number, rgb: Rgb, alpha = 255): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const o = (y * image.width + x) * image.channels;
  image.data[o] = clamp(rgb[0]);
  image.data[o + 1] = clamp(rgb[1]);
  image.data[o + 2] = clamp(rgb[2]);
  if (image.channels === 4) image.data[o + 3] = alpha;
}

function fillRect(image: RawImage, x0: number, y0: number, x1: number, y1: number, colour: (x: number, y: number) => Rgb): void {
  for (let y = Math.max(0, Math.round(y0)); y < Math.min(image.height, Math.round(y1)); y++) {
    for (let x = Math.max(0, Math.round(x0)); x < Math.min(image.width, Math.round(x1)); x++) put(image, x, y, colour(x, y));
  }
}

/** Per-pixel value noise in [-1, 1] (a seeded lattice, smooth over `cell` pixels, tiling over the image). */
function noiseField(random: Random, width: number, height: number, cell: number): Float32Array {
  const cw = Math.max(1, Math.round(width / cell)), ch = Math.max(1, Math.round(height / cell));
  const lattice = Float32Array.from({ length: cw * ch }, () => random.next() * 2 - 1);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fx = (x / width) * cw, fy = (y / height) * ch;
      const ix = Math.floor(fx), iy = Math.floor(fy);
      const tx = fx - ix, ty = fy - iy;
      const sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty);
      const at = (i: number, j: number): number => lattice[(j % ch) * cw + (i % cw)];
      const a = at(ix, iy) + (at(ix + 1, iy) - at(ix, iy)) * sx;
      const b = at(ix, iy + 1) + (at(ix + 1, iy + 1) - at(ix, iy + 1)) * sx;
      out[y * width + x] = a + (b - a) * sy;
    }
  }
  return out;
}

function shade(c: Rgb, k: number): Rgb {
  return [c[0] * k, c[1] * k, c[2] * k];
}

/** Plastered or painted wall with grain. */
export function plasterTexture(random: Random, wall: Rgb, sizePx = 64): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 8);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => shade(wall, 1 + 0.05 * n[y * sizePx + x] + 0.03 * (random.next() - 0.5)));
  return image;
}

/** Glass: dark, bluish, brighter towards the top (sky reflection), with a frame. */
function glass(image: RawImage, x0: number, y0: number, x1: number, y1: number, tint: Rgb, frame: Rgb, frameWidthPx: number): void {
  fillRect(image, x0, y0, x1, y1, () => frame);
  const h = y1 - y0;
  fillRect(image, x0 + frameWidthPx, y0 + frameWidthPx, x1 - frameWidthPx, y1 - frameWidthPx, (x, y) => {
    const k = 1.35 - (0.7 * (y - y0)) / h;
    const streak = (x + y) % 23 < 3 ? 1.15 : 1;
    return shade(tint, k * streak);
  });
}

/** One bay of one upper floor: wall, a window with frame and sill (residential and shop-street upper floors). */
export function windowBayTexture(random: Random, wall: Rgb, sizePx = 128): RawImage {
  const image = plasterTexture(random, wall, sizePx);
  const s = sizePx / 128;
  const lit = random.next() < 0.15;
  glass(image, 34 * s, 26 * s, 94 * s, 100 * s, lit ? [150, 140, 110] : [70, 86, 104], [225, 225, 220], 4 * s);
  // Mullion and sill.
  fillRect(image, 62 * s, 26 * s, 66 * s, 100 * s, () => [225, 225, 220]);
  fillRect(image, 30 * s, 100 * s, 98 * s, 106 * s, () => shade(wall, 0.78));
  // A curtain in some windows.
  if (random.next() < 0.4) fillRect(image, 38 * s, 30 * s, 60 * s, 96 * s, (x, y) => shade([200, 190, 170], 0.9 + 0.1 * Math.sin(x * 0.9 + y * 0.05)));
  return image;
}

/** One bay of an office floor: a band of glass with thin mullions over a spandrel. */
export function officeBayTexture(random: Random, spandrel: Rgb, sizePx = 128): RawImage {
  const image = plasterTexture(random, spandrel, sizePx);
  const s = sizePx / 128;
  const tint: Rgb = [60 + random.int(20), 80 + random.int(20), 100 + random.int(30)];
  glass(image, 0, 18 * s, 128 * s, 108 * s, tint, [150, 155, 160], 3 * s);
  for (const x of [42, 86]) fillRect(image, x * s, 18 * s, (x + 3) * s, 108 * s, () => [150, 155, 160]);
  return image;
}

/** One ground-floor shop bay: a sign band in `sign` colour, a shop window, and a door when `door`. */
export function shopBayTexture(random: Random, wall: Rgb, sign: Rgb, door: boolean, sizePx = 128): RawImage {
  const image = plasterTexture(random, wall, sizePx);
  const s = sizePx / 128;
  // Sign band with "lettering" blocks.
  fillRect(image, 4 * s, 8 * s, 124 * s, 28 * s, () => sign);
  const letters = 5 + random.int(5);
  const letterColour: Rgb = sign[0] + sign[1] + sign[2] > 380 ? [40, 40, 45] : [245, 245, 240];
  for (let k = 0; k < letters; k++) {
    const x = 14 + k * (100 / letters);
    fillRect(image, x * s, 13 * s, (x + 100 / letters - 4) * s, 23 * s, () => letterColour);
  }
  // Shop window (and door), dark frame.
  const frame: Rgb = [50, 52, 56];
  if (door) {
    glass(image, 8 * s, 36 * s, 78 * s, 116 * s, [95, 100, 95], frame, 3 * s);
    glass(image, 84 * s, 40 * s, 120 * s, 128 * s, [80, 80, 78], frame, 3 * s);
  } else glass(image, 8 * s, 36 * s, 120 * s, 116 * s, [95, 100, 95], frame, 3 * s);
  // Goods behind the glass: a few coloured blocks.
  for (let k = 0; k < 6; k++) {
    const x = 12 + random.int(door ? 55 : 95), y = 80 + random.int(26);
    const c: Rgb = [80 + random.int(150), 80 + random.int(150), 80 + random.int(150)];
    fillRect(image, x * s, y * s, (x + 8 + random.int(8)) * s, (y + 6 + random.int(8)) * s, () => c);
  }
  return image;
}

/** Brick courses with mortar (one tile = 4 courses of 2 bricks, staggered). */
export function brickTexture(random: Random, brick: Rgb, sizePx = 128): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 4);
  const course = sizePx / 8;
  const length = sizePx / 4;
  const tints = Array.from({ length: 64 }, () => 0.85 + 0.3 * random.next());
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => {
    const row = Math.floor(y / course);
    const xs = (x + (row % 2) * (length / 2)) % sizePx;
    if (y % course < 2 || xs % length < 2) return [190, 185, 175];
    const tint = tints[(row * 8 + Math.floor(xs / length)) % tints.length];
    return shade(brick, tint * (1 + 0.08 * n[y * sizePx + x]));
  });
  return image;
}

/** Concrete with formwork joints. */
export function concreteTexture(random: Random, grey: Rgb, sizePx = 128): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 16);
  const fine = noiseField(random, sizePx, sizePx, 2);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => (y % (sizePx / 2) < 1 || x % (sizePx / 2) < 1 ? shade(grey, 0.8) : shade(grey, 1 + 0.07 * n[y * sizePx + x] + 0.04 * fine[y * sizePx + x])));
  return image;
}

/** Wood planks along u. */
export function woodTexture(random: Random, wood: Rgb, sizePx = 64): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 4);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => {
    const grain = Math.sin(y * 1.3 + 3 * n[y * sizePx + x]) * 0.08;
    return y % (sizePx / 4) < 2 ? shade(wood, 0.6) : shade(wood, 1 + grain);
  });
  return image;
}

/** Tree bark: dark vertical furrows. */
export function barkTexture(random: Random, sizePx = 64): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 6);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => shade([95, 75, 58], 0.8 + 0.25 * Math.abs(Math.sin(x * 0.6 + 2 * n[y * sizePx + x]))));
  return image;
}

/** Foliage: clumps of greens with dark gaps. */
export function leavesTexture(random: Random, green: Rgb, sizePx = 128): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 8);
  const fine = noiseField(random, sizePx, sizePx, 2);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => {
    const v = 0.5 * n[y * sizePx + x] + 0.5 * fine[y * sizePx + x];
    return shade(green, 0.75 + 0.45 * v);
  });
  return image;
}

/** Awning or stall fabric: stripes across u. */
export function stripesTexture(a: Rgb, b: Rgb, sizePx = 64): RawImage {
  const image = blank(sizePx, sizePx);
  fillRect(image, 0, 0, sizePx, sizePx, (x) => (Math.floor((x / sizePx) * 4) % 2 === 0 ? a : b));
  return image;
}

/** Floor or wall tiles with grout. */
export function tileTexture(random: Random, tile: Rgb, sizePx = 64): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 8);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => (x % (sizePx / 2) < 2 || y % (sizePx / 2) < 2 ? shade(tile, 0.7) : shade(tile, 1 + 0.04 * n[y * sizePx + x])));
  return image;
}

/** Gravel: speckled light browns and greys. */
export function gravelTexture(random: Random, sizePx = 128): RawImage {
  const image = blank(sizePx, sizePx);
  const n = noiseField(random, sizePx, sizePx, 3);
  fillRect(image, 0, 0, sizePx, sizePx, (x, y) => {
    const v = n[y * sizePx + x];
    const speck = random.next();
    const base: Rgb = speck < 0.1 ? [120, 112, 100] : speck > 0.92 ? [205, 198, 186] : [168, 156, 136];
    return shade(base, 1 + 0.12 * v);
  });
  return image;
}
