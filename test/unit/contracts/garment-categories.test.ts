import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AUTHORS_TYPE_TO_CATEGORY,
  CLONEDPERSON_LANDMARK_COUNTS,
  authorsTypeOf,
  extendLandmarks,
  garmentRole,
  parseGarmentCategory,
} from '../../../orchestrator/src/contracts/garment-categories.js';
import { parseAuthorsGarmentCsv } from '../../../orchestrator/src/cloning/garment-list.js';
import { OFFICIAL, describeWithAssets } from '../../helpers/assets.js';

describe('garment categories', () => {
  it('parses ids and names, and refuses anything else', () => {
    expect(parseGarmentCategory(8)).toBe(8);
    expect(parseGarmentCategory('8')).toBe(8);
    expect(parseGarmentCategory('Long sleeve top')).toBe(2);
    expect(() => parseGarmentCategory(14)).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_CATEGORY' }));
    expect(() => parseGarmentCategory('hat')).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_CATEGORY' }));
  });

  it('maps the authors\' codes both ways', () => {
    for (const [code, category] of Object.entries(AUTHORS_TYPE_TO_CATEGORY)) expect(authorsTypeOf(category)).toBe(Number(code));
    expect(garmentRole(AUTHORS_TYPE_TO_CATEGORY[1])).toBe('top');
    expect(garmentRole(AUTHORS_TYPE_TO_CATEGORY[4])).toBe('bottom');
    expect(garmentRole(AUTHORS_TYPE_TO_CATEGORY[13])).toBe('dress');
  });

  it('appends true midpoints for long-sleeve tops, skirts and short-sleeve dresses', () => {
    const top = Array.from({ length: 19 }, (_, i) => [i * 10, i * 3] as [number, number]);
    expect(extendLandmarks(2, top)[19]).toEqual([(110 + 120) / 2, (33 + 36) / 2]);
    const skirt: [number, number][] = [[10, 20], [30, 24], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]];
    expect(extendLandmarks(9, skirt)).toHaveLength(8);
    expect(extendLandmarks(9, skirt)[7]).toEqual([20, 22]);
    const dress = Array.from({ length: 22 }, (_, i) => [i, 2 * i] as [number, number]);
    expect(extendLandmarks(10, dress)[22]).toEqual([(9 + 17) / 2, (18 + 34) / 2]);
    // other categories, or lists of another length, are left alone
    expect(extendLandmarks(8, top.slice(0, 14))).toHaveLength(14);
    expect(extendLandmarks(2, top.slice(0, 18))).toHaveLength(18);
  });
});

describeWithAssets('the authors\' example.csv', () => {
  it('has the landmark count of the scheme for every garment', () => {
    const text = readFileSync(path.join(OFFICIAL, 'pipeline/5characters/Source/example.csv'), 'utf8');
    const entries = parseAuthorsGarmentCsv(text, 'example.csv');
    expect(entries).toHaveLength(6);
    expect(entries.map((e) => e.category)).toEqual([9, 5, 7, 5, 8, 2]);
    for (const entry of entries) expect(entry.landmarks.length).toBe(CLONEDPERSON_LANDMARK_COUNTS[entry.category!]);
  });
});
