/**
 * One photo through the detect stage: people (the detector, or an annotation's), each one's
 * keypoints re-estimated on its crop and its mask, the view qualification, then the garments:
 * an annotation's (source `annotation`) or a garment model's (`model`) when there are any for
 * that person, else the estimate (`estimated`) for qualified people. A qualified person whose
 * garments cannot be placed is rejected with `garments-unknown`, so every qualified line can
 * be cloned. People too small to qualify skip the crop models (their lines keep the
 * detector's keypoints). Pure apart from the model calls it is given.
 */
import type { DetectedGarment, DetectionLine } from '../contracts/detections.js';
import type { RawImage } from '../imaging/raw-image.js';
import { toClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { assignGarments } from './assign-garments.js';
import type { Keypoint } from './coco-keypoints.js';
import { GARMENT_ESTIMATE_DEFAULTS, estimateGarments } from './estimate-garments.js';
import type { GarmentEstimateOptions } from './estimate-garments.js';
import type { ImageAnnotation } from './importers/image-annotations.js';
import { modelGarments } from './model-garments.js';
import type { GarmentModels } from './models/garment-models.js';
import type { PersonModels } from './models/person-models.js';
import { PersonSilhouette } from './person-silhouette.js';
import type { RejectionReason } from './rejection-reasons.js';
import { QUALIFICATION_DEFAULTS, qualifyView } from './view-qualification.js';
import type { PersonView, QualificationOptions } from './view-qualification.js';

export type BoxPx = [number, number, number, number];

export interface DetectPhotoOptions {
  qualification: QualificationOptions;
  estimate: GarmentEstimateOptions;
}

export const DETECT_PHOTO_DEFAULTS: Readonly<DetectPhotoOptions> = { qualification: QUALIFICATION_DEFAULTS, estimate: GARMENT_ESTIMATE_DEFAULTS };

/** A detection line before it knows its photo's path and crop file. */
export type PersonDetection = Omit<DetectionLine, 'image' | 'crop'>;

export interface PhotoDetections {
  people: PersonDetection[];
  /** Messages about garments that fell on no person, estimates that failed, and such. */
  notes: string[];
}

export interface DetectPhotoInputs {
  /** RGB photo as displayed (EXIF rotation applied). */
  photo: RawImage;
  models?: PersonModels;
  garmentModels?: GarmentModels;
  annotation?: ImageAnnotation;
  logger?: Logger;
}

function clipBox(box: readonly number[], photo: RawImage): BoxPx {
  return [Math.max(0, box[0]), Math.max(0, box[1]), Math.min(photo.width, box[2]), Math.min(photo.height, box[3])];
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function roundedKeypoints(keypoints: readonly Keypoint[]): [number, number, number][] {
  return keypoints.map(([x, y, s]) => [round(x), round(y), round(Math.min(1, Math.max(0, s)), 3)]);
}

interface Candidate {
  box: BoxPx;
  score?: number;
  keypoints: Keypoint[];
}

async function candidatesOf(inputs: DetectPhotoInputs): Promise<Candidate[]> {
  const { photo, models, annotation } = inputs;
  if (annotation?.people) return annotation.people.map((p) => ({ box: clipBox(p.box, photo), keypoints: p.keypoints }));
  if (!models) return [];
  const found = await models.detect(photo);
  return found.map((c) => ({ box: clipBox(c.box, photo), score: c.score, keypoints: c.keypoints }));
}

/** Detects, qualifies and dresses the people of one photo (see the module doc). */
export async function detectPhoto(inputs: DetectPhotoInputs, options: DetectPhotoOptions = DETECT_PHOTO_DEFAULTS): Promise<PhotoDetections> {
  const { photo, models, garmentModels, annotation } = inputs;
  const logger = inputs.logger ?? silentLogger;
  const notes: string[] = [];
  const q = options.qualification;
  const candidates = (await candidatesOf(inputs)).filter((c) => c.box[2] > c.box[0] && c.box[3] > c.box[1]);

  // the crop models only for people tall enough to qualify
  const views: PersonView[] = [];
  for (const candidate of candidates) {
    const view: { box: BoxPx; keypoints: Keypoint[]; silhouette?: PersonSilhouette } = { box: candidate.box, keypoints: candidate.keypoints };
    if (models && candidate.box[3] - candidate.box[1] >= q.minHeightPx) {
      if (!annotation?.people || candidate.keypoints.length !== 17) view.keypoints = await models.refinePose(photo, candidate.box);
      view.silhouette = new PersonSilhouette(await models.segment(photo, candidate.box));
    }
    views.push(view);
  }

  const annotated = annotation?.garments ?? [];
  const owners = assignGarments(views.map((v) => v.box), annotated);
  owners.forEach((owner, i) => {
    if (owner < 0) notes.push(`${annotated[i].where}: the ${annotated[i].category} garment lies on no detected person`);
  });

  const people: PersonDetection[] = [];
  for (const [index, view] of views.entries()) {
    const rejections: RejectionReason[] = qualifyView(view, { widthPx: photo.width, heightPx: photo.height }, views, q);
    let garments: DetectedGarment[] = annotated.filter((_, i) => owners[i] === index).map((g) => ({ category: g.category, landmarks: g.landmarks, source: 'annotation' as const }));
    if (garments.length === 0 && garmentModels) {
      const found = await modelGarments(garmentModels, photo, [...view.box]);
      garments = found.garments;
      notes.push(...found.notes.map((note) => `person ${index + 1}: ${note}`));
    }
    if (garments.length === 0 && rejections.length === 0) {
      try {
        garments = estimateGarments(photo, view.keypoints, view.silhouette, options.estimate).garments;
      } catch (error) {
        const e = toClonedPersonError(error);
        notes.push(`person ${index + 1}: the garment estimate failed: ${e.message}`);
        logger.debug(`detect: person ${index + 1}: garment estimate failed: ${e.message}`);
      }
      if (garments.length === 0) rejections.push('garments-unknown');
    }
    const candidate = candidates[index];
    people.push({
      box: view.box.map((v) => round(v)) as BoxPx,
      ...(candidate.score === undefined ? {} : { score: round(Math.min(1, Math.max(0, candidate.score)), 3) }),
      keypoints: roundedKeypoints(view.keypoints),
      qualified: rejections.length === 0,
      rejections,
      garments: garments.map((g) => ({ ...g, landmarks: g.landmarks.map(([x, y]) => [round(x), round(y)] as [number, number]) })),
    });
  }
  return { people, notes };
}
