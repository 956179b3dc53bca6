import { describe, expect, it } from '@jest/globals';
import { DATASET_RECORD_CONTRACT, datasetImageName, parseDatasetImageName } from '../../../orchestrator/src/contracts/dataset-record.js';
import type { DatasetRecord } from '../../../orchestrator/src/contracts/dataset-record.js';
import { CONTRACT_EXAMPLES } from './contract-examples.js';

const example = (): DatasetRecord => JSON.parse(JSON.stringify(CONTRACT_EXAMPLES.DatasetRecord)) as DatasetRecord;
const problem = (record: DatasetRecord): string => {
  try {
    DATASET_RECORD_CONTRACT.check(record, 'dataset.json');
  } catch (error) {
    return (error as Error).message;
  }
  return 'valid';
};

describe('dataset image names', () => {
  it.each([
    ['clonedperson', { pid: 3, scene: 1, camera: 2, frame: 15 }, '0003_s01_c02_f000015.jpg'],
    ['clonedperson', { pid: 12345, scene: 104, camera: 11, frame: 1234567 }, '12345_s104_c11_f1234567.jpg'],
    ['market', { pid: 3, scene: 1, camera: 2, frame: 15 }, '0003_c2s1_000015_00.jpg'],
    ['market', { pid: 0, scene: 12, camera: 10, frame: 0 }, '0000_c10s12_000000_00.jpg'],
  ] as const)('%s %j <-> %s', (layout, name, file) => {
    expect(datasetImageName(layout, name)).toBe(file);
    expect(parseDatasetImageName(layout, file)).toEqual(name);
  });

  it('parses nothing else', () => {
    expect(parseDatasetImageName('clonedperson', '0003_s1_c02_f000015.jpg')).toBeUndefined();
    expect(parseDatasetImageName('clonedperson', '0003_c2s1_000015_00.jpg')).toBeUndefined();
    expect(parseDatasetImageName('market', '0003_s01_c02_f000015.jpg')).toBeUndefined();
    expect(parseDatasetImageName('market', '-1_c2s1_000015_00.jpg')).toBeUndefined();
  });
});

describe('DATASET_RECORD_CONTRACT rules', () => {
  it('accepts the example', () => {
    expect(problem(example())).toBe('valid');
  });

  it('refuses an identity in both train and test', () => {
    const record = example();
    record.images[0] = { ...record.images[0], pid: 1, file: 'train/0001_s01_c01_f000000.jpg' };
    expect(problem(record)).toMatch(/identity 1 is in both train and test/);
  });

  it('refuses a query without a gallery image of its identity from another camera', () => {
    const record = example();
    // the only gallery image moves to the query's camera
    record.images[2] = { ...record.images[2], camera: 1, file: 'test/gallery/0001_s01_c01_f000015.jpg' };
    expect(problem(record)).toMatch(/query test\/query\/0001_s01_c01_f000015.jpg has no gallery image of identity 1 from another camera/);
    // the same camera number in another scene is another camera
    record.images[2] = { ...record.images[2], scene: 2, file: 'test/gallery/0001_s02_c01_f000015.jpg' };
    expect(problem(record)).toBe('valid');
  });

  it('refuses a file whose name does not say its pid, scene, camera and frame, or sits in the wrong folder', () => {
    const record = example();
    record.images[0] = { ...record.images[0], frame: 5 };
    expect(problem(record)).toMatch(/does not name pid 0, scene 1, camera 1, frame 5/);
    const moved = example();
    moved.images[0] = { ...moved.images[0], file: 'test/gallery/0000_s01_c01_f000000.jpg' };
    expect(problem(moved)).toMatch(/a train image must be in train\//);
  });

  it('refuses counts where an annotation neither became an image nor was rejected', () => {
    const record = example();
    record.annotations = 6;
    expect(problem(record)).toMatch(/6 annotations, but 3 images and 2 rejections/);
  });

  it('refuses a file listed twice', () => {
    const record = example();
    record.images.push({ ...record.images[0] });
    record.annotations++;
    expect(problem(record)).toMatch(/listed twice/);
  });
});
