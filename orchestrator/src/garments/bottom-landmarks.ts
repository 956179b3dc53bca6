/**
 * Step 3b of the derivation: the bottom garment's landmarks in the front view, from the default
 * rig's joints (H hip = upperleg01 head, K knee = lowerleg01 head) and the bottom piece's raster
 * and open edges:
 *
 * - waist: the highest ring (0.25 dm) of the waistband's open edges (torso region or above the
 *   hips): its extreme x; waist centre: the first front-facing covered pixel at x = 0 from 1 dm
 *   above the band down;
 * - centre line: from the band down x = 0 to where the garment ends: trousers and shorts end at
 *   the crotch, well above their hems; a skirt is covered to within 0.3 dm of its lowest edge;
 * - skirt (category 9): hem corners from the lowest ring (0.25 dm) of open edges, front centre
 *   at the centre line's end, sides halfway between waist and hem;
 * - leg hems (trousers, shorts): per leg the lowest (by mean height) open-edge loop of at least
 *   6 vertices in that leg's region, its outer and inner extremes; hems below the knees make
 *   trousers (8), above shorts (7); knees (trousers): the ends of the leg's run in the row of
 *   K; hip sides: the outer ends in the crotch row, or halfway between waist and outer hems when
 *   those end higher (short shorts).
 *
 * Landmark order (1-based): trousers 1 right waist, 2 waist centre, 3 left waist, 4 left side,
 * 5 left knee outer, 6-7 left hem (outer, inner), 8 left knee inner, 9 crotch, 10 right knee
 * inner, 11-12 right hem (inner, outer), 13 right knee outer, 14 right side; shorts the same
 * without knees; skirt 1 right waist, 2 left waist, 3 left side, 4 left hem, 5 front centre,
 * 6 right hem, 7 right side.
 */
import type { Point2 } from '../geometry/point.js';
import { frontOf } from './body-joints.js';
import type { DerivationJoints } from './body-joints.js';
import { cannotLocate, extremeBy } from './derivation-errors.js';
import { loopRegion } from './edge-regions.js';
import type { EdgeVertex } from './edge-regions.js';
import { covered, rowRuns, toPixel, toWorld } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';
import { rowExtremes } from './raster-sections.js';
import type { CrossSection } from './raster-sections.js';
import type { GarmentLandmarks } from './top-landmarks.js';

export interface Waistband {
  /** Height of the band's top edge, dm. */
  topY: number;
  right: Point2;
  left: Point2;
}

/** The waistband's top and ends (see the module doc). */
export function waistband(bottomEdges: readonly EdgeVertex[], j: DerivationJoints, model: string): Waistband {
  const hipY = Math.max(j.hip[0][1], j.hip[1][1]);
  const torsoEdges = bottomEdges.filter((e) => e.region === 'torso' || e.p[1] > hipY);
  if (torsoEdges.length === 0) throw cannotLocate(model, 'the waistband');
  const topY = Math.max(...torsoEdges.map((e) => e.p[1]));
  const band = torsoEdges.filter((e) => e.p[1] > topY - 0.25);
  const [right, left] = extremeBy(band, (e) => e.p[0], model);
  return { topY, right: frontOf(right.p), left: frontOf(left.p) };
}

export interface CentreLine {
  /** The lowest covered point of the run from the band down x = 0 (crotch or skirt hem). */
  end: Point2;
  /** The first front-facing covered point at x = 0 from 1 dm above the band down. */
  waistCentre: Point2;
}

/** Follows x = 0 down from the waistband (see the module doc). */
export function centreLine(bottom: FrontRaster, waistTopY: number): CentreLine {
  const [cx] = toPixel(bottom, [0, 0]);
  const [, bandRow] = toPixel(bottom, [0, waistTopY]);
  let row = Math.max(0, bandRow);
  while (row < bottom.height && !covered(bottom, cx, row)) row++;
  while (row + 1 < bottom.height && covered(bottom, cx, row + 1)) row++;
  let topRow = Math.max(0, bandRow - Math.round(bottom.pxPerDm));
  while (topRow < bottom.height && !(covered(bottom, cx, topRow) && bottom.front[topRow * bottom.width + cx])) topRow++;
  return { end: toWorld(bottom, cx, row), waistCentre: toWorld(bottom, cx, topRow) };
}

export interface LegHem extends CrossSection {
  /** The hem loop's lowest height, dm. */
  y: number;
}

/** Right and left leg hems: each leg's lowest open-edge loop, outer (away from x = 0) and inner ends. */
export function legHems(bottomLoops: readonly (readonly EdgeVertex[])[], model: string): [LegHem, LegHem] {
  const meanY = (loop: readonly EdgeVertex[]): number => loop.reduce((sum, e) => sum + e.p[1], 0) / loop.length;
  return [0, 1].map((s) => {
    const candidates = bottomLoops.filter((loop) => loopRegion(loop) === (s === 0 ? 'legR' : 'legL') && loop.length >= 6);
    if (candidates.length === 0) throw cannotLocate(model, 'a trouser leg end');
    const ring = candidates.reduce((best, loop) => (meanY(loop) < meanY(best) ? loop : best));
    const lowest = Math.min(...ring.map((e) => e.p[1]));
    const [lo, hi] = extremeBy(ring, (e) => e.p[0], model);
    return s === 0 ? { outer: frontOf(lo.p), inner: frontOf(hi.p), y: lowest } : { outer: frontOf(hi.p), inner: frontOf(lo.p), y: lowest };
  }) as [LegHem, LegHem];
}

/** Right and left knee sections: the ends of the leg's run in each knee joint's row. */
export function kneeSections(bottom: FrontRaster, j: DerivationJoints, model: string): [CrossSection, CrossSection] {
  return [0, 1].map((s) => {
    const [kx, ky] = toPixel(bottom, frontOf(j.knee[s]));
    const run = rowRuns(bottom, ky).find(([a, b]) => a <= kx && kx <= b);
    if (!run) throw cannotLocate(model, 'a knee');
    const [lo, hi] = [toWorld(bottom, run[0], ky), toWorld(bottom, run[1], ky)];
    return s === 0 ? { outer: lo, inner: hi } : { outer: hi, inner: lo };
  }) as [CrossSection, CrossSection];
}

/** The skirt's landmarks (category 9). */
function skirtLandmarks(bottom: FrontRaster, bottomEdges: readonly EdgeVertex[], band: Waistband, centre: CentreLine, lowestY: number, model: string): GarmentLandmarks {
  const hemRing = bottomEdges.filter((e) => e.p[1] < lowestY + 0.25);
  const [hemR, hemL] = extremeBy(hemRing, (e) => e.p[0], model);
  const [sideR, sideL] = rowExtremes(bottom, (band.topY + lowestY) / 2, model);
  return { category: 9, points: [band.right, band.left, sideL, frontOf(hemL.p), centre.end, frontOf(hemR.p), sideR] };
}

/** Trousers (8) or shorts (7): hems below or above the knees. */
function legLandmarks(bottom: FrontRaster, bottomLoops: readonly (readonly EdgeVertex[])[], band: Waistband, centre: CentreLine, j: DerivationJoints, model: string): GarmentLandmarks {
  const hems = legHems(bottomLoops, model);
  const crotch = centre.end;
  const outerHemY = Math.max(hems[0].outer[1], hems[1].outer[1]);
  const [sideR, sideL] = rowExtremes(bottom, Math.max(crotch[1], (band.topY + outerHemY) / 2), model);
  const kneeY = (j.knee[0][1] + j.knee[1][1]) / 2;
  const waist = [band.right, centre.waistCentre, band.left, sideL];
  if (!hems.every((h) => h.y < kneeY)) {
    return { category: 7, points: [...waist, hems[1].outer, hems[1].inner, crotch, hems[0].inner, hems[0].outer, sideR] };
  }
  const knee = kneeSections(bottom, j, model);
  const left = [knee[1].outer, hems[1].outer, hems[1].inner, knee[1].inner];
  const right = [knee[0].inner, hems[0].inner, hems[0].outer, knee[0].outer];
  return { category: 8, points: [...waist, ...left, crotch, ...right, sideR] };
}

/** The bottom's category (7 shorts, 8 trousers, 9 skirt) and landmarks in order (see the module doc). */
export function bottomLandmarks(bottom: FrontRaster, bottomLoops: readonly (readonly EdgeVertex[])[], j: DerivationJoints, model: string): GarmentLandmarks {
  const bottomEdges = bottomLoops.flat();
  const band = waistband(bottomEdges, j, model);
  const centre = centreLine(bottom, band.topY);
  const lowestY = Math.min(...bottomEdges.map((e) => e.p[1]));
  if (centre.end[1] < lowestY + 0.3) return skirtLandmarks(bottom, bottomEdges, band, centre, lowestY, model);
  return legLandmarks(bottom, bottomLoops, band, centre, j, model);
}
