/**
 * Import and export of the authors' garment UV table, `model.csv` (one row per 3D clothes model):
 *
 *   folder, type code, "uv keypoints x1,y1,...", "image groups", "uv groups", "x1,y1,x2,y2", "pants"
 *
 * Type codes are the authors' garment codes (see garment-categories.ts); a two-digit code that is
 * not a single code is a one-piece suit, top code then bottom code (`14` = long-sleeve top +
 * trousers). Groups are separated by commas, indices by spaces; in the image groups a `-`
 * separates the top's groups from the bottom's. Empty keypoint columns mean an irregular map.
 * Pants rectangles are "x1 y1 x2 y2" separated by commas.
 *
 * `serializeModelCsvRow(parseModelCsvRow(row))` reproduces every row of the authors' file
 * exactly, including rows whose groups do not pair up (they load, and templateProblems reports them).
 */
import { ClonedPersonError } from '../shared/errors.js';
import { AUTHORS_TYPE_TO_CATEGORY, authorsTypeOf, garmentRole } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { parseCsv } from './csv.js';
import type { GarmentTemplate, Point, Rect, TemplatePart } from '../contracts/garment-template.js';

/** The canvas the authors' UV coordinates are on. */
const MODEL_CSV_CANVAS_PX = 1000;

function bad(where: string, message: string): never {
  throw new ClonedPersonError('E_CATALOG_INVALID', `${where}: ${message}`, { details: { where } });
}

function numbers(text: string, separator: RegExp, where: string): number[] {
  if (text.trim() === '') return [];
  return text.split(separator).map((token) => {
    const value = Number(token.trim());
    if (token.trim() === '' || !Number.isFinite(value)) bad(where, `${JSON.stringify(token)} is not a number`);
    return value;
  });
}

function categoriesOfCode(code: string, where: string): GarmentTemplate['categories'] {
  if (!/^\d+$/.test(code)) bad(where, `type code ${JSON.stringify(code)} is not a number`);
  const single = AUTHORS_TYPE_TO_CATEGORY[Number(code)];
  if (single !== undefined) return [single];
  if (code.length === 2) {
    const top = AUTHORS_TYPE_TO_CATEGORY[Number(code[0])];
    const bottom = AUTHORS_TYPE_TO_CATEGORY[Number(code[1])];
    if (top !== undefined && bottom !== undefined && garmentRole(top) === 'top' && garmentRole(bottom) === 'bottom') {
      return [top, bottom];
    }
  }
  return bad(where, `unknown garment type code ${code}`);
}

/** The authors' type code for a template's categories. */
function typeCodeOf(categories: readonly GarmentCategory[]): string {
  return categories.map((c) => String(authorsTypeOf(c) ?? `?${c}`)).join('');
}

function groups(text: string, where: string): number[][] {
  if (text.trim() === '') return [];
  return text.split(',').map((group, i) => numbers(group, / +/, `${where} group ${i + 1}`));
}

/** Parses one row's fields (as read by parseCsv) into a template. */
export function parseModelCsvRow(fields: readonly string[], where: string): GarmentTemplate {
  if (fields.length !== 7) bad(where, `expected 7 columns, found ${fields.length}`);
  const [folder, code, keypoints, imageGroups, uvGroups, cellBox, pants] = fields;
  if (!/^[\w.-]+$/.test(folder)) bad(where, `model folder ${JSON.stringify(folder)} is not a simple name`);
  const categories = categoriesOfCode(code.trim(), where);
  const flat = numbers(keypoints, /,/, `${where} uv keypoints`);
  if (flat.length % 2 !== 0) bad(where, `uv keypoints have an odd number of values (${flat.length})`);
  const uvKeypoints: Point[] = [];
  for (let i = 0; i < flat.length; i += 2) uvKeypoints.push([flat[i], flat[i + 1]]);
  const segments = imageGroups.trim() === '' ? [] : imageGroups.split('-');
  if (segments.length > 2) bad(where, `image groups have ${segments.length} "-"-separated segments, at most 2`);
  const imageParts = segments.flatMap((segment, garment) => groups(segment, `${where} image groups`).map((landmarks) => ({ garment, landmarks })));
  const uvParts = groups(uvGroups, `${where} uv groups`);
  // pair groups by position; a list that runs short leaves the partner empty (a template problem)
  const parts: TemplatePart[] = [];
  for (let i = 0; i < Math.max(imageParts.length, uvParts.length); i++) {
    parts.push({
      garment: (imageParts[i]?.garment ?? imageParts[imageParts.length - 1]?.garment ?? 0) as 0 | 1,
      landmarks: imageParts[i]?.landmarks ?? [],
      uv: uvParts[i] ?? [],
    });
  }
  const box = numbers(cellBox, /,/, `${where} cell box`);
  if (box.length !== 4) bad(where, `cell box needs 4 numbers, found ${box.length}`);
  const pantsRects = pants.trim() === '' ? [] : pants.split(',').map((rect, i) => {
    const values = numbers(rect, / +/, `${where} pants rectangle ${i + 1}`);
    if (values.length !== 4) bad(where, `pants rectangle ${i + 1} needs 4 numbers`);
    return values as Rect;
  });
  return {
    formatVersion: 1,
    id: `authors-${folder}`,
    model: folder,
    categories,
    canvasPx: MODEL_CSV_CANVAS_PX,
    uvKeypoints,
    parts,
    cellBox: box as Rect,
    pantsRects,
    source: { kind: 'model.csv', folder, code: code.trim() },
  };
}

/** Parses a whole model.csv; `where` names the file in errors. */
export function parseModelCsv(text: string, where = 'model.csv'): GarmentTemplate[] {
  return parseCsv(text).map((row) => parseModelCsvRow(row.fields, `${where}:${row.line}`));
}

/** Writes a template back as one model.csv row (no line terminator). */
export function serializeModelCsvRow(template: GarmentTemplate): string {
  const folder = template.model;
  const code = typeCodeOf(template.categories);
  const keypoints = template.uvKeypoints.flat().join(',');
  const segments: string[] = [];
  for (const garment of [0, 1] as const) {
    const own = template.parts.filter((p) => p.garment === garment && p.landmarks.length > 0);
    if (own.length > 0) segments.push(own.map((p) => p.landmarks.join(' ')).join(','));
  }
  const uvGroups = template.parts.filter((p) => p.uv.length > 0).map((p) => p.uv.join(' ')).join(',');
  const pants = template.pantsRects.map((r) => r.join(' ')).join(',');
  return `${folder},${code},"${keypoints}","${segments.join('-')}","${uvGroups}","${template.cellBox.join(',')}","${pants}"`;
}

/** Writes templates as a model.csv text (rows joined by newlines). */
export function serializeModelCsv(templates: readonly GarmentTemplate[]): string {
  return templates.map(serializeModelCsvRow).join('\n');
}
