import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAuthorsCsv } from '../../../orchestrator/src/detect/importers/authors-csv.js';
import { parseCocoKeypoints } from '../../../orchestrator/src/detect/importers/coco-keypoints-json.js';
import { matchAnnotations } from '../../../orchestrator/src/detect/importers/match-annotations.js';
import { parseAnnotationFile, readAnnotations } from '../../../orchestrator/src/detect/importers/read-annotations.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { OFFICIAL, describeWithAssets } from '../../helpers/assets.js';

/** A DeepFashion2 trousers item (14 points, the scheme's count too) and a full short-sleeve top (25 points). */
function df2Image(): Record<string, unknown> {
  const trousers = Array.from({ length: 14 }, (_, i) => [10 + i, 100 + i, 2]).flat();
  const top = Array.from({ length: 25 }, (_, i) => [100 - i, 20 + i, 2]).flat();
  return {
    source: 'user',
    pair_id: 1,
    item1: { category_id: 8, bounding_box: [5, 90, 60, 200], landmarks: trousers },
    item2: { category_id: 1, bounding_box: [40, 10, 110, 80], landmarks: top },
    item3: { category_id: 4, bounding_box: [0, 0, 10, 10], landmarks: [] },
    item4: { category_id: 8, landmarks: trousers.map((v, i) => (i === 2 ? 0 : v)) },
  };
}

describe('DeepFashion2 JSON', () => {
  it('reads items, maps full sets and notes unusable ones', () => {
    const annotations = parseAnnotationFile(JSON.stringify(df2Image()), '/annos/000001.json');
    expect(annotations.format).toBe('deepfashion2');
    const [image] = annotations.images;
    expect(image.image).toBe('000001');
    expect(image.garments.map((g) => [g.category, g.landmarks.length])).toEqual([[8, 14], [1, 15]]);
    expect(image.garments[0].landmarks[0]).toEqual([10, 100]);
    expect(image.garments[0].box).toEqual([5, 90, 60, 200]);
    expect(annotations.problems.map((p) => [p.where, p.code])).toEqual([
      ['/annos/000001.json#item3', 'E_UNKNOWN_CATEGORY'],
      ['/annos/000001.json#item4', 'E_BAD_LANDMARKS'],
    ]);
    expect(annotations.problems[1].message).toMatch(/landmark 1 is not labelled/);
  });

  it('reads a map of images and a folder of per-image files', async () => {
    const byImage = parseAnnotationFile(JSON.stringify({ 'img/a.jpg': df2Image(), 'img/b.jpg': { item1: df2Image().item1 } }), 'all.json');
    expect(byImage.images.map((i) => [i.image, i.garments.length])).toEqual([['img/a.jpg', 2], ['img/b.jpg', 1]]);
    const files = createMemoryFileStore();
    await files.writeAtomic('/annos/000001.json', JSON.stringify(df2Image()));
    await files.writeAtomic('/annos/000002.json', '{not json');
    await files.writeAtomic('/annos/readme.txt', 'ignored');
    const folder = await readAnnotations('/annos', files);
    expect(folder.images.map((i) => i.image)).toEqual(['000001']);
    expect(folder.problems.map((p) => p.code)).toContain('E_ANNOTATIONS_INVALID');
  });

  it('refuses files of no known format', () => {
    expect(() => parseAnnotationFile('[1, 2]', 'x.json')).toThrow(expect.objectContaining({ code: 'E_ANNOTATIONS_INVALID' }));
    expect(() => parseAnnotationFile('{', 'x.json')).toThrow(/not valid JSON/);
  });
});

describe('COCO person keypoints', () => {
  const coco = {
    images: [{ id: 7, file_name: 'val/000007.jpg' }, { id: 8, file_name: '000008.jpg' }],
    categories: [{ id: 1, name: 'person' }],
    annotations: [
      { image_id: 7, category_id: 1, bbox: [10, 20, 100, 300], keypoints: Array.from({ length: 17 }, (_, i) => [i, i * 2, i % 3]).flat(), iscrowd: 0 },
      { image_id: 7, category_id: 1, bbox: [0, 0, 50, 50], iscrowd: 1 },
      { image_id: 8, category_id: 1, bbox: [5, 5, 0, 10] },
      { image_id: 9, category_id: 1, bbox: [5, 5, 10, 10] },
    ],
  };

  it('turns boxes and visibilities into people', () => {
    const annotations = parseCocoKeypoints(coco, 'people.json');
    const [first, second] = annotations.images;
    expect(first.people).toHaveLength(1);
    expect(first.people![0].box).toEqual([10, 20, 110, 320]);
    expect(first.people![0].keypoints.slice(0, 3)).toEqual([[0, 0, 0], [1, 2, 0.5], [2, 4, 1]]);
    expect(second.people).toEqual([]);
    expect(annotations.problems.map((p) => p.where)).toEqual(['people.json#annotations/2', 'people.json#annotations/3']);
    expect(parseAnnotationFile(JSON.stringify(coco), 'people.json').format).toBe('coco-keypoints');
  });
});

describe('the authors\' CSV', () => {
  it('groups an image\'s rows into its outfit and notes bad rows', () => {
    const text = [
      'img/a.jpeg,8,"28,84,61,89,66,119,70,150,36,144,4,136,15,109",0',
      'img/a.jpeg,3,"22,47,34,43,46,51,55,41,62,43,65,63,64,77,61,90,28,85,28,75,27,64",0',
      'img/b.jpeg,99,"1,2",0',
      'img/c.jpeg,4,"1,2,3,4",0',
      'garbage',
    ].join('\n');
    const annotations = parseAuthorsCsv(text, 'example.csv');
    expect(annotations.images.map((i) => [i.image, i.garments.map((g) => g.category)])).toEqual([['img/a.jpeg', [9, 5]]]);
    expect(annotations.problems.map((p) => [p.where, p.code])).toEqual([
      ['example.csv:3', 'E_UNKNOWN_CATEGORY'],
      ['example.csv:4', 'E_BAD_LANDMARKS'],
      ['example.csv:5', 'E_ANNOTATIONS_INVALID'],
    ]);
  });

});

describeWithAssets('the authors\' example.csv', () => {
  it('reads every row of their sample outfits', async () => {
    const file = path.join(OFFICIAL, 'pipeline', '5characters', 'Source', 'example.csv');
    const annotations = await readAnnotations(file);
    expect(annotations.format).toBe('authors-csv');
    expect(annotations.problems).toEqual([]);
    const rows = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
    expect(annotations.images.reduce((n, i) => n + i.garments.length, 0)).toBe(rows);
    expect(annotations.images.every((i) => i.garments.length >= 1 && i.garments.length <= 2)).toBe(true);
  });
});

describe('matchAnnotations', () => {
  const photos = ['a/000001.jpg', 'b/000001.png', 'c/x.jpg', 'val/000007.jpg'];
  it('matches by path, then file name, then stem; names the rest', () => {
    const matched = matchAnnotations(
      [
        { image: 'c/x.jpg', garments: [] },
        { image: '000007.jpg', people: [], garments: [] },
        { image: 'x', garments: [] },
        { image: '000001', garments: [] },
        { image: 'gone.jpg', garments: [] },
      ],
      photos,
      'annos',
    );
    expect([...matched.byImage.keys()]).toEqual(['c/x.jpg', 'val/000007.jpg']);
    expect(matched.problems.map((p) => [p.image, p.code])).toEqual([
      ['000001', 'E_IMAGE_MISSING'],
      ['gone.jpg', 'E_IMAGE_MISSING'],
    ]);
    expect(matched.problems[0].message).toMatch(/matches 2 photos/);
  });
});
