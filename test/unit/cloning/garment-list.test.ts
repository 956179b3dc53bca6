import { describe, expect, it } from '@jest/globals';
import { parseAuthorsGarmentCsv, parseGarmentJsonl, parseGarmentList } from '../../../orchestrator/src/cloning/garment-list.js';

describe('parseGarmentJsonl', () => {
  it('reads garments with ids or names, nested or flat landmarks, and optional templates', () => {
    const text = [
      '{"image": "a.jpg", "category": 8, "landmarks": [[1, 2], [3, 4], [5, 6]]}',
      '',
      '# a comment',
      '{"image": "a.jpg", "category": "long_sleeve_top", "landmarks": [1, 2, 3, 4, 5, 6], "template": "authors-1"}',
    ].join('\n');
    const entries = parseGarmentJsonl(text, 'g.jsonl');
    expect(entries).toEqual([
      { where: 'g.jsonl:1', image: 'a.jpg', category: 8, landmarks: [[1, 2], [3, 4], [5, 6]] },
      { where: 'g.jsonl:4', image: 'a.jpg', category: 2, landmarks: [[1, 2], [3, 4], [5, 6]], template: 'authors-1' },
    ]);
  });

  it('turns each bad line into an entry with an error and keeps going', () => {
    const text = [
      '{"image": "a.jpg", "category": 8, "landmarks": [[1, 2]]}',
      'not json',
      '{"image": "b.jpg", "category": 99, "landmarks": []}',
      '{"image": "c.jpg", "category": 8, "landmarks": [1, 2, 3]}',
      '{"image": "d.jpg", "category": 8, "landmarks": [[1, "x"]]}',
      '{"category": 8, "landmarks": []}',
    ].join('\n');
    const entries = parseGarmentJsonl(text, 'g.jsonl');
    expect(entries.map((e) => e.error?.code)).toEqual([undefined, 'E_GARMENTS_INVALID', 'E_UNKNOWN_CATEGORY', 'E_BAD_LANDMARKS', 'E_BAD_LANDMARKS', 'E_GARMENTS_INVALID']);
    expect(entries[1].error?.message).toMatch(/g\.jsonl:2: not valid JSON/);
    expect(entries[2].image).toBe('b.jpg');
  });
});

describe('parseAuthorsGarmentCsv', () => {
  it('reads rows of the authors\' format and maps their type codes', () => {
    const text = 'img/x.jpeg,8,"28,84,61,89,66,119",0\nimg/x.jpeg,3,"22,47,34,43,46,51,55,41",0\n';
    const entries = parseAuthorsGarmentCsv(text, 'e.csv');
    expect(entries).toEqual([
      { where: 'e.csv:1', image: 'img/x.jpeg', category: 9, landmarks: [[28, 84], [61, 89], [66, 119]] },
      { where: 'e.csv:2', image: 'img/x.jpeg', category: 5, landmarks: [[22, 47], [34, 43], [46, 51], [55, 41]] },
    ]);
  });

  it('reports unknown codes and broken landmark lists per row', () => {
    const entries = parseAuthorsGarmentCsv('a.jpg,6,"1,2,3,4",0\na.jpg,4,"1,2,,4",0\nb.jpg\n', 'e.csv');
    expect(entries.map((e) => e.error?.code)).toEqual(['E_UNKNOWN_CATEGORY', 'E_BAD_LANDMARKS', 'E_GARMENTS_INVALID']);
  });

  it('is chosen for .csv files', () => {
    expect(parseGarmentList('a.jpg,4,"1,2,3,4,5,6",0', 'x.CSV')[0].category).toBe(8);
  });
});
