/**
 * Step 4b of the derivation: the template's parts (the homography polygons, as in the authors'
 * catalogue) and their UV keypoints. Per category, the parts name landmarks (1-based):
 * short-sleeve top torso [1 2 3 4 5 8 10 11 13] and sleeves [5 6 7 8], [13 14 15 1]; long-sleeve
 * top torso [1 2 3 4 5 10 12 13 15], upper and lower sleeves [10 5 6 9], [9 6 7 8], [1 15 16 19],
 * [19 16 17 18]; trousers legs [1 2 9 10 11 12 13 14], [2 3 4 5 6 7 8 9]; shorts [1 2 7 8 9 10],
 * [2 3 4 5 6 7]; skirt [1 8 2 3 4 5 6 7] (8 = derived waist centre).
 *
 * Each part's landmarks take their UV from the part's own UV region (uv-lookup.ts), so a
 * landmark on a seam (a shoulder between torso and sleeve) gets one UV keypoint per island it
 * borders; parts that share a landmark on the same side of every seam share the keypoint. A
 * long-sleeve torso whose front is split in UV is mapped as two halves. Keypoints are on a
 * `canvasPx` square canvas, x = u canvasPx, y = (1 - v) canvasPx, rounded to 0.1 px.
 */
import type { Point2 } from '../geometry/point.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { Point, TemplatePart } from '../contracts/garment-template.js';
import type { FrontRaster } from './front-raster.js';
import { dominantIsland, nearestUv, partPixels, uvRegions } from './uv-lookup.js';

/** Landmarks per category, 1-based, in the ClonedPerson scheme (see the module doc). */
export const TEMPLATE_PARTS: Readonly<Partial<Record<GarmentCategory, number[][]>>> = {
  1: [
    [1, 2, 3, 4, 5, 8, 10, 11, 13],
    [5, 6, 7, 8],
    [13, 14, 15, 1],
  ],
  2: [
    [1, 2, 3, 4, 5, 10, 12, 13, 15],
    [10, 5, 6, 9],
    [9, 6, 7, 8],
    [1, 15, 16, 19],
    [19, 16, 17, 18],
  ],
  7: [
    [1, 2, 7, 8, 9, 10],
    [2, 3, 4, 5, 6, 7],
  ],
  8: [
    [1, 2, 9, 10, 11, 12, 13, 14],
    [2, 3, 4, 5, 6, 7, 8, 9],
  ],
  9: [[1, 8, 2, 3, 4, 5, 6, 7]],
};

/** The two halves of a long-sleeve top's torso, split at the neck centre (3) and the derived hem centre (20). */
export const LONG_SLEEVE_TORSO_HALVES = [
  [1, 2, 3, 20, 13, 15],
  [3, 4, 5, 10, 12, 20],
];

/** One garment of the suit as the parts step sees it. */
export interface PieceLandmarks {
  raster: FrontRaster;
  /** Front-view landmarks, derived midpoints included. */
  points: Point2[];
  category: GarmentCategory;
}

export interface KeypointSource {
  garment: 0 | 1;
  landmark: number;
  island: number;
}

export interface TemplateParts {
  uvKeypoints: Point[];
  /** Per UV keypoint (same order): which landmark and island it came from. */
  keypointSources: KeypointSource[];
  parts: TemplatePart[];
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Parts and UV keypoints of a top and a bottom (see the module doc); problems go to `notes`. */
export function templateParts(pieces: readonly [PieceLandmarks, PieceLandmarks], canvasPx: number, notes: string[]): TemplateParts {
  const out: TemplateParts = { uvKeypoints: [], keypointSources: [], parts: [] };
  const keypointIndex = new Map<string, number>();
  const keypoint = (garment: 0 | 1, landmark: number, island: number, point: Point): number => {
    const key = `${garment}:${landmark}:${point[0]}:${point[1]}`;
    let index = keypointIndex.get(key);
    if (index === undefined) {
      out.uvKeypoints.push(point);
      out.keypointSources.push({ garment, landmark, island });
      index = out.uvKeypoints.length;
      keypointIndex.set(key, index);
    }
    return index;
  };
  pieces.forEach(({ raster, points, category }, index) => {
    const garment = index as 0 | 1;
    const polygons = [...(TEMPLATE_PARTS[category] ?? [])];
    for (let p = 0; p < polygons.length; p++) {
      const polygon = polygons[p];
      const { island, share } = dominantIsland(raster, polygon.map((i) => points[i - 1]));
      if (island < 0) {
        notes.push(`part [${polygon.join(' ')}] of garment ${garment} covers no UV island; skipped`);
        continue;
      }
      const regions = uvRegions(raster, partPixels(raster, polygon.map((i) => points[i - 1]), island));
      if ((regions.secondShare > 0.15 || share < 0.75) && category === 2 && p === 0) {
        notes.push(`the torso's front is split in UV (seam or separate islands); mapped as two halves`);
        polygons.splice(p + 1, 0, ...LONG_SLEEVE_TORSO_HALVES);
        continue;
      }
      if (regions.secondShare > 0.15 || share < 0.5) {
        notes.push(`part [${polygon.join(' ')}] of garment ${garment} crosses a UV seam (${Math.round(100 * share)}% on one island); its mapping will be distorted`);
      }
      const uv = polygon.map((landmark) => {
        const [u, v] = nearestUv(raster, points[landmark - 1], regions.main.length > 0 ? regions.main : undefined, island);
        return keypoint(garment, landmark, island, [round1(u * canvasPx), round1((1 - v) * canvasPx)]);
      });
      out.parts.push({ garment, landmarks: polygon, uv });
    }
  });
  return out;
}
