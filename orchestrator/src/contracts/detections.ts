/**
 * Contract: `detections.jsonl`, one line per person found in a photo. Producer: detect (or an
 * importer of existing annotations). Consumers: cluster (the person images and boxes), clone
 * (the garments of the qualified lines), run.
 *
 * Coordinates are image pixels of the photo as displayed (EXIF orientation applied); keypoints
 * are COCO-17 [x, y, score]; garment landmarks follow the ClonedPerson scheme of their category
 * (garment-categories.ts).
 *
 * One outfit per photo (outfit-id.ts): readers take one qualified person per photo, the one
 * with the largest box ({@link qualifiedPeople}), so clone and cluster agree on who it is.
 */
import { defineJsonlContract } from './contract.js';
import type { GarmentCategory } from './garment-categories.js';
import type { ImageBoxPx } from './selection.js';

export const DETECTIONS_FILE = 'detections.jsonl';

/** A garment found on a person. */
export interface DetectedGarment {
  category: GarmentCategory;
  /** Landmarks in image pixels, in the ClonedPerson scheme for the category. */
  landmarks: [number, number][];
  /** `estimated` from pose, mask and colour; `model` from a garment model; `annotation` imported. */
  source: 'estimated' | 'model' | 'annotation';
  /**
   * Confidence 0..1, when the source gives one.
   * @minimum 0
   * @maximum 1
   */
  score?: number;
}

export interface DetectionLine {
  /**
   * The photo, relative to the images folder.
   * @minLength 1
   */
  image: string;
  box: ImageBoxPx;
  /**
   * Detector confidence 0..1.
   * @minimum 0
   * @maximum 1
   */
  score?: number;
  /** COCO-17 [x, y, score], image pixels. */
  keypoints: [number, number, number][];
  qualified: boolean;
  /** Reason codes (empty when qualified). */
  rejections: string[];
  garments: DetectedGarment[];
  /** The saved person crop, relative to the detect output folder. */
  crop?: string;
}

export const DETECTION_LINE_CONTRACT = defineJsonlContract<DetectionLine>({
  type: 'DetectionLine',
  formatVersion: 1,
  errorCode: 'E_DETECTIONS_INVALID',
  check(line, fail) {
    const [x1, y1, x2, y2] = line.box;
    if (!(x2 > x1 && y2 > y1)) fail('/box', `[${line.box.join(', ')}] is empty or inverted`);
    if (line.keypoints.length !== 0 && line.keypoints.length !== 17) fail('/keypoints', `expected 17 COCO keypoints or none, got ${line.keypoints.length}`);
    if (line.qualified !== (line.rejections.length === 0)) fail('/rejections', line.qualified ? 'a qualified person has no rejections' : 'an unqualified person names at least one rejection');
  },
});

/** Whether a parsed JSON value looks like a detection line (rather than a garment-list line). */
export function isDetectionLineShape(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'qualified' in value && Array.isArray((value as { garments?: unknown }).garments);
}

/** The qualified person of each photo: the qualified line with the largest box, in first-seen photo order. */
export function qualifiedPeople<T extends Pick<DetectionLine, 'image' | 'box' | 'qualified'>>(lines: readonly T[]): T[] {
  const best = new Map<string, T>();
  const area = (line: T): number => (line.box[2] - line.box[0]) * (line.box[3] - line.box[1]);
  for (const line of lines) {
    if (!line.qualified) continue;
    const current = best.get(line.image);
    if (!current || area(line) > area(current)) best.set(line.image, line);
  }
  return [...best.values()];
}
