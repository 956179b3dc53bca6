/**
 * A garment's colours: a few Lab centres found by k-means (deterministic farthest-point start)
 * over the garment's pixels, so a striped or two-tone garment still matches itself. Distances
 * weigh lightness by half, because folds and shading change lightness more than chroma. Pure.
 */
import type { Lab } from './photo-sampler.js';

export interface ColourPalette {
  centres: Lab[];
  /** Share (0..1) of the source pixels each centre holds. */
  weights: number[];
}

export interface PaletteOptions {
  /** Most centres. */
  maxColours: number;
  /** Centres holding less than this share of the pixels are dropped (noise, a logo). */
  minWeight: number;
  /** Shading-weighted distance within which a colour matches a centre. */
  matchDistance: number;
}

export const PALETTE_DEFAULTS: Readonly<PaletteOptions> = { maxColours: 3, minWeight: 0.15, matchDistance: 14 };

/** Lab distance with lightness weighted by half. */
export function shadedDistance(a: Lab, b: Lab): number {
  return Math.hypot(0.5 * (a[0] - b[0]), a[1] - b[1], a[2] - b[2]);
}

/** Squared {@link shadedDistance}. */
function shadedDistance2(a: Lab, b: Lab): number {
  const dl = 0.5 * (a[0] - b[0]);
  const da = a[1] - b[1];
  const db = a[2] - b[2];
  return dl * dl + da * da + db * db;
}

/** Every `stride`-th colour, at most `limit` of them (k-means does not need every pixel). */
function subsample(colours: readonly Lab[], limit: number): readonly Lab[] {
  if (colours.length <= limit) return colours;
  const stride = colours.length / limit;
  const out: Lab[] = [];
  for (let i = 0; i < limit; i++) out.push(colours[Math.floor(i * stride)]);
  return out;
}

/** The palette of `colours` (empty when there are none). */
export function buildPalette(colours: readonly Lab[], options: PaletteOptions = PALETTE_DEFAULTS): ColourPalette {
  const points = subsample(colours, 1500);
  if (points.length === 0) return { centres: [], weights: [] };
  // farthest-point start from the median-lightness colour
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const centres: [number, number, number][] = [[...sorted[Math.floor(sorted.length / 2)]]];
  while (centres.length < options.maxColours) {
    let best = -1;
    let bestDistance = options.matchDistance * options.matchDistance;
    points.forEach((p, i) => {
      let d = Infinity;
      for (const c of centres) d = Math.min(d, shadedDistance2(p, c));
      if (d > bestDistance) {
        bestDistance = d;
        best = i;
      }
    });
    if (best < 0) break;
    centres.push([...points[best]]);
  }
  const assignment = new Int32Array(points.length);
  for (let iteration = 0; iteration < 8; iteration++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    points.forEach((p, i) => {
      let nearest = 0;
      let nearestDistance = shadedDistance2(p, centres[0]);
      for (let c = 1; c < centres.length; c++) {
        const d = shadedDistance2(p, centres[c]);
        if (d < nearestDistance) {
          nearest = c;
          nearestDistance = d;
        }
      }
      assignment[i] = nearest;
      const s = sums[nearest];
      s[0] += p[0];
      s[1] += p[1];
      s[2] += p[2];
      s[3]++;
    });
    centres.forEach((c, k) => {
      const s = sums[k];
      if (s[3] > 0) {
        c[0] = s[0] / s[3];
        c[1] = s[1] / s[3];
        c[2] = s[2] / s[3];
      }
    });
  }
  const counts = centres.map(() => 0);
  for (const a of assignment) counts[a]++;
  const kept = centres.map((c, k) => ({ c, w: counts[k] / points.length })).filter((e) => e.w >= options.minWeight);
  return { centres: kept.map((e) => e.c), weights: kept.map((e) => e.w) };
}

/** Whether `colour` matches a centre of the palette. */
export function matchesPalette(colour: Lab, palette: ColourPalette, options: PaletteOptions = PALETTE_DEFAULTS): boolean {
  const limit = options.matchDistance * options.matchDistance;
  for (const c of palette.centres) if (shadedDistance2(colour, c) <= limit) return true;
  return false;
}

/** Share (0..1) of `colours` matching the palette; 0 for none. */
export function paletteShare(colours: readonly Lab[], palette: ColourPalette, options: PaletteOptions = PALETTE_DEFAULTS): number {
  if (colours.length === 0) return 0;
  let n = 0;
  for (const c of colours) if (matchesPalette(c, palette, options)) n++;
  return n / colours.length;
}
