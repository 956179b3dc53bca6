/**
 * The garment estimate for one person, without a garment model: the outfit (outfit-estimate.ts)
 * and its landmarks (landmark-placement.ts), as detection garments with source `estimated`.
 * Landmarks are clamped into the photo (the clone stage refuses points outside it). Pure.
 */
import type { DetectedGarment } from '../contracts/detections.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { Keypoint } from './coco-keypoints.js';
import { PLACEMENT_DEFAULTS, placeLandmarks } from './landmark-placement.js';
import type { PlacementOptions } from './landmark-placement.js';
import { OUTFIT_ESTIMATE_DEFAULTS, estimateOutfit } from './outfit-estimate.js';
import type { OutfitEstimate, OutfitEstimateOptions } from './outfit-estimate.js';
import type { PersonSilhouette } from './person-silhouette.js';
import { PhotoSampler } from './photo-sampler.js';

export type GarmentEstimateOptions = OutfitEstimateOptions & PlacementOptions;

export const GARMENT_ESTIMATE_DEFAULTS: Readonly<GarmentEstimateOptions> = { ...OUTFIT_ESTIMATE_DEFAULTS, ...PLACEMENT_DEFAULTS };

export interface GarmentEstimate {
  garments: DetectedGarment[];
  outfit: OutfitEstimate;
}

/** Estimated garments of the person with these keypoints (17, COCO) and silhouette on `photo` (RGB). */
export function estimateGarments(photo: RawImage, keypoints: readonly Keypoint[], silhouette: PersonSilhouette | undefined, options: GarmentEstimateOptions = GARMENT_ESTIMATE_DEFAULTS): GarmentEstimate {
  const sampler = new PhotoSampler(photo, silhouette);
  const outfit = estimateOutfit(sampler, keypoints, options);
  const maxX = photo.width - 1;
  const maxY = photo.height - 1;
  const garments = placeLandmarks(sampler, outfit, options).map(({ category, landmarks }) => ({
    category,
    landmarks: landmarks.map(([x, y]) => [Math.min(maxX, Math.max(0, x)), Math.min(maxY, Math.max(0, y))] as [number, number]),
    source: 'estimated' as const,
  }));
  return { garments, outfit };
}
