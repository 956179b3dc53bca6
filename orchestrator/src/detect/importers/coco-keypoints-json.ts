/**
 * COCO person keypoint annotations (`person_keypoints_*.json`): `images` [{ id, file_name }],
 * `annotations` [{ image_id, category_id, bbox: [x, y, w, h], keypoints: [x1, y1, v1, ... x17,
 * y17, v17], iscrowd }], `categories` [{ id, name: "person" }]. People replace the detector for
 * their images. Visibility becomes a score: 2 (visible) 1, 1 (labelled but hidden) 0.5, 0 (not
 * labelled) 0. Crowd regions are skipped.
 */
import type { Keypoint } from '../coco-keypoints.js';
import { isFiniteNumber } from './image-annotations.js';
import type { AnnotatedPerson, AnnotationProblem, Annotations, ImageAnnotation } from './image-annotations.js';

const VISIBILITY_SCORE: Record<number, number> = { 0: 0, 1: 0.5, 2: 1 };

export function isCocoKeypoints(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { images?: unknown }).images) && Array.isArray((value as { annotations?: unknown }).annotations);
}

export function parseCocoKeypoints(value: unknown, source: string): Annotations {
  const problems: AnnotationProblem[] = [];
  const root = value as { images: unknown[]; annotations: unknown[]; categories?: unknown[] };
  const personIds = new Set<number>();
  for (const c of root.categories ?? []) {
    const category = c as { id?: unknown; name?: unknown };
    if (category.name === 'person' && isFiniteNumber(category.id)) personIds.add(category.id);
  }
  if (personIds.size === 0) personIds.add(1);
  const byId = new Map<number, ImageAnnotation>();
  const order: ImageAnnotation[] = [];
  root.images.forEach((raw, i) => {
    const image = raw as { id?: unknown; file_name?: unknown };
    if (!isFiniteNumber(image.id) || typeof image.file_name !== 'string' || image.file_name === '') {
      problems.push({ where: `${source}#images/${i}`, code: 'E_ANNOTATIONS_INVALID', message: `${source}#images/${i}: needs a numeric id and a file_name` });
      return;
    }
    const annotation: ImageAnnotation = { image: image.file_name, people: [], garments: [] };
    byId.set(image.id, annotation);
    order.push(annotation);
  });
  root.annotations.forEach((raw, i) => {
    const where = `${source}#annotations/${i}`;
    const a = raw as { image_id?: unknown; category_id?: unknown; bbox?: unknown; keypoints?: unknown; iscrowd?: unknown };
    if (a.iscrowd === 1 || (isFiniteNumber(a.category_id) && !personIds.has(a.category_id))) return;
    const target = isFiniteNumber(a.image_id) ? byId.get(a.image_id) : undefined;
    if (!target) {
      problems.push({ where, code: 'E_ANNOTATIONS_INVALID', message: `${where}: image_id ${JSON.stringify(a.image_id)} is not in "images"` });
      return;
    }
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(isFiniteNumber) || bbox[2] <= 0 || bbox[3] <= 0) {
      problems.push({ where, image: target.image, code: 'E_ANNOTATIONS_INVALID', message: `${where}: bbox must be [x, y, width, height] with a positive size` });
      return;
    }
    const person: AnnotatedPerson = { box: [bbox[0], bbox[1], bbox[0] + bbox[2], bbox[1] + bbox[3]], keypoints: [] };
    const flat = a.keypoints;
    if (Array.isArray(flat) && flat.length === 51 && flat.every(isFiniteNumber)) {
      const keypoints: Keypoint[] = [];
      for (let k = 0; k < 51; k += 3) keypoints.push([flat[k], flat[k + 1], VISIBILITY_SCORE[flat[k + 2]] ?? 0]);
      person.keypoints = keypoints;
    } else if (flat !== undefined) {
      problems.push({ where, image: target.image, code: 'E_ANNOTATIONS_INVALID', message: `${where}: keypoints must be 51 numbers (17 x [x, y, v]); the person is kept without them` });
    }
    target.people!.push(person);
  });
  return { format: 'coco-keypoints', source, images: order, problems };
}
