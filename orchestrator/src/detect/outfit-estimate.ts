/**
 * The outfit of a person, estimated without a garment model, from the pose, the person mask and
 * colour. Everything is measured along the body coordinate `z` of body-frame.ts (0 shoulders,
 * 1 hips, 2 knees, 3 ankles):
 *
 * 1. skin colour is seeded from the face, shade-tolerant (skin-model.ts); the top's colours
 *    (colour-palette.ts) come from the chest;
 * 2. sleeves: walking down each arm (0 shoulder, 1 elbow, 2 wrist), the sleeve ends where skin
 *    takes over; ending before `sleevelessBefore` is no sleeve (a vest), before
 *    `longSleeveFrom` (the elbow plus 30% of the forearm, as the template derivation decides) a
 *    short sleeve, else a long one; when the arms disagree the shorter reading wins, unless it
 *    is a very early end against a long sleeve (hair or a strap on the shoulder);
 * 3. the top's hem: going down the torso, then between the legs and down them, where the
 *    top's colours stop;
 * 4. the garment below (readLegs): its colours come from just below that hem (or are the top's,
 *    when the top goes on past the crotch); followed down each leg, its hem is where neither
 *    they nor the leg's own colours just below its start go on (the longer leg decides: a bag
 *    or a hand in front of one leg ends it early); the middle between the legs says how far
 *    something clothed spans them (the mask shows background there, or skin, once the legs
 *    part: `spanEnd`); the garment's width across the legs over two legs' width says where the
 *    garment flares like a skirt (`skirtFlare`, `wideTo`); and the strongest change of the
 *    legs' clothed colour going down them marks a hem over tights, leggings or boots;
 * 5. the bottom (bottomOf): wider than the legs down to where they part, or spanning them down
 *    to a colour change (a hem over legwear, a midi skirt's at mid-shin too), a skirt; clothed
 *    down the legs more than `spanMargin` below where it stops spanning them (the legs part
 *    inside it), trousers when it reaches `trousersFrom`, else shorts; spanning the legs to the
 *    ankles without flaring, trousers on legs together, flaring below the knees (in the garment's
 *    colours, or in outline: `longSkirtOutline`) a long skirt;
 *    spanning them to a short hem, a skirt (more often right than shorts on legs that touch);
 * 6. a dress is a top whose colours go on past the crotch (`longTopFrom`) and read as a skirt
 *    below, ending above `dressTo`, with no open front (an open coat or jacket over another
 *    garment is a top, openOverGarment); the same colours down to the ankles are a top over a
 *    long skirt or trousers in one colour far more often than a long dress.
 *
 * Pure: photo, keypoints and silhouette in, categories and the positions the landmark
 * placement needs out.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { Point2 } from '../geometry/point.js';
import type { Keypoint, Side } from './coco-keypoints.js';
import { SIDES, lerp } from './coco-keypoints.js';
import { BODY_PROPORTIONS, armPoint, bodyFrame, legPoint, torsoSides } from './body-frame.js';
import type { BodyFrame } from './body-frame.js';
import { buildPalette, matchesPalette, paletteShare, shadedDistance } from './colour-palette.js';
import type { ColourPalette } from './colour-palette.js';
import { medianLab } from './photo-sampler.js';
import type { Lab, PhotoSampler } from './photo-sampler.js';
import { SKIN_MODEL_DEFAULTS, isSkin, skinModelFromFace, skinShare } from './skin-model.js';
import type { SkinModel } from './skin-model.js';

export interface OutfitEstimateOptions {
  /** Keypoint score (0..1) the estimate trusts. */
  minKeypointScore: number;
  /** Sleeve end (arm coordinate: 0 shoulder, 1 elbow, 2 wrist) below which there is no sleeve. */
  sleevelessBefore: number;
  /** Sleeve end from which a sleeve is long. */
  longSleeveFrom: number;
  /** Share of skin (0..1) in a sample that counts as bare. */
  bareShare: number;
  /** Share of a garment's colours (0..1) in a sample that counts as still on the garment. */
  garmentShare: number;
  /** Hem (body coordinate z) from which a bottom is trousers rather than shorts. */
  trousersFrom: number;
  /** A top reaching below this z (past the crotch) is a long top or a dress. */
  longTopFrom: number;
  /** Clothed width across the legs over two legs' width from which a garment flares like a skirt. */
  skirtFlare: number;
  /**
   * Width of the clothed outline below the knees over two legs' width ({@link LegReading.outline})
   * from which a garment spanning the legs to the ankles is a long skirt, not trousers on legs
   * together (chosen on Clothing Co-Parsing photos 0001-0300 only).
   */
  longSkirtOutline: number;
  /** Share of the torso's middle in colours its sides lack from which the top is open over another garment (never a dress). */
  openFrontFrom: number;
  /** How far below its start (z) the leg's own colours join the garment's when following it down a leg (a pattern, a coat's hem over trousers). */
  legOwnColoursZ: number;
  /** A garment clothing the legs this far (z) below where it stops spanning them is trousers or shorts (the legs part inside it). */
  spanMargin: number;
  /** Change of the legs' clothed colour (shaded Lab distance of the medians above and below) that marks a hem over legwear. */
  hemChange: number;
  /** A garment of the top's colours reaching this far down the legs (z) is a top over a long skirt or trousers, not a dress. */
  dressTo: number;
}

export const OUTFIT_ESTIMATE_DEFAULTS: Readonly<OutfitEstimateOptions> = {
  minKeypointScore: 0.3,
  sleevelessBefore: 0.35,
  longSleeveFrom: 1.3,
  bareShare: 0.5,
  garmentShare: 0.5,
  trousersFrom: 2.5,
  longTopFrom: 1.3,
  skirtFlare: 1.3,
  longSkirtOutline: 1.25,
  openFrontFrom: 0.15,
  legOwnColoursZ: 0.1,
  spanMargin: 0.15,
  hemChange: 30,
  dressTo: 2.6,
};

/** Skin as bare legs: lightness close to the face's. */
const STRICT_SKIN = { ...SKIN_MODEL_DEFAULTS, darkerL: 15 };

/** Sampling step along z and along the arms. */
const STEP = 0.05;

/** Below this z the middle between the legs is clear of the crotch. */
const SPAN_FROM_Z = 1.2;

/** Skirts flare from this z (above it, hanging hands and the hips widen the silhouette) down to this one (below it, the feet do). */
const FLARE_FROM_Z = 1.5;
const FLARE_TO_Z = 2.6;

/** Colour windows (z) above and below a height compared for a change down the legs, and the lowest height looked at (above the shoes). */
const CHANGE_WINDOW_Z = 0.25;
const CHANGE_TO_Z = 2.6;

/** A garment spanning the legs to the ankles and flaring down to here (z, below the knees) is a long skirt. */
const LONG_SKIRT_WIDE_TO_Z = 2;

/** Where the clothed outline's width is read (below the knees: clear of hands, bags and most coats; above the feet). */
const OUTLINE_FROM_Z = 2;
const OUTLINE_TO_Z = 2.5;

/** Where hanging hands end, on the body coordinate: below it the legs' sides are clear of them. */
const HANDS_TO_Z = 1.6;

export interface SleeveEstimate {
  /** Where each sleeve ends on its arm ([right, left]; 0 shoulder, 1 elbow, 2 wrist), undefined when the arm cannot be read. */
  ends: [number | undefined, number | undefined];
  /** The sleeve end of the outfit (see estimateSleeves; 2 when no arm is readable). */
  end: number;
  kind: 'none' | 'short' | 'long';
}

export interface OutfitEstimate {
  /** `separates`: a top and a bottom; `dress`: one piece. */
  kind: 'separates' | 'dress';
  /** Top (1, 2, 5) and bottom (7, 8, 9), or the dress (10, 12). */
  categories: GarmentCategory[];
  sleeves: SleeveEstimate;
  /** Where the top (or the dress) ends, body coordinate z. */
  topHemZ: number;
  /** Where the bottom starts (its waist) and ends per leg, z; absent for a dress. */
  bottomStartZ?: number;
  bottomHemZ?: [number, number];
  /** Whether the legs part inside the lower garment (`apart`: trousers, shorts) or it spans them (`joined`: a skirt, a dress, trousers on legs together). */
  legs: 'apart' | 'joined';
  /** Share of the torso's middle strip in colours its sides lack ({@link openOverGarment}), when the top goes on past the crotch. */
  openFront?: number;
  /** How the lower garment read down the legs. */
  lower: LegReading;
  skin: SkinModel;
  frame: BodyFrame;
}

interface ProfileSample {
  z: number;
  colours: Lab[];
}

/**
 * Colours at z: across the torso (inner 60% between the side lines) above the hips; across the
 * middle between the legs down to where hanging hands end (they cover the hips' sides); around
 * both leg centres below.
 */
function profileSample(sampler: PhotoSampler, frame: BodyFrame, z: number): ProfileSample {
  const w = frame.shoulderWidthPx;
  const step = Math.max(1, w / 40);
  const half = Math.max(1, 0.03 * frame.torsoLengthPx);
  if (z <= 1) {
    const [right, left] = torsoSides(frame, z);
    return { z, colours: sampler.band(lerp(right, left, 0.2), lerp(right, left, 0.8), half, 0, 1, step) };
  }
  if (z < HANDS_TO_Z) {
    const right = legPoint(frame, 0, z);
    const left = legPoint(frame, 1, z);
    return { z, colours: sampler.band(lerp(right, left, 0.25), lerp(right, left, 0.75), half, 0, 1, step) };
  }
  const colours = SIDES.flatMap((side) => sampler.disc(legPoint(frame, side, z), 0.12 * w, step));
  return { z, colours };
}

function legSample(sampler: PhotoSampler, frame: BodyFrame, side: Side, z: number): Lab[] {
  const w = frame.shoulderWidthPx;
  return sampler.disc(legPoint(frame, side, z), 0.12 * w, Math.max(1, w / 40));
}

function nonSkin(colours: readonly Lab[], skin: SkinModel): Lab[] {
  return colours.filter((c) => !isSkin(c, skin));
}

/**
 * The first position (from `samples` in order) where `onGarment` is false for it and on average
 * over the next `window` samples; `fallback` when the garment never ends.
 */
function garmentEnd(samples: readonly { z: number; share: number }[], threshold: number, window: number, fallback: number): number {
  for (let i = 0; i < samples.length; i++) {
    if (samples[i].share >= threshold) continue;
    const ahead = samples.slice(i, i + window);
    const mean = ahead.reduce((s, x) => s + x.share, 0) / ahead.length;
    if (mean < threshold) return samples[i].z;
  }
  return fallback;
}

function range(from: number, to: number, step = STEP): number[] {
  const out: number[] = [];
  for (let z = from; z <= to + 1e-9; z += step) out.push(Math.round(z * 1000) / 1000);
  return out;
}

/** Where each sleeve ends (see the module doc). */
export function estimateSleeves(sampler: PhotoSampler, frame: BodyFrame, keypoints: readonly Keypoint[], skin: SkinModel, options: OutfitEstimateOptions): SleeveEstimate {
  const ends: [number | undefined, number | undefined] = [undefined, undefined];
  const w = frame.shoulderWidthPx;
  for (const side of SIDES) {
    const joints = [[6, 5], [8, 7], [10, 9]].map((pairIdx) => keypoints[pairIdx[side]]);
    if (joints.some((k) => k[2] < options.minKeypointScore)) continue;
    const samples = range(0.1, 1.9, 0.1).map((a) => {
      const colours = sampler.disc(armPoint(frame, side, a), 0.09 * w, Math.max(1, w / 40));
      return { z: a, share: colours.length < 3 ? Number.NaN : 1 - skinShare(colours, skin) };
    });
    const readable = samples.filter((s) => !Number.isNaN(s.share));
    if (readable.length < samples.length / 2) continue;
    ends[side] = garmentEnd(readable, 1 - options.bareShare, 2, 2);
  }
  // arms that disagree: a very early end against a long sleeve is hair, a strap or a bag on the
  // shoulder; otherwise the shorter reading wins (skin in shade or behind a bag goes unseen)
  const known = ends.filter((e): e is number => e !== undefined).sort((a, b) => a - b);
  let end = known.length === 0 ? 2 : known[0];
  if (known.length === 2 && known[0] < options.sleevelessBefore && known[1] >= options.longSleeveFrom) end = known[1];
  const kind = end < options.sleevelessBefore ? 'none' : end < options.longSleeveFrom ? 'short' : 'long';
  return { ends, end, kind };
}

/**
 * Whether the torso shows an open garment over another: the middle strip of the torso (from the
 * chest to the waist) in colours the side strips do not have. An open coat or jacket over a
 * dress or a top is worn over the bottom, not as a dress.
 */
export function openOverGarment(sampler: PhotoSampler, frame: BodyFrame, skin: SkinModel): number {
  const step = Math.max(1, frame.shoulderWidthPx / 40);
  const half = Math.max(1, 0.03 * frame.torsoLengthPx);
  const strip = (t0: number, t1: number): Lab[] =>
    range(0.35, 0.85, 0.1).flatMap((z) => {
      const [right, left] = torsoSides(frame, z);
      return nonSkin(sampler.band(lerp(right, left, t0), lerp(right, left, t1), half, 0, 1, step), skin);
    });
  const sides = buildPalette([...strip(0.12, 0.3), ...strip(0.7, 0.88)]);
  const middle = strip(0.42, 0.58);
  return middle.length === 0 ? 0 : 1 - paletteShare(middle, sides);
}

/** What lies at the midpoint between the two leg centre lines at one height. */
export type MiddleState = 'garment' | 'background' | 'skin' | 'other';

/** The middle between the legs at z: the majority of a small disc there (background when half of it is off the person). */
export function middleState(sampler: PhotoSampler, frame: BodyFrame, palette: ColourPalette, skin: SkinModel, z: number): MiddleState {
  const w = frame.shoulderWidthPx;
  const c = lerp(legPoint(frame, 0, z), legPoint(frame, 1, z), 0.5);
  const r = Math.max(1, 0.04 * w);
  const step = Math.max(1, r / 3);
  const votes = { garment: 0, background: 0, skin: 0, other: 0 };
  let n = 0;
  for (let dy = -r; dy <= r + 1e-9; dy += step) {
    for (let dx = -r; dx <= r + 1e-9; dx += step) {
      n++;
      const x = c[0] + dx;
      const y = c[1] + dy;
      if (!sampler.onPerson(x, y)) {
        votes.background++;
        continue;
      }
      const colour = sampler.labAt(x, y);
      if (isSkin(colour, skin)) votes.skin++;
      else if (matchesPalette(colour, palette)) votes.garment++;
      else votes.other++;
    }
  }
  if (votes.background >= n / 2) return 'background';
  return (['garment', 'skin', 'other'] as const).reduce((best, k) => (votes[k] > votes[best] ? k : best), 'garment' as MiddleState);
}

export interface LegReading {
  /** Where the garment's colours end on each leg ([right, left], z). */
  hems: [number, number];
  /** The first height below the crotch where nothing clothed spans the gap between the legs (background or skin there); 3.05 when it never does. */
  spanEnd: number;
  /** The garment's width across the legs over two legs' width ({@link flareAt}), per height from `SPAN_FROM_Z` (0 where the middle is not clothed). */
  flare: number[];
  /** The lowest height where the garment is wider than the legs by `skirtFlare` (a skirt's silhouette), 0 when never. */
  wideTo: number;
  /** The middle between the legs from `SPAN_FROM_Z` down (step 0.05). */
  middle: MiddleState[];
  /** The strongest change of the legs' clothed colour going down them (a hem over tights, boots or trousers): where, and how strong (shaded Lab distance of the colours above and below). */
  change: { z: number; strength: number };
  /**
   * The clothed outline's width across the legs over two legs' width below the knees (the median
   * over z 2 to 2.5), colours aside ({@link flareAt} without a palette): a long skirt keeps its
   * width there where a print, folds or shade break its colours (`flare` then stays low), and
   * hands, bags and most coats end above it.
   */
  outline: number;
}

/** Typical width of one clothed leg at z (shoulder widths): a thigh, narrowing to the knee, then as wide down the shin (trouser legs hang straight). */
function legWidth(z: number): number {
  if (z <= 1.5) return BODY_PROPORTIONS.thigh;
  if (z <= 2) return BODY_PROPORTIONS.thigh + ((BODY_PROPORTIONS.knee - BODY_PROPORTIONS.thigh) * (z - 1.5)) / 0.5;
  return BODY_PROPORTIONS.knee;
}

/**
 * The garment's width across both legs at z: from the midpoint between them, out to each side
 * while on the person and in the garment's colours (`palette`; without one, anything but skin:
 * then a coat hanging open beside trousers widens them too); twice the shorter side (a bag or a
 * hand widens one side only), over the width two legs take there.
 */
export function flareAt(sampler: PhotoSampler, frame: BodyFrame, skin: SkinModel, z: number, palette?: ColourPalette): number {
  const w = frame.shoulderWidthPx;
  const right = legPoint(frame, 0, z);
  const left = legPoint(frame, 1, z);
  const centre = lerp(right, left, 0.5);
  const span = Math.hypot(left[0] - right[0], left[1] - right[1]);
  const across: Point2 = span > 1 ? [(left[0] - right[0]) / span, (left[1] - right[1]) / span] : [1, 0];
  const reach = (sign: number): number => {
    let last = -1;
    for (let t = 0; t <= 1.5 * w; t += 1) {
      const x = centre[0] + sign * across[0] * t;
      const y = centre[1] + sign * across[1] * t;
      if (sampler.onPerson(x, y) && (palette ? matchesPalette(sampler.labAt(x, y), palette) : !isSkin(sampler.labAt(x, y), skin))) last = t;
      else if (t - last > 2) break;
    }
    return Math.max(0, last);
  };
  return (2 * Math.min(reach(-1), reach(1))) / (span + legWidth(z) * w);
}

/**
 * Follows a garment (its colours `palette`, starting at `fromZ`) down the legs (see the module
 * doc, step 4): each leg's hem, where its colours and the leg's own just below the start stop
 * (skin close to the face's lightness counts as bare); how far something clothed spans the gap
 * between the legs; the garment's width across them; and where the legs' clothed colour changes
 * most, leaving out changes from colours of `notAbove` (the top's hem seen on the legs).
 */
export function readLegs(sampler: PhotoSampler, frame: BodyFrame, palette: ColourPalette, skin: SkinModel, fromZ: number, options: OutfitEstimateOptions, notAbove?: ColourPalette): LegReading {
  const start = Math.max(fromZ, 1.05);
  const zs = range(start, 3);
  const bare = (c: Lab): boolean => isSkin(c, skin, STRICT_SKIN);
  const legColours = SIDES.map((side) => zs.map((z) => legSample(sampler, frame, side, z)));
  const clothedColours = legColours.map((perZ) => perZ.map((colours) => colours.filter((c) => !bare(c))));
  const hems = SIDES.map((side) => {
    const clothed = clothedColours[side];
    const own = buildPalette(clothed.filter((_, i) => zs[i] <= start + options.legOwnColoursZ).flat());
    const leg: ColourPalette = { centres: [...palette.centres, ...own.centres], weights: [...palette.weights, ...own.weights] };
    const samples = zs.map((z, i) => {
      const all = legColours[side][i].length;
      return { z, share: all === 0 ? 0 : paletteShare(clothed[i], leg) * (clothed[i].length / all) };
    });
    return garmentEnd(samples, options.garmentShare, 3, 3);
  }) as [number, number];
  const heights = range(SPAN_FROM_Z, 3);
  const middle = heights.map((z) => middleState(sampler, frame, palette, skin, z));
  const flare = heights.map((z, i) => (middle[i] === 'garment' || middle[i] === 'other' ? flareAt(sampler, frame, skin, z, palette) : 0));
  const spanned = (i: number): boolean => middle[i] === 'garment' || middle[i] === 'other';
  let spanEnd = 3.05;
  for (let i = 0; i < heights.length; i++) {
    if (heights[i] < start - 1e-9 || spanned(i)) continue;
    if (i + 1 >= heights.length || !spanned(i + 1)) {
      spanEnd = heights[i];
      break;
    }
  }
  let wideTo = 0;
  for (let i = 1; i < heights.length; i++) {
    if (heights[i] >= FLARE_FROM_Z && heights[i] <= FLARE_TO_Z && flare[i] >= options.skirtFlare && flare[i - 1] >= options.skirtFlare) wideTo = heights[i] + STEP;
  }
  // the legs' clothed colour (per height, the median of both legs) above and below each height: where it changes most
  const medians = zs.map((_, i) => medianLab([...clothedColours[0][i], ...clothedColours[1][i]]));
  const window = Math.round(CHANGE_WINDOW_Z / STEP);
  const windowMedian = (from: number, to: number): Lab | undefined => medianLab(medians.slice(from, to).filter((m): m is Lab => m !== undefined));
  let change = { z: 3, strength: 0 };
  for (let i = window; i + window <= zs.length; i++) {
    if (zs[i] < start + 0.15 || zs[i] > CHANGE_TO_Z) continue;
    const above = windowMedian(i - window, i);
    const below = windowMedian(i, i + window);
    if (!above || !below || (notAbove && matchesPalette(above, notAbove))) continue;
    const strength = shadedDistance(above, below);
    if (strength > change.strength) change = { z: zs[i], strength };
  }
  const outlineAt = range(OUTLINE_FROM_Z, OUTLINE_TO_Z).map((z) => flareAt(sampler, frame, skin, z)).sort((a, b) => a - b);
  const outline = outlineAt[Math.floor(outlineAt.length / 2)];
  return { hems, spanEnd, flare, wideTo, middle, change, outline };
}

/** The outfit estimate (see the module doc). */
export function estimateOutfit(sampler: PhotoSampler, keypoints: readonly Keypoint[], options: OutfitEstimateOptions = OUTFIT_ESTIMATE_DEFAULTS): OutfitEstimate {
  const frame = bodyFrame(keypoints);
  const skin = skinModelFromFace(sampler, keypoints, options.minKeypointScore);
  const sleeves = estimateSleeves(sampler, frame, keypoints, skin, options);

  // the top's colours: the chest, skin removed
  const chest = range(0.15, 0.45).flatMap((z) => profileSample(sampler, frame, z).colours);
  const topPalette = buildPalette(nonSkin(chest, skin));
  const profile = range(0.3, 3).map((z) => profileSample(sampler, frame, z));
  const topShare = profile.map((s) => ({ z: s.z, share: s.colours.length === 0 ? 0 : paletteShare(nonSkin(s.colours, skin), topPalette) * (1 - skinShare(s.colours, skin)) }));
  const topHemZ = garmentEnd(topShare.filter((s) => s.z >= 0.45), options.garmentShare, 3, 3);

  // the bottom: colours just below the top's hem that are neither skin nor the top's
  const below = range(topHemZ + STEP, Math.min(3, topHemZ + 0.35)).flatMap((z) => profileSample(sampler, frame, z).colours);
  const distinct = nonSkin(below, skin).filter((c) => !matchesPalette(c, topPalette));
  const hasDistinctBottom = below.length > 0 && distinct.length >= 0.4 * below.length;

  if (!hasDistinctBottom && topHemZ >= options.longTopFrom) {
    // the top's colours go on past the crotch: a dress, a long top or coat, or trousers in the top's colour
    const legs = readLegs(sampler, frame, topPalette, skin, 1.05, options);
    const openFront = openOverGarment(sampler, frame, skin);
    const bottom = bottomOf(legs, 1, options);
    if (bottom.category === 9 && openFront < options.openFrontFrom && Math.max(...legs.hems) < options.dressTo) {
      const category: GarmentCategory = sleeves.kind === 'none' ? 12 : 10;
      const dressHem = Math.min(topHemZ, Math.max(legs.spanEnd, options.longTopFrom));
      return { kind: 'dress', categories: [category], sleeves, topHemZ: dressHem, legs: 'joined', openFront, lower: legs, skin, frame };
    }
    return { ...separates(sleeves, 1, 1, legs, skin, frame, options), openFront };
  }

  const bottomStartZ = hasDistinctBottom ? topHemZ : Math.min(topHemZ, 1);
  const bottomPalette = hasDistinctBottom ? buildPalette(distinct) : topPalette;
  const legs = readLegs(sampler, frame, bottomPalette, skin, bottomStartZ, options, topPalette);
  return separates(sleeves, Math.min(topHemZ, 2), bottomStartZ, legs, skin, frame, options);
}

/** What the bottom read down the legs is (see the module doc, step 5), and where it ends per leg. */
export function bottomOf(legs: LegReading, bottomStartZ: number, options: OutfitEstimateOptions): { category: GarmentCategory; hems: [number, number]; separate: boolean } {
  // the longer leg decides: a bag or a hand in front of one leg ends it early
  const hemZ = Math.max(legs.hems[0], legs.hems[1]);
  const skirtHems = (z: number): [number, number] => [Math.min(legs.hems[0], Math.max(z, bottomStartZ + 0.2)), Math.min(legs.hems[1], Math.max(z, bottomStartZ + 0.2))];
  // wider than the legs down to where the legs part: a skirt (over legwear of its colour)
  if (legs.wideTo > 0 && legs.wideTo >= legs.spanEnd - 0.1) return { category: 9, hems: skirtHems(legs.wideTo), separate: false };
  // the legs' colour changes where the garment still spans them (a change is looked for down to
  // mid-shin, CHANGE_TO_Z, so a midi skirt's hem counts): a skirt over tights or boots
  if (legs.change.strength >= options.hemChange && legs.spanEnd >= legs.change.z - options.spanMargin) {
    return { category: 9, hems: skirtHems(legs.change.z), separate: false };
  }
  // the garment goes on down the legs below where it stops spanning them: trousers or shorts
  const separate = legs.spanEnd < hemZ - options.spanMargin;
  if (separate) return { category: hemZ >= options.trousersFrom ? 8 : 7, hems: legs.hems, separate };
  // spanning the legs to the ankles: trousers on legs together, unless wider than they are below
  // the knees (a long skirt), in its colours or, where a print or folds break them, in outline
  if (hemZ >= options.trousersFrom) return { category: legs.wideTo >= LONG_SKIRT_WIDE_TO_Z || legs.outline >= options.longSkirtOutline ? 9 : 8, hems: legs.hems, separate };
  return { category: 9, hems: skirtHems(legs.spanEnd), separate };
}

function separates(sleeves: SleeveEstimate, topHemZ: number, bottomStartZ: number, legs: LegReading, skin: SkinModel, frame: BodyFrame, options: OutfitEstimateOptions): OutfitEstimate {
  const top: GarmentCategory = sleeves.kind === 'none' ? 5 : sleeves.kind === 'short' ? 1 : 2;
  const bottom = bottomOf(legs, bottomStartZ, options);
  return { kind: 'separates', categories: [top, bottom.category], sleeves, topHemZ, bottomStartZ, bottomHemZ: bottom.hems, legs: bottom.separate ? 'apart' : 'joined', lower: legs, skin, frame };
}
