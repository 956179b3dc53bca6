/**
 * The cloning stage's input: garments per image, as JSONL (one garment per line) or as the
 * authors' CSV (`image,type code,"x1,y1,...",flag`; consecutive rows of one image form the outfit).
 *
 * JSONL line: `{"image": "img/a.jpg", "category": 8 | "trousers", "landmarks": [[x, y], ...]
 * (or a flat [x1, y1, ...]), "template": "optional-template-id"}`. Image paths are relative to
 * the images folder. Categories are DeepFashion2 ids or names; landmarks follow the ClonedPerson
 * scheme (garment-categories.ts), in image pixels.
 *
 * The detect stage's `detections.jsonl` (contracts/detections.ts) is read too: each photo's
 * qualified person (the largest, one outfit per photo) gives its garments; people that did not
 * qualify are skipped.
 *
 * Parsing never throws for one bad line: the line becomes an entry with an `error`, and the
 * batch reports it and goes on.
 */
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import { DETECTION_LINE_CONTRACT, isDetectionLineShape, qualifiedPeople } from '../contracts/detections.js';
import type { DetectionLine } from '../contracts/detections.js';
import { categoryFromAuthorsType, parseGarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { parseCsv } from './csv.js';

export interface GarmentEntry {
  /** `file:line` of the entry, for messages. */
  where: string;
  image: string;
  category?: GarmentCategory;
  landmarks: [number, number][];
  /** Pin this garment (or the suit it is part of) to a template id. */
  template?: string;
  /** Set when the line could not be understood; the entry's outfit then fails with it. */
  error?: ClonedPersonError;
}

function landmarkPairs(value: unknown, where: string): [number, number][] {
  if (!Array.isArray(value)) throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: landmarks must be an array`);
  const flat: unknown[] = value.every((v) => Array.isArray(v)) ? (value as unknown[][]).flatMap((p, i) => {
    if (p.length !== 2) throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: landmark ${i + 1} is not an [x, y] pair`);
    return p;
  }) : value;
  if (flat.length % 2 !== 0) throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: odd number of landmark coordinates (${flat.length})`);
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i];
    const y = flat[i + 1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: landmark ${i / 2 + 1} has a non-numeric coordinate`);
    }
    pairs.push([x, y]);
  }
  return pairs;
}

function failedEntry(where: string, image: string, error: unknown): GarmentEntry {
  return { where, image, landmarks: [], error: toClonedPersonError(error, 'E_GARMENTS_INVALID') };
}

/** Parses JSONL garments; blank lines and lines starting with `#` are ignored. */
export function parseGarmentJsonl(text: string, file = 'garments.jsonl'): GarmentEntry[] {
  const entries: GarmentEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      entries.push(failedEntry(where, '', new ClonedPersonError('E_GARMENTS_INVALID', `${where}: not valid JSON`, { cause })));
      return;
    }
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const image = typeof record.image === 'string' ? record.image : '';
    try {
      if (image === '') throw new ClonedPersonError('E_GARMENTS_INVALID', `${where}: "image" must be a non-empty string`);
      const entry: GarmentEntry = {
        where,
        image,
        category: parseGarmentCategory(record.category, `${where} category`),
        landmarks: landmarkPairs(record.landmarks, where),
      };
      if (record.template !== undefined) {
        if (typeof record.template !== 'string') throw new ClonedPersonError('E_GARMENTS_INVALID', `${where}: "template" must be a string`);
        entry.template = record.template;
      }
      entries.push(entry);
    } catch (error) {
      entries.push(failedEntry(where, image, error));
    }
  });
  return entries;
}

/** Parses the authors' CSV (example.csv): image, type code, quoted landmark list, flag. */
export function parseAuthorsGarmentCsv(text: string, file = 'garments.csv'): GarmentEntry[] {
  return parseCsv(text).map((row) => {
    const where = `${file}:${row.line}`;
    const [image = '', code = '', landmarks = ''] = row.fields;
    try {
      if (row.fields.length < 3 || image.trim() === '') {
        throw new ClonedPersonError('E_GARMENTS_INVALID', `${where}: expected image, type code, "landmarks"[, flag]`);
      }
      if (!/^\d+$/.test(code.trim())) throw new ClonedPersonError('E_UNKNOWN_CATEGORY', `${where}: type code ${JSON.stringify(code)} is not a number`);
      const values = landmarks.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
      return {
        where,
        image: image.trim(),
        category: categoryFromAuthorsType(Number(code), `${where} type`),
        landmarks: landmarkPairs(values, where),
      };
    } catch (error) {
      return failedEntry(where, image.trim(), error);
    }
  });
}

/** The garments of each photo's qualified person in a detections JSONL (see the module doc). */
export function parseDetectionGarments(text: string, file = 'detections.jsonl'): GarmentEntry[] {
  const entries: GarmentEntry[] = [];
  const people: (DetectionLine & { line: number })[] = [];
  for (const parsed of DETECTION_LINE_CONTRACT.parseLines(text, file)) {
    if (parsed.error) entries.push(failedEntry(`${file}:${parsed.line}`, '', parsed.error));
    else people.push({ ...parsed.value, line: parsed.line });
  }
  for (const person of qualifiedPeople(people)) {
    for (const garment of person.garments) {
      entries.push({ where: `${file}:${person.line}`, image: person.image, category: garment.category, landmarks: garment.landmarks });
    }
  }
  return entries;
}

function looksLikeDetections(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (first === undefined) return false;
  try {
    return isDetectionLineShape(JSON.parse(first));
  } catch {
    return false;
  }
}

/** Chooses the parser: `.csv` is the authors' format; JSONL of detection lines the detect stage's output; other JSONL one garment per line. */
export function parseGarmentList(text: string, file: string): GarmentEntry[] {
  if (file.toLowerCase().endsWith('.csv')) return parseAuthorsGarmentCsv(text, file);
  return looksLikeDetections(text) ? parseDetectionGarments(text, file) : parseGarmentJsonl(text, file);
}
