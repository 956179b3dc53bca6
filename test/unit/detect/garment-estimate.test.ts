import { describe, expect, it } from '@jest/globals';
import { CLONEDPERSON_LANDMARK_COUNTS, garmentRole } from '../../../orchestrator/src/contracts/garment-categories.js';
import type { GarmentCategory } from '../../../orchestrator/src/contracts/garment-categories.js';
import { estimateGarments } from '../../../orchestrator/src/detect/estimate-garments.js';
import { placeLandmarks } from '../../../orchestrator/src/detect/landmark-placement.js';
import { PhotoSampler } from '../../../orchestrator/src/detect/photo-sampler.js';
import { PersonSilhouette } from '../../../orchestrator/src/detect/person-silhouette.js';
import { forEachPolygonSpan } from '../../../orchestrator/src/geometry/polygon.js';
import { drawSyntheticPhoto } from '../../helpers/synthetic-person.js';
import type { SyntheticPersonSpec } from '../../helpers/synthetic-person.js';

const estimates = new Map<string, ReturnType<typeof estimateUncached>>();

function estimateUncached(spec: Omit<SyntheticPersonSpec, 'centreX' | 'topY' | 'heightPx'>) {
  const synth = drawSyntheticPhoto(200, 340, [{ centreX: 100, topY: 15, heightPx: 310, ...spec }]);
  const [person] = synth.people;
  const result = estimateGarments(synth.photo, person.keypoints, new PersonSilhouette(synth.masks[0]));
  return { synth, person, result };
}

/** The estimate for a figure wearing `spec` (each figure drawn once per file). */
function estimate(spec: Omit<SyntheticPersonSpec, 'centreX' | 'topY' | 'heightPx'>): ReturnType<typeof estimateUncached> {
  const key = JSON.stringify(spec);
  if (!estimates.has(key)) estimates.set(key, estimateUncached(spec));
  return estimates.get(key)!;
}

/** Share of the polygon's pixels on `pixels` (row-major mask of the photo). */
function shareOn(landmarks: readonly (readonly [number, number])[], pixels: Uint8Array, widthPx: number, heightPx: number): number {
  let inside = 0;
  let on = 0;
  forEachPolygonSpan(landmarks, widthPx, heightPx, (y, x0, x1) => {
    for (let x = x0; x < x1; x++) {
      inside++;
      on += pixels[y * widthPx + x];
    }
  });
  return inside === 0 ? 0 : on / inside;
}

const CASES: [string, Omit<SyntheticPersonSpec, 'centreX' | 'topY' | 'heightPx'>, GarmentCategory[]][] = [
  ['long sleeves and trousers', { sleeves: 'long', bottom: 'trousers', legsApart: true }, [2, 8]],
  ['long sleeves and trousers on legs together', { sleeves: 'long', bottom: 'trousers' }, [2, 8]],
  ['short sleeves and shorts', { sleeves: 'short', bottom: 'shorts', legsApart: true }, [1, 7]],
  ['short sleeves and a skirt', { sleeves: 'short', bottom: 'skirt', bottomColour: [150, 20, 30] }, [1, 9]],
  ['a sleeveless top and a skirt', { sleeves: 'none', bottom: 'skirt' }, [5, 9]],
  ['a short-sleeve dress', { sleeves: 'short', bottom: 'dress', topColour: [180, 30, 60] }, [10]],
  ['a sleeveless dress', { sleeves: 'none', bottom: 'dress', topColour: [30, 120, 60] }, [12]],
  ['a black top over black trousers', { sleeves: 'long', bottom: 'trousers', legsApart: true, topColour: [25, 25, 28], bottomColour: [25, 25, 28] }, [2, 8]],
];

describe('estimateGarments', () => {
  it.each(CASES)('tells %s', (_, spec, categories) => {
    const { result } = estimate(spec);
    expect(result.garments.map((g) => g.category)).toEqual(categories);
    expect(result.garments.every((g) => g.source === 'estimated')).toBe(true);
  });

  it.each(CASES)('places the scheme\'s landmarks on the garment for %s', (_, spec) => {
    const { synth, result } = estimate(spec);
    const [person] = synth.people;
    for (const garment of result.garments) {
      expect(garment.landmarks).toHaveLength(CLONEDPERSON_LANDMARK_COUNTS[garment.category]!);
      const pixels = garmentRole(garment.category) === 'bottom' ? person.bottomPixels : person.topPixels;
      expect(shareOn(garment.landmarks, pixels, synth.photo.width, synth.photo.height)).toBeGreaterThan(0.9);
    }
  });

  it('draws the scheme for a person facing the camera: the subject\'s right on the image\'s left', () => {
    const { result } = estimate({ sleeves: 'long', bottom: 'trousers', legsApart: true });
    const [top, bottom] = result.garments;
    // top: 1 right shoulder, 5 left shoulder, 3 neck centre below the neck sides, 12/13 hems below 11/14 waists
    expect(top.landmarks[0][0]).toBeLessThan(top.landmarks[4][0]);
    expect(top.landmarks[2][1]).toBeGreaterThan(Math.max(top.landmarks[1][1], top.landmarks[3][1]));
    expect(top.landmarks[11][1]).toBeGreaterThan(top.landmarks[10][1]);
    // trousers: 1 right waist left of 3 left waist, 9 crotch below the waist centre 2, hems (6, 12) at the bottom
    expect(bottom.landmarks[0][0]).toBeLessThan(bottom.landmarks[2][0]);
    expect(bottom.landmarks[8][1]).toBeGreaterThan(bottom.landmarks[1][1]);
    expect(Math.min(bottom.landmarks[5][1], bottom.landmarks[11][1])).toBeGreaterThan(bottom.landmarks[4][1]);
  });

  it('reports where the garments end', () => {
    const { result } = estimate({ sleeves: 'short', bottom: 'shorts', legsApart: true });
    expect(result.outfit.sleeves.kind).toBe('short');
    expect(result.outfit.legs).toBe('apart');
    // the synthetic shorts end halfway down the thighs (z = 1.5), trousers at the ankles
    expect(Math.max(...result.outfit.bottomHemZ!)).toBeGreaterThan(1.35);
    expect(Math.max(...result.outfit.bottomHemZ!)).toBeLessThan(1.7);
    expect(Math.max(...estimate({ sleeves: 'long', bottom: 'trousers', legsApart: true }).result.outfit.bottomHemZ!)).toBeGreaterThan(2.8);
  });

  it('keeps the trousers outline in order under a long top (waistband at the hips and below)', () => {
    const { synth, result } = estimate({ sleeves: 'long', bottom: 'trousers', legsApart: true });
    const sampler = new PhotoSampler(synth.photo, new PersonSilhouette(synth.masks[0]));
    for (const bottomStartZ of [1.2, 1.35, 1.5]) {
      const [, trousers] = placeLandmarks(sampler, { ...result.outfit, bottomStartZ });
      const [waistR, waistC, waistL, sideL, , , , , crotch, , , , , sideR] = trousers.landmarks;
      // 9 crotch below 2 waist centre (the legs part just below it here); 4 and 14 sides clearly below 3 and 1 waists (310 px figure)
      expect(crotch[1]).toBeGreaterThan(waistC[1] + 1);
      expect(sideL[1]).toBeGreaterThan(waistL[1] + 6);
      expect(sideR[1]).toBeGreaterThan(waistR[1] + 6);
    }
  });

  it('keeps a short sleeve\'s cuff above the elbow when one arm reads as covered to the wrist', () => {
    const { synth, result, person } = estimate({ sleeves: 'short', bottom: 'shorts', legsApart: true });
    const sampler = new PhotoSampler(synth.photo, new PersonSilhouette(synth.masks[0]));
    const outfit = { ...result.outfit, sleeves: { ...result.outfit.sleeves, ends: [1.95, 0.6] as [number, number] } };
    const [top] = placeLandmarks(sampler, outfit);
    expect(top.category).toBe(1);
    // 14, 15: the subject's right cuff (keypoint 8 is the right elbow)
    const elbowY = person.keypoints[8][1];
    expect(Math.max(top.landmarks[13][1], top.landmarks[14][1])).toBeLessThan(elbowY + 3);
  });

  it('keeps landmarks inside the photo', () => {
    const synth = drawSyntheticPhoto(200, 340, [{ centreX: 25, topY: 15, heightPx: 310, sleeves: 'long', bottom: 'trousers', legsApart: true }]);
    const { garments } = estimateGarments(synth.photo, synth.people[0].keypoints, new PersonSilhouette(synth.masks[0]));
    for (const g of garments) for (const [x, y] of g.landmarks) expect(x >= 0 && y >= 0 && x <= 199 && y <= 339).toBe(true);
  });
});
