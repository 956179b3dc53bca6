/**
 * Between landmark finding and the parts: forced categories must match the derived ones, hand
 * corrections replace front-view landmarks (`<garment>:<index>`, 1-based), and the derived
 * midpoints are appended like garment-categories.ts does (a long-sleeve top's hem centre 20
 * between 12 and 13; a skirt's waist centre 8 between 1 and 2).
 */
import type { Point2 } from '../geometry/point.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { GarmentLandmarks } from './top-landmarks.js';

export interface SuitLandmarks {
  categories: [GarmentCategory, GarmentCategory];
  /** Landmarks of the top and the bottom, corrected, derived midpoints appended. */
  top: Point2[];
  bottom: Point2[];
}

function midpoint(a: Point2, b: Point2): Point2 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/** Applies the checks, corrections and midpoints above; what was corrected goes to `notes`. */
export function correctLandmarks(
  model: string,
  derived: [GarmentLandmarks, GarmentLandmarks],
  forced: [GarmentCategory, GarmentCategory] | undefined,
  overrides: Record<string, Point2>,
  notes: string[],
): SuitLandmarks {
  const [topCategory, bottomCategory] = [derived[0].category, derived[1].category];
  if (forced && (forced[0] !== topCategory || forced[1] !== bottomCategory)) {
    notes.push(`categories forced to [${forced.join(', ')}], derived [${topCategory}, ${bottomCategory}]`);
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${model}: landmarks were derived for [${topCategory}, ${bottomCategory}], not [${forced.join(', ')}]`);
  }
  const top = derived[0].points.map((p): Point2 => [p[0], p[1]]);
  const bottom = derived[1].points.map((p): Point2 => [p[0], p[1]]);
  for (const [key, at] of Object.entries(overrides)) {
    const [garment, index] = key.split(':').map(Number);
    const list = garment === 0 ? top : garment === 1 ? bottom : undefined;
    if (!list || !Number.isInteger(index) || index < 1 || index > list.length) {
      throw new ClonedPersonError('E_ARGUMENT', `characters: ${model}: landmark correction ${key} names no landmark (garment 0 has ${top.length}, 1 has ${bottom.length})`);
    }
    list[index - 1] = [at[0], at[1]];
    notes.push(`landmark ${key} corrected by hand to [${at[0]}, ${at[1]}]`);
  }
  if (topCategory === 2) top.push(midpoint(top[11], top[12]));
  if (bottomCategory === 9) bottom.push(midpoint(bottom[0], bottom[1]));
  return { categories: [topCategory, bottomCategory], top, bottom };
}
