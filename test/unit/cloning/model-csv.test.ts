import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { templateProblems, parseGarmentTemplate } from '../../../orchestrator/src/contracts/garment-template.js';
import { parseModelCsv, parseModelCsvRow, serializeModelCsv, serializeModelCsvRow } from '../../../orchestrator/src/cloning/model-csv.js';
import { OFFICIAL, describeWithAssets } from '../../helpers/assets.js';

const MODEL_CSV = path.join(OFFICIAL, 'pipeline/5characters/Resources/model.csv');

describeWithAssets('the authors\' model.csv', () => {
  // read in beforeAll: jest runs describe bodies even when the suite is skipped
  let text: string;
  let rows: string[];
  let templates: ReturnType<typeof parseModelCsv>;
  beforeAll(() => {
    text = readFileSync(MODEL_CSV, 'utf8');
    rows = text.split('\n');
    templates = parseModelCsv(text, 'model.csv');
  });

  it('imports every row and writes each one back unchanged, also through JSON', () => {
    expect(templates).toHaveLength(178);
    templates.forEach((template, i) => {
      const viaJson = parseGarmentTemplate(JSON.parse(JSON.stringify(template)), `row ${i + 1}`);
      expect(serializeModelCsvRow(viaJson)).toBe(rows[i]);
    });
    expect(serializeModelCsv(templates)).toBe(text);
  });

  it('reads a regular long-sleeve top row as written (row 1)', () => {
    const t = templates[0];
    expect(t.id).toBe('authors-1');
    expect(t.categories).toEqual([2]); // authors' code 1 = long-sleeve top
    expect(t.uvKeypoints).toHaveLength(23);
    expect(t.uvKeypoints[0]).toEqual([102, 405]);
    expect(t.uvKeypoints[22]).toEqual([402, 99]);
    expect(t.parts).toHaveLength(5);
    expect(t.parts[0]).toEqual({ garment: 0, landmarks: [19, 16, 17, 18], uv: [19, 22, 23, 18] });
    expect(t.parts[2].landmarks).toEqual([1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]);
    expect(t.cellBox).toEqual([170, 243, 194, 275]);
    expect(t.pantsRects).toEqual([]);
  });

  it('reads a one-piece suit with its bottom groups after "-" and pants rectangles (row 142, code 14)', () => {
    const t = templates.find((x) => x.id === 'authors-142')!;
    expect(t.categories).toEqual([2, 8]); // long-sleeve top + trousers
    expect(t.parts.map((p) => p.garment)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(t.parts[6].landmarks).toEqual([1, 2, 9, 10, 11, 12, 13, 14]);
    expect(t.pantsRects).toEqual([[535, 0, 755, 520], [300, 475, 490, 1000]]);
  });

  it('reads irregular rows with empty keypoint columns (row 20)', () => {
    const t = templates.find((x) => x.id === 'authors-20')!;
    expect(t.uvKeypoints).toEqual([]);
    expect(t.parts).toEqual([]);
    expect(t.cellBox).toEqual([230, 226, 245, 253]);
  });

  it('finds every row consistent with the landmark scheme (groups pair up, indices in range)', () => {
    for (const t of templates) expect([t.id, templateProblems(t)]).toEqual([t.id, []]);
  });
});

describe('parseModelCsvRow', () => {
  const good = ['7', '5', '1,1,9,1,9,9,1,9', '1 2 8 9', '1 2 3 4', '1,2,3,4', ''];

  it('rejects malformed rows with the row named', () => {
    expect(() => parseModelCsvRow(good.slice(0, 6), 'm.csv:3')).toThrow(/m\.csv:3: expected 7 columns/);
    expect(() => parseModelCsvRow(['7', '6', ...good.slice(2)], 'm.csv:3')).toThrow(/unknown garment type code 6/);
    expect(() => parseModelCsvRow(['7', '5', '1,1,9', ...good.slice(3)], 'm.csv:3')).toThrow(/odd number/);
    expect(() => parseModelCsvRow([...good.slice(0, 5), '1,2,3', ''], 'm.csv:3')).toThrow(/cell box needs 4/);
    expect(() => parseModelCsvRow([...good.slice(0, 3), '1 x 8 9', ...good.slice(4)], 'm.csv:3')).toThrow(/"x" is not a number/);
  });

  it('keeps groups that do not pair up, and reports them as template problems', () => {
    const t = parseModelCsvRow(['9', '5', '1,1,9,1,9,9,1,9', '1 2 8 9,2 3 5', '1 2 3 4', '0,0,50,50', ''], 'm.csv:1');
    expect(templateProblems(t)).toEqual(['part 2 pairs 3 landmarks with 0 UV keypoints', 'part 2 has fewer than 4 points']);
    expect(serializeModelCsvRow(t)).toBe('9,5,"1,1,9,1,9,9,1,9","1 2 8 9,2 3 5","1 2 3 4","0,0,50,50",""');
  });
});
