/**
 * DeepFashion2 annotations: one JSON object per image, `{ "source", "pair_id", "item1": {
 * "category_id", "bounding_box": [x1, y1, x2, y2], "landmarks": [x1, y1, v1, ...], ... },
 * "item2": ... }` (DeepFashion2's `annos/000001.json` for `image/000001.jpg`), given as a
 * folder of such files or as one JSON object mapping image paths to them. Landmarks with
 * visibility 0 are unlabelled. A landmark list may be DeepFashion2's full set for the category
 * (mapped by deepfashion2-landmarks.ts) or already the ClonedPerson set (the authors' reduced
 * models predict those); categories outside the scheme are skipped with a problem noted.
 */
import { CLONEDPERSON_LANDMARK_COUNTS, isGarmentCategory } from '../../contracts/garment-categories.js';
import { ClonedPersonError } from '../../shared/errors.js';
import { deepFashion2Count, toClonedPersonLandmarks } from './deepfashion2-landmarks.js';
import { isFiniteNumber } from './image-annotations.js';
import type { AnnotatedGarment, AnnotationProblem, BoxPx, ImageAnnotation } from './image-annotations.js';

function bad(where: string, message: string, code: 'E_ANNOTATIONS_INVALID' | 'E_BAD_LANDMARKS' | 'E_UNKNOWN_CATEGORY' = 'E_ANNOTATIONS_INVALID'): never {
  throw new ClonedPersonError(code, `${where}: ${message}`, { details: { where } });
}

function parseItem(item: Record<string, unknown>, where: string): AnnotatedGarment {
  const category = item.category_id;
  if (!isGarmentCategory(category)) bad(where, `category_id ${JSON.stringify(category)} is not a DeepFashion2 category (1-13)`, 'E_UNKNOWN_CATEGORY');
  const schemeCount = CLONEDPERSON_LANDMARK_COUNTS[category];
  if (schemeCount === undefined) bad(where, `category ${category} has no ClonedPerson landmark scheme (the scheme covers 1, 2, 5, 7, 8, 9, 10, 12)`, 'E_UNKNOWN_CATEGORY');
  const flat = item.landmarks;
  if (!Array.isArray(flat) || flat.length % 3 !== 0 || !flat.every(isFiniteNumber)) bad(where, 'landmarks must be [x1, y1, v1, x2, y2, v2, ...]', 'E_BAD_LANDMARKS');
  const points: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 3) {
    if (flat[i + 2] === 0) bad(where, `landmark ${i / 3 + 1} is not labelled (visibility 0)`, 'E_BAD_LANDMARKS');
    points.push([flat[i], flat[i + 1]]);
  }
  let landmarks: [number, number][] | undefined;
  if (points.length === schemeCount) landmarks = points;
  else landmarks = toClonedPersonLandmarks(category, points);
  if (!landmarks) {
    bad(where, `category ${category} needs ${schemeCount} (ClonedPerson) or ${deepFashion2Count(category)} (DeepFashion2) landmarks, got ${points.length}`, 'E_BAD_LANDMARKS');
  }
  const garment: AnnotatedGarment = { category: category, landmarks, where };
  const box = item.bounding_box;
  if (Array.isArray(box) && box.length === 4 && box.every(isFiniteNumber) && box[2] > box[0] && box[3] > box[1]) garment.box = box as BoxPx;
  return garment;
}

/** One image's DeepFashion2 annotation object; bad items become problems. */
export function parseDeepFashion2Image(value: unknown, image: string, where: string): { annotation: ImageAnnotation; problems: AnnotationProblem[] } {
  const problems: AnnotationProblem[] = [];
  const garments: AnnotatedGarment[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ where, image, code: 'E_ANNOTATIONS_INVALID', message: `${where}: expected a DeepFashion2 annotation object` });
    return { annotation: { image, garments }, problems };
  }
  const items = Object.keys(value).filter((key) => /^item\d+$/.test(key)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  for (const key of items) {
    const item = (value as Record<string, unknown>)[key];
    const at = `${where}#${key}`;
    try {
      if (typeof item !== 'object' || item === null) bad(at, 'expected an object');
      garments.push(parseItem(item as Record<string, unknown>, at));
    } catch (error) {
      const e = error as ClonedPersonError;
      problems.push({ where: at, image, code: e.code, message: e.message });
    }
  }
  return { annotation: { image, garments }, problems };
}

/** Whether a parsed JSON value looks like one DeepFashion2 image annotation. */
export function isDeepFashion2Image(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((key) => /^item\d+$/.test(key));
}
