/**
 * The outfit of a person, estimated without a garment model, from the pose, the person mask and
 * colour. Everything is measured along the body coordinate `z` of body-frame.ts (0 shoulders,
 * 1 hips, 2 knees, 3 ankles):
 *
 * 1. skin colour is seeded from the face (skin-model.ts); the top's colours (colour-palette.ts)
 *    come from the chest;
 * 2. sleeves: walking down each arm (0 shoulder, 1 elbow, 2 wrist), the sleeve ends where skin
 *    takes over; ending before `sleevelessBefore` is no sleeve (a vest), before
 *    `longSleeveFrom` (the elbow plus 30% of the forearm, as the template derivation decides) a
 *    short sleeve, else a long one; when the arms disagree the shorter reading wins, unless it
 *    is a very early end against a long sleeve (hair or a strap on the shoulder);
 * 3. the top's hem: going down the torso, then between the legs and down them, where the
 *    top's colours stop;
 * 4. the bottom's colours come from just below that hem, and its hem per leg is where neither
 *    they nor the leg's own colours below the waist go on (skin, tights, boots); the longer leg
 *    decides (a bag or a hand in front of one leg ends it early);
 * 5. the gap between the legs below the crotch (legGaps): background between legs that stand
 *    apart means trousers or shorts; the garment's colours there, or a garment wider than the
 *    legs (`skirtFlare`), a skirt or a dress (legShape);
 * 6. a dress is a top whose colours go on past the crotch (`longTopFrom`) over joined legs, with
 *    no open front (an open coat or jacket over another garment is a top, openOverGarment);
 *    trousers reach below `trousersFrom`, unless the legs are joined; a short bottom is shorts
 *    when the legs stand apart, else a skirt (more often right than shorts on legs that touch).
 *
 * Pure: photo, keypoints and silhouette in, categories and the positions the landmark
 * placement needs out.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { Keypoint, Side } from './coco-keypoints.js';
import { SIDES, lerp } from './coco-keypoints.js';
import { armPoint, bodyFrame, legPoint, torsoSides } from './body-frame.js';
import type { BodyFrame } from './body-frame.js';
import { buildPalette, matchesPalette, paletteShare } from './colour-palette.js';
import type { ColourPalette } from './colour-palette.js';
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
  /** Garment width over the legs' width above the hem from which a bottom on touching legs is a skirt. */
  skirtFlare: number;
  /** Share of the torso's middle in colours its sides lack from which the top is open over another garment (never a dress). */
  openFrontFrom: number;
}

export const OUTFIT_ESTIMATE_DEFAULTS: Readonly<OutfitEstimateOptions> = {
  minKeypointScore: 0.3,
  sleevelessBefore: 0.35,
  longSleeveFrom: 1.3,
  bareShare: 0.5,
  garmentShare: 0.5,
  trousersFrom: 2.5,
  longTopFrom: 1.3,
  skirtFlare: 1.25,
  openFrontFrom: 0.15,
};

/** Skin as bare legs: lightness close to the face's. */
const STRICT_SKIN = { ...SKIN_MODEL_DEFAULTS, darkerL: 15 };

/** Below this z the gap between apart legs is clear of the crotch. */
const BELOW_CROTCH_Z = 1.3;

/** Sampling step along z and along the arms. */
const STEP = 0.05;

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
  /** Whether background shows between the legs below the crotch (`apart`) or the garment spans them (`joined`). */
  legs: LegShape['shape'];
  /** Share of the heights below the crotch where the garment spans the legs. */
  joinedShare: number;
  /** Share of the torso's middle strip in colours its sides lack ({@link openOverGarment}). */
  openFront?: number;
  skin: SkinModel;
  frame: BodyFrame;
}

interface ProfileSample {
  z: number;
  colours: Lab[];
}

/** Where hanging hands end, on the body coordinate: below it the legs' sides are clear of them. */
const HANDS_TO_Z = 1.6;

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

/** What lies between the legs at one height below the crotch. */
export interface LegGap {
  z: number;
  /** The leg centres stand further apart than the legs are wide (thighs half a shoulder width, calves a third). */
  apart: boolean;
  /** The midpoint between the legs: the garment, background (off the person), or something else (skin, another garment). */
  middle: 'garment' | 'background' | 'other';
  /** Garment width across the body over the width two legs take (from z 1.5, below the hands). */
  flare?: number;
}

function classifyPoint(sampler: PhotoSampler, palette: ColourPalette, skin: SkinModel, x: number, y: number): LegGap['middle'] {
  if (!sampler.onPerson(x, y)) return 'background';
  const colour = sampler.labAt(x, y);
  return !isSkin(colour, skin) && matchesPalette(colour, palette) ? 'garment' : 'other';
}

/** The garment's width across the body at z, walking out from between the legs while on it, over two legs' width. */
function flareAt(sampler: PhotoSampler, frame: BodyFrame, palette: ColourPalette, skin: SkinModel, z: number): number {
  const w = frame.shoulderWidthPx;
  const right = legPoint(frame, 0, z);
  const left = legPoint(frame, 1, z);
  const centre = lerp(right, left, 0.5);
  const span = Math.hypot(left[0] - right[0], left[1] - right[1]);
  const across = span > 0 ? [(left[0] - right[0]) / span, (left[1] - right[1]) / span] : [1, 0];
  const reach = (sign: number): number => {
    let last = 0;
    for (let t = 0; t <= 1.5 * w; t += 1) {
      if (classifyPoint(sampler, palette, skin, centre[0] + sign * across[0] * t, centre[1] + sign * across[1] * t) === 'garment') last = t;
      else if (t - last > 0.05 * w) break;
    }
    return last;
  };
  return (reach(-1) + reach(1)) / (span + (z < 2 ? 0.5 : 0.34) * w);
}

/** The gap between the legs at each height of [fromZ, toZ] (see {@link LegGap}). */
export function legGaps(sampler: PhotoSampler, frame: BodyFrame, palette: ColourPalette, skin: SkinModel, fromZ: number, toZ: number): LegGap[] {
  const w = frame.shoulderWidthPx;
  return range(fromZ, toZ).map((z) => {
    const right = legPoint(frame, 0, z);
    const left = legPoint(frame, 1, z);
    const span = Math.hypot(left[0] - right[0], left[1] - right[1]);
    const votes = { garment: 0, background: 0, other: 0 };
    for (const t of [0.45, 0.5, 0.55]) {
      const p = lerp(right, left, t);
      votes[classifyPoint(sampler, palette, skin, p[0], p[1])]++;
    }
    const middle = (Object.keys(votes) as LegGap['middle'][]).reduce((best, k) => (votes[k] > votes[best] ? k : best));
    const gap: LegGap = { z, apart: span >= (z < 2 ? 0.75 : 0.55) * w, middle };
    if (z >= 1.5 && middle === 'garment') gap.flare = flareAt(sampler, frame, palette, skin, z);
    return gap;
  });
}


export interface LegShape {
  /** `apart`: background shows between the legs (trousers, shorts); `joined`: the garment spans them (skirt, dress). */
  shape: 'apart' | 'joined' | 'unknown';
  /** The lowest height where the garment spans the legs, when joined. */
  joinedToZ?: number;
  /** Share (0..1) of the heights below the crotch where the garment spans the legs. */
  joinedShare: number;
}

/** Reads the leg gaps: background between apart legs, against cloth spanning apart (or flaring) legs. */
export function legShape(gaps: readonly LegGap[], skirtFlare: number): LegShape {
  const open = gaps.filter((g) => g.z >= BELOW_CROTCH_Z && g.apart && g.middle === 'background');
  const joined = gaps.filter((g) => g.middle === 'garment' && ((g.z >= BELOW_CROTCH_Z && g.apart) || (g.flare ?? 0) >= skirtFlare));
  const heights = gaps.filter((g) => g.z >= BELOW_CROTCH_Z).length;
  const joinedShare = heights === 0 ? 0 : joined.filter((g) => g.z >= BELOW_CROTCH_Z).length / heights;
  if (open.length >= 2 && open.length >= joined.length) return { shape: 'apart', joinedShare };
  if (joined.length >= 2) return { shape: 'joined', joinedToZ: Math.max(...joined.map((g) => g.z)) + STEP, joinedShare };
  return { shape: 'unknown', joinedShare };
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

  // each leg's garment: the bottom's colours and the leg's own just below where the bottom starts
  // (a pattern, a coat's hem over trousers), followed down to where neither continues; only
  // skin close to the face's lightness counts as bare here, since brown cloth in shade looks
  // like skin in shadow
  const legHems = (palette: ColourPalette, fromZ: number): [number, number] =>
    SIDES.map((side) => {
      const start = Math.max(fromZ, 1.05);
      const zs = range(start, 3);
      const colours = zs.map((z) => legSample(sampler, frame, side, z));
      const bare = (c: Lab): boolean => isSkin(c, skin, STRICT_SKIN);
      const own = buildPalette(colours.filter((_, i) => zs[i] <= start + 0.25).flatMap((c) => c.filter((x) => !bare(x))));
      const leg: ColourPalette = { centres: [...palette.centres, ...own.centres], weights: [...palette.weights, ...own.weights] };
      const samples = zs.map((z, i) => ({ z, share: colours[i].length === 0 ? 0 : paletteShare(colours[i].filter((x) => !bare(x)), leg) * (colours[i].filter((x) => !bare(x)).length / colours[i].length) }));
      return garmentEnd(samples, options.garmentShare, 3, 3);
    }) as [number, number];

  if (!hasDistinctBottom && topHemZ >= options.longTopFrom) {
    // the top's colours go on past the crotch: a dress, or trousers in the top's colour
    const legs = legShape(legGaps(sampler, frame, topPalette, skin, 1.2, topHemZ - STEP), options.skirtFlare);
    // legs that touch all the way down cannot tell; a garment to the ankles is then more often trousers
    const openFront = openOverGarment(sampler, frame, skin);
    if (legs.shape === 'joined' && openFront < options.openFrontFrom) {
      const category: GarmentCategory = sleeves.kind === 'none' ? 12 : 10;
      const hemZ = legs.joinedToZ !== undefined ? Math.min(topHemZ, Math.max(legs.joinedToZ, options.longTopFrom)) : topHemZ;
      return { kind: 'dress', categories: [category], sleeves, topHemZ: hemZ, legs: legs.shape, joinedShare: legs.joinedShare, openFront, skin, frame };
    }
    return separates(sleeves, 1, 1, legHems(topPalette, 1.05), legs, skin, frame, options);
  }

  const bottomStartZ = hasDistinctBottom ? topHemZ : Math.min(topHemZ, 1);
  const bottomPalette = hasDistinctBottom ? buildPalette(distinct) : topPalette;
  const hems = legHems(bottomPalette, bottomStartZ);
  const legs = legShape(legGaps(sampler, frame, bottomPalette, skin, Math.max(1.2, bottomStartZ + STEP), Math.max(...hems) - STEP), options.skirtFlare);
  return separates(sleeves, Math.min(topHemZ, 2), bottomStartZ, hems, legs, skin, frame, options);
}

function separates(sleeves: SleeveEstimate, topHemZ: number, bottomStartZ: number, hems: [number, number], legs: LegShape, skin: SkinModel, frame: BodyFrame, options: OutfitEstimateOptions): OutfitEstimate {
  const top: GarmentCategory = sleeves.kind === 'none' ? 5 : sleeves.kind === 'short' ? 1 : 2;
  // the longer leg decides: a bag or a hand in front of one leg ends it early
  const hemZ = Math.max(hems[0], hems[1]);
  let bottom: GarmentCategory;
  let bottomHemZ = hems;
  if (legs.shape === 'joined') {
    bottom = 9;
    // a skirt ends where it stops spanning the legs (boots or tights of its colour continue below)
    if (legs.joinedToZ !== undefined) bottomHemZ = [Math.min(hems[0], legs.joinedToZ), Math.min(hems[1], legs.joinedToZ)];
  } else if (hemZ >= options.trousersFrom) bottom = 8;
  // a short bottom whose legs cannot be told apart is more often a skirt than shorts
  else bottom = legs.shape === 'apart' ? 7 : 9;
  return { kind: 'separates', categories: [top, bottom], sleeves, topHemZ, bottomStartZ, bottomHemZ, legs: legs.shape, joinedShare: legs.joinedShare, skin, frame };
}
