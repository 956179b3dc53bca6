/**
 * Step 3a of the derivation: the top garment's landmarks in the front view, from the default
 * rig's joints (S shoulder = upperarm01 head, E elbow = lowerarm01 head, W wrist) and the top
 * piece's raster and open edges:
 *
 * - shoulder: the topmost covered pixel in the column of S;
 * - armpit: going down from S, the first row where the sleeve has come off the torso (a separate
 *   run lies beyond the run over the torso column); the torso run's end there;
 * - neck sides / neck centre: open-edge vertices in the neck or torso region within 1.2 dm of the
 *   neck line (neck01 -> head), above the armpits: the ones with extreme x, and the one nearest
 *   x = 0 among those in front of the neck joint (the bottom of a V neck);
 * - hem corners: the torso's ends 0.1 dm above the lowest row covering both torso columns;
 *   waist sides: the torso's ends halfway between armpit and hem;
 * - cuffs: walking from S along S->W to where the top ends, the cross-section 0.1 dm before the
 *   end (outer = up and out); a sleeve ending past E + 30% of E->W makes the top long-sleeved
 *   (category 2), else short-sleeved (1); elbows (long sleeves): the cross-section through E.
 *
 * Landmark order (1-based) is the ClonedPerson scheme: short sleeves 1 right shoulder, 2-4 neck
 * (right, centre, left), 5 left shoulder, 6-7 left cuff (outer, inner), 8 left armpit, 9 left
 * waist, 10 left hem, 11 right hem, 12 right waist, 13 right armpit, 14-15 right cuff (inner,
 * outer); long sleeves insert the elbows: 6 left elbow outer, 9 left elbow inner, 16 right elbow
 * inner, 19 right elbow outer.
 */
import type { Point2 } from '../geometry/point.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { frontOf, segmentDistance, sub3 } from './body-joints.js';
import type { DerivationJoints } from './body-joints.js';
import { cannotLocate, extremeBy } from './derivation-errors.js';
import type { EdgeVertex } from './edge-regions.js';
import { covered, rowRuns, toPixel, toWorld } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';
import { crossSection, torsoColumns, torsoEndsAt } from './raster-sections.js';
import type { CrossSection } from './raster-sections.js';

/** Right and left shoulder points: the topmost covered pixel in each shoulder joint's column. */
export function shoulderPoints(top: FrontRaster, j: DerivationJoints, model: string): [Point2, Point2] {
  return [0, 1].map((s) => {
    const [px] = toPixel(top, frontOf(j.shoulder[s]));
    for (let y = 0; y < top.height; y++) if (covered(top, px, y)) return toWorld(top, px, y);
    throw cannotLocate(model, 'a shoulder');
  }) as [Point2, Point2];
}

/** Right and left armpits: where, going down from the shoulder, a sleeve run separates from the torso run. */
export function armpitPoints(top: FrontRaster, j: DerivationJoints, model: string): [Point2, Point2] {
  const columns = torsoColumns(top, j);
  return [0, 1].map((s) => {
    const [, startY] = toPixel(top, frontOf(j.shoulder[s]));
    const column = columns[s];
    for (let y = Math.max(0, startY); y < top.height; y++) {
      const row = rowRuns(top, y);
      const torso = row.find(([a, b]) => a <= column && column <= b);
      if (!torso) continue;
      const separate = s === 1 ? row.some(([a]) => a > torso[1]) : row.some(([, b]) => b < torso[0]);
      if (separate) return toWorld(top, s === 1 ? torso[1] : torso[0], y);
    }
    throw cannotLocate(model, 'an armpit');
  }) as [Point2, Point2];
}

export interface Neckline {
  right: Point2;
  centre: Point2;
  left: Point2;
}

/** The neckline's sides and centre from the top's open edges above `armpitY` (see the module doc). */
export function necklinePoints(topEdges: readonly EdgeVertex[], j: DerivationJoints, armpitY: number, model: string): Neckline {
  const neckEdges = topEdges.filter((e) => (e.region === 'neck' || e.region === 'torso') && e.p[1] > armpitY && segmentDistance(e.p, j.neckBase, j.head) < 1.2);
  if (neckEdges.length === 0) throw cannotLocate(model, 'the neckline');
  const [right, left] = extremeBy(neckEdges, (e) => e.p[0], model);
  const inFront = neckEdges.filter((e) => e.p[2] > j.neckBase[2]);
  const centre = (inFront.length > 0 ? inFront : neckEdges).reduce((best, e) => (Math.abs(e.p[0]) < Math.abs(best.p[0]) ? e : best));
  return { right: frontOf(right.p), centre: frontOf(centre.p), left: frontOf(left.p) };
}

/**
 * The height (dm) of the top's hem: the lowest row where it covers both torso columns
 * (decorations hanging below, like a navel piercing, are narrower than the torso; an open
 * jacket still covers both).
 */
export function hemHeight(top: FrontRaster, j: DerivationJoints, model: string): number {
  const [right, left] = torsoColumns(top, j);
  for (let y = top.height - 1; y >= 0; y--) {
    if (covered(top, right, y) && covered(top, left, y)) return toWorld(top, 0, y)[1];
  }
  throw cannotLocate(model, 'the hem of the top');
}

export interface Sleeve extends CrossSection {
  /** How far along the arm line (dm, from the shoulder joint) the sleeve ends. */
  along: number;
  /** The unit direction across the arm (outer = away from the centre line and up). */
  across: Point2;
  /** The elbow's and the wrist's distance along the arm line. */
  elbowAlong: number;
  wristAlong: number;
}

/** Right and left sleeve ends: cuff cross-sections (see the module doc). */
export function sleeveCuffs(top: FrontRaster, j: DerivationJoints, model: string): [Sleeve, Sleeve] {
  return [0, 1].map((s) => {
    const a = j.shoulder[s];
    const dir = sub3(j.wrist[s], a);
    const length = Math.hypot(dir[0], dir[1]);
    const unit: Point2 = [dir[0] / length, dir[1] / length];
    const step = 1 / top.pxPerDm;
    let end = 0;
    for (let t = 0; t <= 1.3 * length; t += step) {
      const [x, y] = toPixel(top, [a[0] + unit[0] * t, a[1] + unit[1] * t]);
      if (covered(top, x, y)) end = t;
      else if (t > end + 0.1) break;
    }
    if (end <= 0) throw cannotLocate(model, 'a sleeve');
    const across: Point2 = s === 1 ? [-unit[1], unit[0]] : [unit[1], -unit[0]];
    const back = Math.max(0, end - 0.1);
    const section = crossSection(top, [a[0] + unit[0] * back, a[1] + unit[1] * back], across);
    const elbowAlong = (j.elbow[s][0] - a[0]) * unit[0] + (j.elbow[s][1] - a[1]) * unit[1];
    return { ...section, along: end, across, elbowAlong, wristAlong: length };
  }) as [Sleeve, Sleeve];
}

/** A sleeve is long when it ends past the elbow plus 30% of the forearm. */
export function isLongSleeve(sleeve: Sleeve): boolean {
  return sleeve.along > sleeve.elbowAlong + 0.3 * (sleeve.wristAlong - sleeve.elbowAlong);
}

export interface GarmentLandmarks {
  category: GarmentCategory;
  /** Front-view landmark positions in the category's order (1-based in the scheme). */
  points: Point2[];
}

/** The top's category (1 short-sleeved, 2 long-sleeved) and landmarks in order (see the module doc). */
export function topLandmarks(top: FrontRaster, topEdges: readonly EdgeVertex[], j: DerivationJoints, model: string): GarmentLandmarks {
  const shoulder = shoulderPoints(top, j, model);
  const armpit = armpitPoints(top, j, model);
  const armpitY = Math.min(armpit[0][1], armpit[1][1]);
  const neck = necklinePoints(topEdges, j, armpitY, model);
  const hemY = hemHeight(top, j, model);
  const [waistR, waistL] = torsoEndsAt(top, (armpitY + hemY) / 2, j, model);
  const [hemR, hemL] = torsoEndsAt(top, hemY + 0.1, j, model);
  const cuff = sleeveCuffs(top, j, model);
  if (!cuff.every(isLongSleeve)) {
    const points = [shoulder[0], neck.right, neck.centre, neck.left, shoulder[1], cuff[1].outer, cuff[1].inner, armpit[1], waistL, hemL, hemR, waistR, armpit[0], cuff[0].inner, cuff[0].outer];
    return { category: 1, points };
  }
  const elbow = [0, 1].map((s) => crossSection(top, frontOf(j.elbow[s]), cuff[s].across));
  const points = [
    ...[shoulder[0], neck.right, neck.centre, neck.left, shoulder[1]],
    ...[elbow[1].outer, cuff[1].outer, cuff[1].inner, elbow[1].inner, armpit[1]],
    ...[waistL, hemL, hemR, waistR],
    ...[armpit[0], elbow[0].inner, cuff[0].inner, cuff[0].outer, elbow[0].outer],
  ];
  return { category: 2, points };
}
