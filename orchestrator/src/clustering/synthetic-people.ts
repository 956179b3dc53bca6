/**
 * Synthetic person images with known structure, for calibrating eps of a descriptor and for
 * tests: "looks" (similar outfits), identities (one outfit and body each) and several views of
 * every identity (framing, scale, lighting, noise and background change; the outfit does not).
 * The figures are crude on purpose (a head, a torso with a pattern, arms, legs, shoes on a
 * cluttered background): they exercise exactly what a colour/texture descriptor sees.
 */
import { createRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { Rgb8 } from '../imaging/colour.js';
import { checkPositiveInteger } from '../shared/check.js';
import { createRandom, deriveSeed } from '../shared/random.js';
import type { Random } from '../shared/random.js';

export type Pattern = 'plain' | 'stripes' | 'checks' | 'dots';

export interface Outfit {
  top: Rgb8;
  topPattern: Pattern;
  topPatternColour: Rgb8;
  longSleeves: boolean;
  bottom: Rgb8;
  bottomKind: 'trousers' | 'shorts' | 'skirt';
  shoes: Rgb8;
  skin: Rgb8;
  hair: Rgb8;
}

const PATTERNS: Pattern[] = ['plain', 'plain', 'stripes', 'checks', 'dots'];
const SKINS: Rgb8[] = [
  [241, 194, 167],
  [224, 172, 138],
  [198, 134, 99],
  [141, 85, 54],
  [92, 56, 36],
];
const HAIRS: Rgb8[] = [
  [20, 16, 14],
  [70, 45, 30],
  [150, 110, 60],
  [210, 180, 120],
  [120, 120, 120],
];

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

function randomColour(random: Random): Rgb8 {
  // half the garments are dull/dark, as in street photos
  if (random.next() < 0.35) {
    const v = random.intBetween(15, 235);
    return [clampByte(v + random.gaussian(0, 6)), clampByte(v + random.gaussian(0, 6)), clampByte(v + random.gaussian(0, 6))];
  }
  return [random.int(256), random.int(256), random.int(256)];
}

function nearColour(base: Rgb8, random: Random, spread: number): Rgb8 {
  return [clampByte(base[0] + random.gaussian(0, spread)), clampByte(base[1] + random.gaussian(0, spread)), clampByte(base[2] + random.gaussian(0, spread))];
}

/** A random outfit and body. */
export function randomOutfit(random: Random): Outfit {
  return {
    top: randomColour(random),
    topPattern: random.pick(PATTERNS),
    topPatternColour: randomColour(random),
    longSleeves: random.next() < 0.5,
    bottom: randomColour(random),
    bottomKind: random.pick(['trousers', 'trousers', 'shorts', 'skirt'] as const),
    shoes: randomColour(random),
    skin: random.pick(SKINS),
    hair: random.pick(HAIRS),
  };
}

/** Another person dressed similarly: same garment types and pattern, colours nearby, new body. */
export function similarOutfit(base: Outfit, random: Random, colourSpread = 22): Outfit {
  return {
    ...base,
    top: nearColour(base.top, random, colourSpread),
    topPatternColour: nearColour(base.topPatternColour, random, colourSpread),
    bottom: nearColour(base.bottom, random, colourSpread),
    shoes: nearColour(base.shoes, random, colourSpread * 2),
    skin: random.pick(SKINS),
    hair: random.pick(HAIRS),
  };
}

function fillRect(image: RawImage, x0: number, y0: number, x1: number, y1: number, colourAt: (x: number, y: number) => Rgb8): void {
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(image.width, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(image.height, Math.ceil(y1));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const c = colourAt(x, y);
      const p = (y * image.width + x) * 3;
      image.data[p] = c[0];
      image.data[p + 1] = c[1];
      image.data[p + 2] = c[2];
    }
  }
}

function fillEllipse(image: RawImage, cx: number, cy: number, rx: number, ry: number, colour: Rgb8): void {
  fillRect(image, cx - rx, cy - ry, cx + rx, cy + ry, (x, y) => {
    const dx = (x + 0.5 - cx) / rx;
    const dy = (y + 0.5 - cy) / ry;
    if (dx * dx + dy * dy > 1) {
      const p = (y * image.width + x) * 3;
      return [image.data[p], image.data[p + 1], image.data[p + 2]];
    }
    return colour;
  });
}

function patterned(pattern: Pattern, base: Rgb8, accent: Rgb8, periodPx: number): (x: number, y: number) => Rgb8 {
  switch (pattern) {
    case 'plain':
      return () => base;
    case 'stripes':
      return (_x, y) => (Math.floor(y / periodPx) % 2 === 0 ? base : accent);
    case 'checks':
      return (x, y) => ((Math.floor(x / periodPx) + Math.floor(y / periodPx)) % 2 === 0 ? base : accent);
    case 'dots':
      return (x, y) => {
        const u = (x % periodPx) - periodPx / 2;
        const v = (y % periodPx) - periodPx / 2;
        return u * u + v * v < (periodPx * periodPx) / 10 ? accent : base;
      };
  }
}

/**
 * Renders one view of a person wearing `outfit` (RGB, widthPx x heightPx). `random` drives the
 * view: framing, scale, pose, lighting, background and sensor noise.
 */
export function renderPerson(outfit: Outfit, random: Random, widthPx = 64, heightPx = 160): RawImage {
  const image = createRawImage(widthPx, heightPx, 3);
  // background: a vertical gradient plus a few clutter boxes
  const bgTop = randomColour(random);
  const bgBottom = nearColour(bgTop, random, 40);
  fillRect(image, 0, 0, widthPx, heightPx, (_x, y) => {
    const t = y / heightPx;
    return [bgTop[0] * (1 - t) + bgBottom[0] * t, bgTop[1] * (1 - t) + bgBottom[1] * t, bgTop[2] * (1 - t) + bgBottom[2] * t] as Rgb8;
  });
  for (let c = random.int(4); c > 0; c--) {
    const colour = randomColour(random);
    const x = random.next() * widthPx;
    const y = random.next() * heightPx;
    fillRect(image, x, y, x + random.intBetween(4, 20), y + random.intBetween(4, 30), () => colour);
  }
  const scale = 0.85 + 0.15 * random.next();
  const h = heightPx * 0.94 * scale;
  const cx = widthPx / 2 + random.gaussian(0, widthPx * 0.04);
  const top = (heightPx - h) / 2 + random.gaussian(0, heightPx * 0.015);
  const u = h / 100; // body units: the figure is 100 units tall
  const arm = random.gaussian(0, 1.2) * u;
  const stance = (2 + random.next() * 3) * u;
  const period = Math.max(2, Math.round(4 * u));
  // legs and shoes
  const legTop = top + 52 * u;
  const legBottom = top + 94 * u;
  const bottomColour = patterned('plain', outfit.bottom, outfit.bottom, period);
  for (const side of [-1, 1]) {
    const x0 = cx + side * stance - 5 * u;
    const x1 = cx + side * stance + 5 * u;
    const clothEnd = outfit.bottomKind === 'trousers' ? legBottom : legTop + 18 * u;
    fillRect(image, x0, legTop, x1, clothEnd, bottomColour);
    if (clothEnd < legBottom) fillRect(image, x0 + u, clothEnd, x1 - u, legBottom, () => outfit.skin);
    fillRect(image, x0 - u, legBottom, x1 + 2 * u, top + 100 * u, () => outfit.shoes);
  }
  if (outfit.bottomKind === 'skirt') fillRect(image, cx - 14 * u, legTop, cx + 14 * u, legTop + 20 * u, bottomColour);
  // arms
  const topColour = patterned(outfit.topPattern, outfit.top, outfit.topPatternColour, period);
  for (const side of [-1, 1]) {
    const x0 = cx + side * 15 * u - 3.5 * u + side * arm;
    const sleeveEnd = top + (outfit.longSleeves ? 50 : 30) * u;
    fillRect(image, x0, top + 17 * u, x0 + 7 * u, sleeveEnd, topColour);
    fillRect(image, x0 + 0.5 * u, sleeveEnd, x0 + 6.5 * u, top + 55 * u, () => outfit.skin);
  }
  // torso and head
  fillRect(image, cx - 12 * u, top + 16 * u, cx + 12 * u, legTop + 2 * u, topColour);
  fillRect(image, cx - 2.5 * u, top + 12 * u, cx + 2.5 * u, top + 17 * u, () => outfit.skin);
  fillEllipse(image, cx, top + 7 * u, 6 * u, 7.5 * u, outfit.skin);
  fillEllipse(image, cx, top + 3 * u, 6.3 * u, 4 * u, outfit.hair);
  // lighting and noise
  const gain = 0.8 + 0.4 * random.next();
  const bias = random.gaussian(0, 8);
  for (let p = 0; p < image.data.length; p++) image.data[p] = clampByte(image.data[p] * gain + bias + random.gaussian(0, 5));
  return image;
}

export interface SyntheticPeopleOptions {
  looks: number;
  /** Identities per look: uniform in [min, max] (default [2, 6]). */
  identitiesPerLook?: [number, number];
  /** Views per identity: uniform in [min, max] (default [3, 8]). */
  viewsPerIdentity?: [number, number];
  widthPx?: number;
  heightPx?: number;
  seed?: number;
}

export interface SyntheticPeople {
  images: RawImage[];
  identity: Int32Array;
  look: Int32Array;
}

/** Generates views of similar-looking people (deterministic for a seed). */
export function syntheticPeople(options: SyntheticPeopleOptions): SyntheticPeople {
  checkPositiveInteger(options.looks, 'looks');
  const [idMin, idMax] = options.identitiesPerLook ?? [2, 6];
  const [viewMin, viewMax] = options.viewsPerIdentity ?? [3, 8];
  const seed = options.seed ?? 1;
  const images: RawImage[] = [];
  const identity: number[] = [];
  const look: number[] = [];
  let identityId = 0;
  for (let l = 0; l < options.looks; l++) {
    const lookRandom = createRandom(deriveSeed(seed, 'look', l));
    const base = randomOutfit(lookRandom);
    const people = lookRandom.intBetween(idMin, idMax);
    for (let p = 0; p < people; p++) {
      const outfit = p === 0 ? base : similarOutfit(base, lookRandom);
      const views = lookRandom.intBetween(viewMin, viewMax);
      for (let v = 0; v < views; v++) {
        images.push(renderPerson(outfit, createRandom(deriveSeed(seed, 'view', identityId, v)), options.widthPx, options.heightPx));
        identity.push(identityId);
        look.push(l);
      }
      identityId++;
    }
  }
  return { images, identity: Int32Array.from(identity), look: Int32Array.from(look) };
}
