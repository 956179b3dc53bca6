/**
 * Contract: the garment catalog. A template says what the clone stage needs to know about one 3D
 * clothes model's UV map. Producers: the bundled catalog (`orchestrator/data/garments/`, derived
 * by the garments stage), `catalog import` from the authors' model.csv, users. Consumer: clone.
 *
 * JSON (one file per template, or an array of them):
 * ```json
 * {
 *   "formatVersion": 1,
 *   "id": "tshirt02",
 *   "model": "clothes/tshirt02",          // the clothes asset this UV map belongs to
 *   "categories": [1],                     // DeepFashion2 ids: one garment, or [top, bottom] for a one-piece suit
 *   "canvasPx": 1000,                      // the square canvas all coordinates below are on
 *   "uvKeypoints": [[102, 405], ...],      // [x, y] on the canvas, origin top-left, y down; [] = irregular map
 *   "parts": [                             // registered mapping: one homography per part
 *     { "garment": 0, "landmarks": [19, 16, 17, 18], "uv": [19, 22, 23, 18] }
 *   ],
 *   "cellBox": [170, 243, 194, 275],       // cloth-cell box on a 50x50 grid over the canvas (x1, y1, x2, y2)
 *   "pantsRects": [[557, 311, 980, 993]]   // canvas rectangles that take the bottom's tiling (suits only)
 * }
 * ```
 * `landmarks` are 1-based indices into the garment's extended landmark list (see
 * garment-categories.ts), `uv` 1-based indices into `uvKeypoints`; each part's two lists pair up
 * point by point and outline the part as a polygon, in order.
 *
 * Parsing checks the structure and throws E_CATALOG_INVALID naming the file and field;
 * consistency problems that only matter when a template is used (group sizes that differ, indices
 * out of range, fewer than four points) are collected by {@link templateProblems} so a catalog
 * with one bad row still loads.
 */
import { defineJsonContract } from './contract.js';
import { CLONEDPERSON_LANDMARK_COUNTS, DERIVED_LANDMARKS, garmentRole } from './garment-categories.js';
import type { GarmentCategory } from './garment-categories.js';

/** A point [x, y] on the UV canvas, pixels. */
export type Point = [number, number];
/** A rectangle [x1, y1, x2, y2]. */
export type Rect = [number, number, number, number];
/**
 * A 1-based index.
 * @asType integer
 * @minimum 1
 */
export type OneBasedIndex = number;

export interface TemplatePart {
  /** Which garment of the outfit supplies the landmarks: 0, or 1 for a suit's bottom. */
  garment: 0 | 1;
  /** 1-based indices into the garment's extended landmark list. */
  landmarks: OneBasedIndex[];
  /** 1-based indices into the template's `uvKeypoints`. */
  uv: OneBasedIndex[];
}

export interface GarmentTemplate {
  formatVersion: 1;
  /**
   * Letters, digits, `_`, `-` and `.`.
   * @pattern ^[\w.-]+$
   */
  id: string;
  /** The clothes asset this UV map belongs to (`clothes/<name>` or `<name>`). */
  model: string;
  /** One garment, or [top, bottom] for a one-piece suit. */
  categories: [GarmentCategory] | [GarmentCategory, GarmentCategory];
  /**
   * Side of the square canvas the coordinates are on, pixels.
   * @asType integer
   * @minimum 16
   */
  canvasPx: number;
  /** UV keypoints on the canvas (origin top-left, y down); empty for an irregular map. */
  uvKeypoints: Point[];
  parts: TemplatePart[];
  /** Cloth-cell placement box on a 50x50 grid over the canvas. */
  cellBox: Rect;
  /** Canvas rectangles that take the bottom's tiling (one-piece suits). */
  pantsRects: Rect[];
  /** Free-form provenance (e.g. the model.csv row it was imported from). */
  source?: Record<string, unknown>;
}

/** The number of a 50x50 grid's cells per side, which `cellBox` is expressed in. */
export const CELL_GRID = 50;

/** True when the template has no registered mapping (tiling only). */
export function isIrregular(template: GarmentTemplate): boolean {
  return template.uvKeypoints.length === 0 || template.parts.length === 0;
}

export const GARMENT_TEMPLATE_CONTRACT = defineJsonContract<GarmentTemplate>({
  type: 'GarmentTemplate',
  formatVersion: 1,
  errorCode: 'E_CATALOG_INVALID',
  check(template, fail) {
    const { categories, canvasPx: canvas } = template;
    if (categories.length === 2 && (garmentRole(categories[0]) !== 'top' || garmentRole(categories[1]) !== 'bottom')) {
      fail('/categories', 'a two-garment template must be [top, bottom]');
    }
    template.uvKeypoints.forEach(([x, y], i) => {
      if (x < 0 || y < 0 || x > canvas || y > canvas) fail(`/uvKeypoints/${i}`, `[${x}, ${y}] lies outside the ${canvas}px canvas`);
    });
    template.pantsRects.forEach((rect, i) => {
      if (rect.some((v) => v < 0 || v > canvas)) fail(`/pantsRects/${i}`, `lies outside the ${canvas}px canvas`);
    });
  },
});

/** Checks a parsed JSON template and returns it typed; `where` names the file (and array index). */
export function parseGarmentTemplate(value: unknown, where: string): GarmentTemplate {
  return GARMENT_TEMPLATE_CONTRACT.check(value, where);
}

/** The extended landmark count a template may index for `category`, if the scheme defines it. */
function landmarkLimit(category: GarmentCategory): number | undefined {
  const count = CLONEDPERSON_LANDMARK_COUNTS[category];
  if (count === undefined) return undefined;
  return count + (DERIVED_LANDMARKS[category] ? 1 : 0);
}

/**
 * Consistency problems that make a template unusable for the registered mapping, as sentences
 * (empty when usable): parts whose landmark and UV lists differ in length, have fewer than four
 * points, or index past the landmark scheme or the UV keypoints; a part for a second garment on a
 * one-garment template.
 */
export function templateProblems(template: GarmentTemplate): string[] {
  const problems: string[] = [];
  template.parts.forEach((part, i) => {
    const name = `part ${i + 1}`;
    if (part.landmarks.length !== part.uv.length) {
      problems.push(`${name} pairs ${part.landmarks.length} landmarks with ${part.uv.length} UV keypoints`);
    }
    if (Math.min(part.landmarks.length, part.uv.length) < 4) problems.push(`${name} has fewer than 4 points`);
    const category = template.categories[part.garment];
    if (category === undefined) {
      problems.push(`${name} uses garment ${part.garment} but the template dresses ${template.categories.length}`);
    } else {
      const limit = landmarkLimit(category);
      const over = part.landmarks.filter((index) => limit !== undefined && index > limit);
      if (over.length > 0) problems.push(`${name} indexes landmark ${over[0]} but category ${category} has ${limit}`);
    }
    const uvOver = part.uv.filter((index) => index > template.uvKeypoints.length);
    if (uvOver.length > 0) problems.push(`${name} indexes UV keypoint ${uvOver[0]} of ${template.uvKeypoints.length}`);
  });
  if (template.parts.length > 0 && template.uvKeypoints.length === 0) problems.push('parts given but no UV keypoints');
  return problems;
}
