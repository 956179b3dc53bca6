import { describe, expect, it } from '@jest/globals';
import { DATASET_RECORD_CONTRACT } from '../../../orchestrator/src/contracts/dataset-record.js';
import type { DatasetRecord } from '../../../orchestrator/src/contracts/dataset-record.js';
import { loadEvalSplit } from '../../../orchestrator/src/eval/dataset-layouts.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { CONTRACT_EXAMPLES } from '../contracts/contract-examples.js';

/** A store with empty files at these paths (the loaders look at names only). */
const store = (paths: string[], text: Record<string, string> = {}) => createMemoryFileStore({ ...Object.fromEntries(paths.map((p) => [`/d/${p}`, ''])), ...Object.fromEntries(Object.entries(text).map(([p, t]) => [`/d/${p}`, t])) });
const summary = (images: { name: string; pid: number; camera: string }[]) => images.map((image) => `${image.name} ${image.pid} ${image.camera}`);

describe('loadEvalSplit', () => {
  it('reads Market-1501: drops junk (-1), keeps distractors (0) in the gallery, reports unparseable names', async () => {
    const files = store([
      'query/0001_c1s1_000151_00.jpg',
      'bounding_box_test/0001_c2s1_000301_00.jpg',
      'bounding_box_test/0000_c3s1_000101_01.jpg',
      'bounding_box_test/-1_c3s1_000301_03.jpg',
      'bounding_box_test/Thumbs.db',
      'bounding_box_test/copy of 0001.jpg',
      'bounding_box_train/0002_c1s1_000001_00.jpg',
    ]);
    const split = await loadEvalSplit('/d', files);
    expect(split.kind).toBe('market1501');
    expect(summary(split.query)).toEqual(['query/0001_c1s1_000151_00.jpg 1 1']);
    expect(summary(split.gallery)).toEqual(['bounding_box_test/0000_c3s1_000101_01.jpg 0 3', 'bounding_box_test/0001_c2s1_000301_00.jpg 1 2']);
    expect(split.junk).toBe(1);
    expect(split.unparsed).toEqual(['bounding_box_test/copy of 0001.jpg']);
  });

  it('tells DukeMTMC-reID by its names', async () => {
    const split = await loadEvalSplit('/d', store(['query/0005_c2_f0046985.jpg', 'bounding_box_test/0005_c1_f0045000.jpg']));
    expect(split.kind).toBe('dukemtmc');
    expect(summary(split.gallery)).toEqual(['bounding_box_test/0005_c1_f0045000.jpg 5 1']);
  });

  it('reads CUHK03-NP, detected boxes by default or labeled on request', async () => {
    const files = store(['detected/query/0001_c1_1.png', 'detected/bounding_box_test/0001_c2_3.png', 'labeled/query/0002_c1_1.png', 'labeled/bounding_box_test/0002_c2_1.png']);
    const detected = await loadEvalSplit('/d', files);
    expect(detected.kind).toBe('cuhk03-np');
    expect(summary(detected.query)).toEqual(['detected/query/0001_c1_1.png 1 1']);
    const labeled = await loadEvalSplit('/d', files, { cuhk03Boxes: 'labeled' });
    expect(summary(labeled.gallery)).toEqual(['labeled/bounding_box_test/0002_c2_1.png 2 2']);
  });

  it('reads MSMT17 from its list files', async () => {
    const files = store([], {
      'list_query.txt': '0000/0000_000_01_0303morning_0015_0.jpg 0\n',
      'list_gallery.txt': '0000/0000_001_14_0303morning_0036_1.jpg 0\r\n0001/0001_000_05_0303noon_0003_2.jpg 1\n\n',
      'test/0000/0000_000_01_0303morning_0015_0.jpg': '',
    });
    const split = await loadEvalSplit('/d', files);
    expect(split.kind).toBe('msmt17');
    expect(summary(split.query)).toEqual(['test/0000/0000_000_01_0303morning_0015_0.jpg 0 1']);
    expect(summary(split.gallery)).toEqual(['test/0000/0000_001_14_0303morning_0036_1.jpg 0 14', 'test/0001/0001_000_05_0303noon_0003_2.jpg 1 5']);
  });

  it('reads our layouts: from dataset.json, or from test/query + test/gallery alone', async () => {
    const record = JSON.parse(JSON.stringify(CONTRACT_EXAMPLES.DatasetRecord)) as DatasetRecord;
    const files = store(['test/query/0001_s01_c01_f000015.jpg', 'test/gallery/0001_s01_c02_f000015.jpg', 'test/gallery/0001_s02_c01_f000015.jpg'], { 'dataset.json': DATASET_RECORD_CONTRACT.format(record) });
    const split = await loadEvalSplit('/d', files);
    expect(split.kind).toBe('clonedperson');
    // camera 1 of scene 2 is not camera 1 of scene 1
    expect(summary(split.gallery)).toEqual(['test/gallery/0001_s01_c02_f000015.jpg 1 1/2', 'test/gallery/0001_s02_c01_f000015.jpg 1 2/1']);
    await files.remove('/d/dataset.json');
    expect((await loadEvalSplit('/d', files)).query).toHaveLength(1);
    // our market layout: dataset.json says so, and its cameras are (scene, camera)
    const market = store(['query/0001_c1s1_000015_00.jpg', 'bounding_box_test/0001_c1s2_000015_00.jpg'], { 'dataset.json': DATASET_RECORD_CONTRACT.format({ ...record, layout: 'market', images: [], counts: { train: { images: 0, identities: 0 }, query: { images: 0, identities: 0 }, gallery: { images: 0, identities: 0 } }, annotations: 2 }) });
    const marketSplit = await loadEvalSplit('/d', market);
    expect(marketSplit.naming).toBe('clonedperson-market');
    expect(summary(marketSplit.gallery)).toEqual(['bounding_box_test/0001_c1s2_000015_00.jpg 1 2/1']);
  });

  it('says which layouts it knows when a folder is none of them', async () => {
    await expect(loadEvalSplit('/d', store(['images/a.jpg']))).rejects.toMatchObject({ code: 'E_DATASET_INVALID', message: expect.stringMatching(/query\/ \+ bounding_box_test\//) });
    await expect(loadEvalSplit('/nowhere', store([]))).rejects.toMatchObject({ code: 'E_INPUT_MISSING' });
  });
});
