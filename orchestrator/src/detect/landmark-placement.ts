/**
 * Placing the ClonedPerson landmarks of each estimated garment (the scheme `clone` reads; see
 * contracts/garment-categories.ts and the template derivation's landmark docs in
 * garments/top-landmarks.ts and garments/bottom-landmarks.ts) from the keypoints, the
 * silhouette and the skin model. Lists are in the scheme's order, drawn for a person facing
 * the camera: the subject's right (index 0 of the body frame's pairs) is on the image's left.
 *
 * Each point sits on the garment: edges are found by walking out from inside the garment
 * (garment-edges.ts) and pulled back by `insetShare`, so the landmark polygon stays on the
 * cloth the clone stage copies. Where the walk cannot find an edge (an arm beside the torso
 * continues the silhouette), typical proportions cap it (body-frame.ts).
 *
 * Order per category (1-based):
 * - short-sleeve top (1, 15): R shoulder, neck R / centre / L, L shoulder, L cuff outer, inner,
 *   L armpit, L waist, L hem, R hem, R waist, R armpit, R cuff inner, outer;
 * - long-sleeve top (2, 19): as 1 with the elbows: 6 L elbow outer, 9 L elbow inner,
 *   16 R elbow inner, 19 R elbow outer;
 * - vest (5, 11): R shoulder, neck R / centre / L, L shoulder, L armpit, L waist, L hem, R hem,
 *   R waist, R armpit;
 * - shorts (7, 10): R waist, waist centre, L waist, L side, L hem outer, inner, crotch, R hem
 *   inner, outer, R side; trousers (8, 14) add the knees: 5 L knee outer, 8 L knee inner,
 *   10 R knee inner, 13 R knee outer;
 * - skirt (9, 7): R waist, L waist, L side, L hem, hem centre, R hem, R side;
 * - short-sleeve dress (10, 22): R shoulder, neck R / centre / L, L shoulder, L cuff outer,
 *   inner, L armpit, four L side points (below the armpit, waist, hips, halfway to the hem),
 *   L hem, hem centre, R hem, the four R side points upwards, R armpit, R cuff inner, outer;
 * - vest dress (12, 16): R shoulder, neck R / centre / L, L shoulder, L armpit, three L side
 *   points (waist, hips, halfway to the hem), L hem, hem centre, R hem, the R side points
 *   upwards, R armpit.
 */
import type { Point2 } from '../geometry/point.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { CLONEDPERSON_LANDMARK_COUNTS } from '../contracts/garment-categories.js';
import type { Side } from './coco-keypoints.js';
import { lerp } from './coco-keypoints.js';
import { BODY_PROPORTIONS, armDirection, armPoint, centrePoint, legDirection, legPoint } from './body-frame.js';
import type { BodyFrame } from './body-frame.js';
import { edgePoint, garmentReach, garmentSection } from './garment-edges.js';
import type { OutfitEstimate } from './outfit-estimate.js';
import type { PhotoSampler } from './photo-sampler.js';
import { isSkin } from './skin-model.js';
import type { SkinModel } from './skin-model.js';

export interface PlacementOptions {
  /** Share (0..1) of each walk to an edge given back, so points stay on the garment. */
  insetShare: number;
}

export const PLACEMENT_DEFAULTS: Readonly<PlacementOptions> = { insetShare: 0.08 };

export interface PlacedGarment {
  category: GarmentCategory;
  landmarks: [number, number][];
}

interface Context {
  sampler: PhotoSampler;
  skin: SkinModel;
  frame: BodyFrame;
  w: number;
  /** Unit vector from the subject's right to left (image left to right when facing the camera). */
  across: Point2;
  /** Unit vector from the hips to the neck. */
  up: Point2;
  inset: number;
}

function unit(v: Point2): Point2 {
  const n = Math.hypot(v[0], v[1]) || 1;
  return [v[0] / n, v[1] / n];
}

function add(p: Point2, v: Point2, s: number): Point2 {
  return [p[0] + v[0] * s, p[1] + v[1] * s];
}

function neg(v: Point2): Point2 {
  return [-v[0], -v[1]];
}

/** Typical half-width of the body at z (shoulder-joint distances). */
function expectedHalfWidth(z: number): number {
  const table: [number, number][] = [[0, 0.6], [0.3, 0.5], [0.6, 0.45], [1, 0.55], [1.3, 0.6], [3, 0.6]];
  for (let i = 1; i < table.length; i++) {
    if (z <= table[i][0]) {
      const [z0, h0] = table[i - 1];
      const [z1, h1] = table[i];
      return h0 + ((h1 - h0) * (Math.max(z, z0) - z0)) / (z1 - z0);
    }
  }
  return 0.6;
}

/** The garment's [right, left] edges across the body at z (torso above the hips; across both legs below). */
function bodySection(c: Context, z: number, widen = 1): [Point2, Point2] {
  const half = expectedHalfWidth(z) * c.w * widen;
  return garmentSection(c.sampler, c.skin, centrePoint(c.frame, z), c.across, 1.3 * half, 0.35 * half, c.inset);
}

/** A leg's [outer, inner] garment edges at z, walking from the leg's centre line. */
function legSection(c: Context, side: Side, z: number): [Point2, Point2] {
  const centre = legPoint(c.frame, side, z);
  const along = legDirection(c.frame, side, z);
  let outer: Point2 = [along[1], -along[0]];
  const away = side === 0 ? neg(c.across) : c.across;
  if (outer[0] * away[0] + outer[1] * away[1] < 0) outer = neg(outer);
  const widthShare = z <= 1.5 ? BODY_PROPORTIONS.thigh : z <= 2.2 ? BODY_PROPORTIONS.knee : BODY_PROPORTIONS.knee * 0.9;
  const half = (widthShare / 2) * c.w;
  const a = Math.max(0.35 * half, garmentReach(c.sampler, c.skin, centre, outer, 1.5 * half));
  const b = Math.max(0.35 * half, garmentReach(c.sampler, c.skin, centre, neg(outer), 1.5 * half));
  return [edgePoint(centre, outer, a, c.inset), edgePoint(centre, neg(outer), b, c.inset)];
}

/** A sleeve's [outer, inner] edges at arm coordinate a. */
function armSection(c: Context, side: Side, a: number): [Point2, Point2] {
  const centre = armPoint(c.frame, side, a);
  const along = armDirection(c.frame, side, a);
  let outer: Point2 = [along[1], -along[0]];
  const away = side === 0 ? neg(c.across) : c.across;
  if (outer[0] * away[0] + outer[1] * away[1] < 0) outer = neg(outer);
  const half = ((a <= 1 ? BODY_PROPORTIONS.upperArm : BODY_PROPORTIONS.forearm) / 2) * c.w;
  const o = Math.max(0.4 * half, garmentReach(c.sampler, c.skin, centre, outer, 1.6 * half));
  const i = Math.max(0.4 * half, garmentReach(c.sampler, c.skin, centre, neg(outer), 1.6 * half));
  return [edgePoint(centre, outer, o, c.inset), edgePoint(centre, neg(outer), i, c.inset)];
}

/** The top of the garment above a shoulder joint. */
function shoulderPoint(c: Context, side: Side): Point2 {
  const s = c.frame.shoulder[side];
  const from = add(s, c.up, -0.05 * c.w);
  const reach = garmentReach(c.sampler, c.skin, from, c.up, 0.3 * c.w);
  return edgePoint(from, c.up, reach, c.inset);
}

/** The neckline's side above a point 0.2 shoulder widths from the neck base. */
function neckSide(c: Context, side: Side): Point2 {
  const sign = side === 0 ? -1 : 1;
  const from = add(add(c.frame.neckBase, c.across, sign * BODY_PROPORTIONS.neck * 0.6 * c.w), c.up, -0.15 * c.w);
  const reach = garmentReach(c.sampler, c.skin, from, c.up, 0.4 * c.w);
  return edgePoint(from, c.up, reach, c.inset);
}

/** The neckline's lowest point on the midline: where the skin of the neck and chest ends. */
function neckCentre(c: Context): Point2 {
  const down = neg(c.up);
  const from = add(c.frame.neckBase, c.up, 0.15 * c.w);
  const limit = 0.9 * c.w;
  let last = 0;
  for (let t = 0; t <= limit; t += 1) {
    const x = from[0] + down[0] * t;
    const y = from[1] + down[1] * t;
    if (!c.sampler.onPerson(x, y) || isSkin(c.sampler.labAt(x, y), c.skin)) last = t;
    else if (t - last > 0.06 * c.w) break;
  }
  // the neckline sits at least a little below the shoulder line's top
  return add(from, down, Math.max(last + 0.03 * c.w, 0.2 * c.w));
}

function armpit(c: Context, side: Side): Point2 {
  const inward = side === 0 ? c.across : neg(c.across);
  return add(lerp(c.frame.shoulder[side], c.frame.hip[side], 0.2), inward, 0.08 * c.w);
}

function neckAndShoulders(c: Context): Point2[] {
  return [shoulderPoint(c, 0), neckSide(c, 0), neckCentre(c), neckSide(c, 1), shoulderPoint(c, 1)];
}

/**
 * Where each sleeve ends for landmark purposes (just inside the sleeve), within what the
 * category allows: one side's reading can run past the elbow on a tattooed or shaded forearm
 * while the category, read from both arms, says short, and a short sleeve's cuff at the wrist
 * makes a needle of a polygon that no homography maps.
 */
function cuffAt(estimate: OutfitEstimate, side: Side, category: GarmentCategory): number {
  const end = estimate.sleeves.ends[side] ?? estimate.sleeves.end;
  const short = category === 1 || category === 10;
  return Math.max(0.2, Math.min(short ? 1 : 1.9, end - 0.08));
}

function placeTop(c: Context, estimate: OutfitEstimate, category: GarmentCategory): Point2[] {
  const hemZ = Math.max(0.45, estimate.topHemZ - 0.04);
  const waistZ = (0.2 + Math.min(hemZ, 1.3)) / 2;
  const [waistR, waistL] = bodySection(c, waistZ);
  const [hemR, hemL] = bodySection(c, hemZ);
  const [shoulderR, neckR, neckC, neckL, shoulderL] = neckAndShoulders(c);
  const pitR = armpit(c, 0);
  const pitL = armpit(c, 1);
  if (category === 5) return [shoulderR, neckR, neckC, neckL, shoulderL, pitL, waistL, hemL, hemR, waistR, pitR];
  const [cuffLo, cuffLi] = armSection(c, 1, cuffAt(estimate, 1, category));
  const [cuffRo, cuffRi] = armSection(c, 0, cuffAt(estimate, 0, category));
  if (category === 1) return [shoulderR, neckR, neckC, neckL, shoulderL, cuffLo, cuffLi, pitL, waistL, hemL, hemR, waistR, pitR, cuffRi, cuffRo];
  const [elbowLo, elbowLi] = armSection(c, 1, 1);
  const [elbowRo, elbowRi] = armSection(c, 0, 1);
  return [shoulderR, neckR, neckC, neckL, shoulderL, elbowLo, cuffLo, cuffLi, elbowLi, pitL, waistL, hemL, hemR, waistR, pitR, elbowRi, cuffRi, cuffRo, elbowRo];
}

/**
 * The crotch: down the midline from the waistband while on the garment, at most to z = 1.3 (or
 * a little below a low waistband, so the walk never turns upwards past the waist points).
 */
function crotch(c: Context, fromZ: number): Point2 {
  const startZ = Math.max(1, fromZ);
  const start = centrePoint(c.frame, startZ);
  const end = centrePoint(c.frame, Math.max(1.3, startZ + 0.15));
  const limit = Math.hypot(end[0] - start[0], end[1] - start[1]);
  const down = unit([end[0] - start[0], end[1] - start[1]]);
  const reach = garmentReach(c.sampler, c.skin, start, down, limit, 1);
  return add(start, down, Math.max(0.3 * limit, reach) * (1 - c.inset));
}

function placeBottom(c: Context, estimate: OutfitEstimate, category: GarmentCategory): Point2[] {
  const startZ = (estimate.bottomStartZ ?? 1) + 0.04;
  const hems = estimate.bottomHemZ ?? [3, 3];
  const hemZ: [number, number] = [Math.max(startZ + 0.1, hems[0] - 0.05), Math.max(startZ + 0.1, hems[1] - 0.05)];
  const [waistR, waistL] = bodySection(c, startZ);
  const waistC = centrePoint(c.frame, startZ);
  if (category === 9) {
    const meanHem = (hemZ[0] + hemZ[1]) / 2;
    const [sideR, sideL] = bodySection(c, (startZ + meanHem) / 2, 1.4);
    const [hemR, hemL] = bodySection(c, meanHem, 1.6);
    return [waistR, waistL, sideL, hemL, centrePoint(c.frame, meanHem), hemR, sideR];
  }
  // the side points sit below the waistband (a long top can push the waist to z = 1.2 and more,
  // where a side at the waist's height would coincide with the waist points)
  const shortest = Math.min(hemZ[0], hemZ[1]);
  const sideZ = shortest < 1.35 ? (startZ + shortest) / 2 : Math.min(1.75, Math.max(startZ + 0.2, 1.2));
  const sideR = legSection(c, 0, Math.max(1.05, sideZ))[0];
  const sideL = legSection(c, 1, Math.max(1.05, sideZ))[0];
  const [hemLo, hemLi] = legSection(c, 1, hemZ[1]);
  const [hemRo, hemRi] = legSection(c, 0, hemZ[0]);
  const fork = crotch(c, startZ);
  if (category === 7) return [waistR, waistC, waistL, sideL, hemLo, hemLi, fork, hemRi, hemRo, sideR];
  const [kneeLo, kneeLi] = legSection(c, 1, 2);
  const [kneeRo, kneeRi] = legSection(c, 0, 2);
  return [waistR, waistC, waistL, sideL, kneeLo, hemLo, hemLi, kneeLi, fork, kneeRi, hemRi, hemRo, kneeRo, sideR];
}

function placeDress(c: Context, estimate: OutfitEstimate, category: GarmentCategory): Point2[] {
  const hemZ = Math.max(1.1, estimate.topHemZ - 0.04);
  const [shoulderR, neckR, neckC, neckL, shoulderL] = neckAndShoulders(c);
  const pitR = armpit(c, 0);
  const pitL = armpit(c, 1);
  const sideZs = category === 10 ? [0.4, 0.6, 1, (1 + hemZ) / 2] : [0.6, 1, (1 + hemZ) / 2];
  const sides = sideZs.map((z) => bodySection(c, z, z > 1 ? 1.4 : 1));
  const [hemR, hemL] = bodySection(c, hemZ, 1.6);
  const hemC = centrePoint(c.frame, hemZ);
  const left = sides.map((s) => s[1]);
  const right = sides.map((s) => s[0]).reverse();
  if (category === 12) return [shoulderR, neckR, neckC, neckL, shoulderL, pitL, ...left, hemL, hemC, hemR, ...right, pitR];
  const [cuffLo, cuffLi] = armSection(c, 1, cuffAt(estimate, 1, category));
  const [cuffRo, cuffRi] = armSection(c, 0, cuffAt(estimate, 0, category));
  return [shoulderR, neckR, neckC, neckL, shoulderL, cuffLo, cuffLi, pitL, ...left, hemL, hemC, hemR, ...right, pitR, cuffRi, cuffRo];
}

/** The landmarks of every garment of the estimate, in the ClonedPerson scheme. */
export function placeLandmarks(sampler: PhotoSampler, estimate: OutfitEstimate, options: PlacementOptions = PLACEMENT_DEFAULTS): PlacedGarment[] {
  const { frame } = estimate;
  const context: Context = {
    sampler,
    skin: estimate.skin,
    frame,
    w: frame.shoulderWidthPx,
    across: unit([frame.shoulder[1][0] - frame.shoulder[0][0] + frame.hip[1][0] - frame.hip[0][0], frame.shoulder[1][1] - frame.shoulder[0][1] + frame.hip[1][1] - frame.hip[0][1]]),
    up: unit([frame.neckBase[0] - frame.hipMid[0], frame.neckBase[1] - frame.hipMid[1]]),
    inset: options.insetShare,
  };
  return estimate.categories.map((category) => {
    const points = estimate.kind === 'dress' ? placeDress(context, estimate, category) : category <= 6 ? placeTop(context, estimate, category) : placeBottom(context, estimate, category);
    if (points.length !== CLONEDPERSON_LANDMARK_COUNTS[category]) {
      throw new Error(`landmark placement produced ${points.length} points for category ${category}`);
    }
    return { category, landmarks: points.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10] as [number, number]) };
  });
}
