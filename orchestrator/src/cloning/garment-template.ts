/**
 * Garment templates: what the cloning stage needs to know about one 3D clothes model's UV map.
 *
 * JSON format (one file per template, or an array of them; `formatVersion` 1):
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
 * Loading checks the structure and throws E_CATALOG_INVALID naming the file and field;
 * consistency problems that only matter when a template is used (group sizes that differ, indices
 * out of range, fewer than four points) are collected by {@link templateProblems} so a catalog
 * with one bad row still loads.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { CLONEDPERSON_LANDMARK_COUNTS, DERIVED_LANDMARKS, garmentRole, isGarmentCategory } from './garment-categories.js';
import type { GarmentCategory } from './garment-categories.js';

export type Point = [number, number];
export type Rect = [number, number, number, number];

export interface TemplatePart {
  /** Which garment of the outfit supplies the landmarks: 0, or 1 for a suit's bottom. */
  garment: 0 | 1;
  /** 1-based indices into the garment's extended landmark list. */
  landmarks: number[];
  /** 1-based indices into the template's `uvKeypoints`. */
  uv: number[];
}

export interface GarmentTemplate {
  formatVersion: 1;
  id: string;
  model: string;
  categories: [GarmentCategory] | [GarmentCategory, GarmentCategory];
  canvasPx: number;
  uvKeypoints: Point[];
  parts: TemplatePart[];
  cellBox: Rect;
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

function fail(where: string, message: string): never {
  throw new ClonedPersonError('E_CATALOG_INVALID', `${where}: ${message}`, { details: { where } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteArray(value: unknown, length: number | undefined, where: string): number[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    fail(where, `expected an array of ${length ?? 'any number of'} numbers`);
  }
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}[${i}]`, `expected a finite number, got ${JSON.stringify(v)}`);
  });
  return value as number[];
}

function indexList(value: unknown, where: string): number[] {
  const list = finiteArray(value, undefined, where);
  list.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 1) fail(`${where}[${i}]`, `expected a 1-based index, got ${v}`);
  });
  return list;
}

/** Checks the structure of a parsed JSON template and returns it typed; `where` names the file. */
export function parseGarmentTemplate(value: unknown, where: string): GarmentTemplate {
  if (!isObject(value)) fail(where, 'expected a JSON object');
  if (value.formatVersion !== 1) fail(`${where}.formatVersion`, `expected 1, got ${JSON.stringify(value.formatVersion)}`);
  if (typeof value.id !== 'string' || !/^[\w.-]+$/.test(value.id)) {
    fail(`${where}.id`, 'expected a non-empty id of letters, digits, "_", "-" or "."');
  }
  if (typeof value.model !== 'string') fail(`${where}.model`, 'expected a string');
  const categories = value.categories;
  if (!Array.isArray(categories) || categories.length < 1 || categories.length > 2) {
    fail(`${where}.categories`, 'expected one category, or two (top, bottom) for a one-piece suit');
  }
  const checked = (categories as unknown[]).map((c, i) => {
    if (!isGarmentCategory(c)) fail(`${where}.categories[${i}]`, `${JSON.stringify(c)} is not a DeepFashion2 category (1-13)`);
    return c;
  });
  if (checked.length === 2 && (garmentRole(checked[0]) !== 'top' || garmentRole(checked[1]) !== 'bottom')) {
    fail(`${where}.categories`, 'a two-garment template must be [top, bottom]');
  }
  const canvasPx = value.canvasPx;
  if (!Number.isInteger(canvasPx) || (canvasPx as number) < 16) fail(`${where}.canvasPx`, 'expected an integer >= 16');
  const canvas = canvasPx as number;
  if (!Array.isArray(value.uvKeypoints)) fail(`${where}.uvKeypoints`, 'expected an array of [x, y]');
  const uvKeypoints = value.uvKeypoints.map((p, i) => {
    const [x, y] = finiteArray(p, 2, `${where}.uvKeypoints[${i}]`);
    if (x < 0 || y < 0 || x > canvas || y > canvas) fail(`${where}.uvKeypoints[${i}]`, `[${x}, ${y}] lies outside the ${canvas}px canvas`);
    return [x, y] as Point;
  });
  if (!Array.isArray(value.parts)) fail(`${where}.parts`, 'expected an array');
  const parts = value.parts.map((part, i): TemplatePart => {
    const at = `${where}.parts[${i}]`;
    if (!isObject(part)) fail(at, 'expected an object');
    if (part.garment !== 0 && part.garment !== 1) fail(`${at}.garment`, 'expected 0 or 1');
    return { garment: part.garment, landmarks: indexList(part.landmarks, `${at}.landmarks`), uv: indexList(part.uv, `${at}.uv`) };
  });
  const cellBox = finiteArray(value.cellBox, 4, `${where}.cellBox`) as Rect;
  if (!Array.isArray(value.pantsRects)) fail(`${where}.pantsRects`, 'expected an array of [x1, y1, x2, y2]');
  const pantsRects = value.pantsRects.map((r, i) => {
    const rect = finiteArray(r, 4, `${where}.pantsRects[${i}]`) as Rect;
    if (rect.some((v) => v < 0 || v > canvas)) fail(`${where}.pantsRects[${i}]`, `lies outside the ${canvas}px canvas`);
    return rect;
  });
  if (value.source !== undefined && !isObject(value.source)) fail(`${where}.source`, 'expected an object');
  return {
    formatVersion: 1,
    id: value.id,
    model: value.model,
    categories: checked as GarmentTemplate['categories'],
    canvasPx: canvas,
    uvKeypoints,
    parts,
    cellBox,
    pantsRects,
    ...(value.source === undefined ? {} : { source: value.source }),
  };
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
