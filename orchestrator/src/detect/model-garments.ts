/**
 * Garments from a user's garment models (detect/models/garment-models.ts): the detector's
 * garments on the person, one outfit chosen from them, and each chosen garment's landmarks
 * mapped to the ClonedPerson scheme. Categories outside the scheme (outerwear, slings, long-
 * sleeve and sling dresses) are passed over, as the authors' pipeline does. The outfit is the
 * best dress when it scores at least as well as the best top and bottom, else the best top and
 * the best bottom. Landmark lists already of the scheme's count are taken as they are; full
 * DeepFashion2 sets are mapped (importers/deepfashion2-landmarks.ts).
 */
import type { DetectedGarment } from '../contracts/detections.js';
import { CLONEDPERSON_LANDMARK_COUNTS, garmentRole } from '../contracts/garment-categories.js';
import type { RawImage } from '../imaging/raw-image.js';
import { toClonedPersonLandmarks } from './importers/deepfashion2-landmarks.js';
import type { GarmentDetection, GarmentModels } from './models/garment-models.js';

/** The outfit among a detector's garments (see the module doc). */
export function chooseOutfit(found: readonly GarmentDetection[]): GarmentDetection[] {
  const inScheme = found.filter((g) => CLONEDPERSON_LANDMARK_COUNTS[g.category] !== undefined);
  const best = (role: 'top' | 'bottom' | 'dress'): GarmentDetection | undefined =>
    inScheme.filter((g) => garmentRole(g.category) === role).reduce<GarmentDetection | undefined>((a, g) => (a === undefined || g.score > a.score ? g : a), undefined);
  const dress = best('dress');
  const top = best('top');
  const bottom = best('bottom');
  if (dress && dress.score >= Math.max(top?.score ?? 0, bottom?.score ?? 0)) return [dress];
  return [top, bottom].filter((g): g is GarmentDetection => g !== undefined);
}

/** The person's garments from the garment models (source `model`), with notes on garments that could not be used. */
export async function modelGarments(models: GarmentModels, photo: RawImage, box: [number, number, number, number]): Promise<{ garments: DetectedGarment[]; notes: string[] }> {
  const notes: string[] = [];
  const garments: DetectedGarment[] = [];
  for (const garment of chooseOutfit(await models.detect(photo, box))) {
    const points = await models.landmarks(photo, { category: garment.category, box: garment.box });
    const landmarks = points.length === CLONEDPERSON_LANDMARK_COUNTS[garment.category] ? points : toClonedPersonLandmarks(garment.category, points);
    if (!landmarks) {
      notes.push(`the garment model gave ${points.length} landmarks for category ${garment.category}, which is neither the ClonedPerson nor the DeepFashion2 count`);
      continue;
    }
    garments.push({ category: garment.category, landmarks, source: 'model', score: Math.min(1, Math.max(0, garment.score)) });
  }
  return { garments, notes };
}
