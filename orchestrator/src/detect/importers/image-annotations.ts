/**
 * Annotations users already have, as the detect stage uses them: per image, people (boxes and
 * keypoints, which replace the person detector) and garments (category and ClonedPerson
 * landmarks, which replace the estimate for the person they fall on, with source
 * `annotation`). The importers (DeepFashion2 JSON, COCO person keypoints, the authors' CSV)
 * parse into this; a malformed record becomes a problem with a code and the rest still load.
 */
import type { GarmentCategory } from '../../contracts/garment-categories.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { Keypoint } from '../coco-keypoints.js';

export type BoxPx = [number, number, number, number];

export interface AnnotatedPerson {
  box: BoxPx;
  /** 17 COCO keypoints (image pixels, score 0..1), or none. */
  keypoints: Keypoint[];
}

export interface AnnotatedGarment {
  category: GarmentCategory;
  /** ClonedPerson scheme, image pixels. */
  landmarks: [number, number][];
  box?: BoxPx;
  /** `file:line` or `file#item` of the record, for messages. */
  where: string;
}

export interface ImageAnnotation {
  /** The image as the annotation names it (a path relative to --images, or a bare file name). */
  image: string;
  /** People, when the source gives them (COCO); otherwise the detector finds them. */
  people?: AnnotatedPerson[];
  garments: AnnotatedGarment[];
}

export interface AnnotationProblem {
  where: string;
  image?: string;
  code: ErrorCode;
  message: string;
}

export interface Annotations {
  format: 'deepfashion2' | 'coco-keypoints' | 'authors-csv';
  /** Source file or folder, for messages and summaries. */
  source: string;
  images: ImageAnnotation[];
  problems: AnnotationProblem[];
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Merges annotations of the same image (the authors' CSV lists one garment per row). */
export function groupByImage(records: readonly ImageAnnotation[]): ImageAnnotation[] {
  const byImage = new Map<string, ImageAnnotation>();
  for (const record of records) {
    const existing = byImage.get(record.image);
    if (!existing) {
      byImage.set(record.image, { image: record.image, ...(record.people ? { people: [...record.people] } : {}), garments: [...record.garments] });
      continue;
    }
    if (record.people) existing.people = [...(existing.people ?? []), ...record.people];
    existing.garments.push(...record.garments);
  }
  return [...byImage.values()];
}
