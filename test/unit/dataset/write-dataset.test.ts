import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { DATASET_RECORD_CONTRACT, parseDatasetImageName } from '../../../orchestrator/src/contracts/dataset-record.js';
import type { DatasetRecord } from '../../../orchestrator/src/contracts/dataset-record.js';
import { PARTIAL_MARKER, writeDataset } from '../../../orchestrator/src/dataset/write-dataset.js';
import type { WriteDatasetOptions } from '../../../orchestrator/src/dataset/write-dataset.js';
import { decodeImage } from '../../../orchestrator/src/imaging/image-io.js';
import { convertChannels, cropImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { compareImages } from '../../helpers/images.js';
import { CHARACTERS_DIR, DATASET_DIR, RENDER_DIR, renderedStore } from './dataset-fixtures.js';

let rendered: MemoryFileStore;

beforeAll(async () => {
  rendered = await renderedStore();
}, 60_000);

/** A fresh copy of the rendered inputs. */
const inputs = (): MemoryFileStore => createMemoryFileStore(Object.fromEntries(rendered.files));
const options = (files: FileStore, extra: Partial<WriteDatasetOptions> = {}): WriteDatasetOptions => ({ renders: [RENDER_DIR], characters: CHARACTERS_DIR, out: DATASET_DIR, files, cropRuleOptions: { minHeightPx: 40 }, ...extra });
const datasetFiles = (files: MemoryFileStore): Map<string, Uint8Array> => new Map([...files.files].filter(([file]) => file.startsWith(`${DATASET_DIR}/`)));
const readRecord = async (files: FileStore): Promise<DatasetRecord> => DATASET_RECORD_CONTRACT.parse(await files.read(`${DATASET_DIR}/dataset.json`), 'dataset.json');

describe('writeDataset', () => {
  it('writes the images, the card and dataset.json, and nothing else', async () => {
    const files = inputs();
    const summary = await writeDataset(options(files));
    const record = await readRecord(files);
    expect(summary.record).toEqual(record);
    expect(record.counts.train.images).toBeGreaterThan(4);
    expect(record.counts.query.images).toBeGreaterThan(0);
    expect(record.counts.gallery.images).toBeGreaterThan(record.counts.query.images);
    const written = [...datasetFiles(files).keys()].map((file) => path.relative(DATASET_DIR, file)).sort();
    expect(written).toEqual([...record.images.map((image) => image.file), 'README.md', 'dataset.json'].sort());
    for (const image of record.images) {
      const name = image.file.split('/').pop()!;
      expect(parseDatasetImageName('clonedperson', name)).toEqual({ pid: image.pid, scene: image.scene, camera: image.camera, frame: image.frame });
    }
    const card = new TextDecoder().decode(files.files.get(`${DATASET_DIR}/README.md`));
    for (const phrase of ['MakeHuman', 'CC0', 'Clothing Co-Parsing', 'Apache-2.0', 'real people', 'mocap.cs.cmu.edu', `${record.counts.query.images} |`]) expect(card).toContain(phrase);
  });

  it('cuts each crop out of its frame', async () => {
    const files = inputs();
    const { record } = await writeDataset(options(files));
    for (const image of record.images.slice(0, 6)) {
      const crop = await decodeImage(files.files.get(path.join(DATASET_DIR, image.file))!);
      expect([crop.width, crop.height]).toEqual([image.widthPx, image.heightPx]);
      const frame = convertChannels(await decodeImage(files.files.get(path.resolve(DATASET_DIR, image.source))!), 3);
      const [x0, y0, x1, y1] = image.box;
      // two JPEG generations apart
      expect(compareImages(crop, cropImage(frame, x0, y0, x1 - x0, y1 - y0), 24).failingShare).toBeLessThan(0.01);
    }
  });

  it('does nothing when it is up to date, and starts over when an option changes', async () => {
    const files = inputs();
    await writeDataset(options(files));
    files.resetWrites();
    const again = await writeDataset(options(files));
    expect(again.upToDate).toBe(true);
    expect([...files.writes.keys()]).toEqual([]);
    const changed = await writeDataset(options(files, { jpegQuality: 70 }));
    expect(changed.upToDate).toBe(false);
    expect(changed.written).toBe(changed.record.images.length);
    // another layout: the old folders go
    await writeDataset(options(files, { layout: 'market' }));
    const left = [...datasetFiles(files).keys()].map((file) => path.relative(DATASET_DIR, file).split('/')[0]);
    expect(new Set(left)).toEqual(new Set(['bounding_box_train', 'query', 'bounding_box_test', 'README.md', 'dataset.json']));
  });

  it('resumes an interrupted write: same files, none written twice, no partial files', async () => {
    const uninterrupted = inputs();
    await writeDataset(options(uninterrupted));
    const reference = datasetFiles(uninterrupted);

    const files = inputs();
    // the write dies after 9 crops; a temp file is left behind, as a crash mid-write would leave one
    let crops = 0;
    const failing: FileStore = {
      ...files,
      writeAtomic: async (file, data) => {
        if (file.endsWith('.jpg') && ++crops > 9) {
          await files.writeAtomic(`${file}.tmp-dead-0`, data.slice(0, 10));
          throw new ClonedPersonError('E_IO', `disk full writing ${file}`);
        }
        return files.writeAtomic(file, data);
      },
    };
    await expect(writeDataset(options(failing))).rejects.toThrow(/disk full/);
    expect(files.files.has(`${DATASET_DIR}/dataset.json`)).toBe(false);
    expect(files.files.has(`${DATASET_DIR}/${PARTIAL_MARKER}`)).toBe(true);

    files.resetWrites();
    const resumed = await writeDataset(options(files));
    expect(resumed.reused).toBe(9);
    expect(resumed.written).toBe(resumed.record.images.length - 9);
    // no crop was written twice over the two runs, and the result is the uninterrupted one
    expect([...files.writes].filter(([file, count]) => file.endsWith('.jpg') && count > 1)).toEqual([]);
    const final = datasetFiles(files);
    expect([...final.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [file, bytes] of reference) expect(Buffer.from(final.get(file)!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('writes the market layout and the COCO file of the sampled frames', async () => {
    const files = inputs();
    const { record } = await writeDataset(options(files, { layout: 'market', coco: true, cropRule: 'authors' }));
    expect(record.cropRule.name).toBe('authors');
    for (const image of record.images) expect(image.file).toMatch(/^(bounding_box_train|query|bounding_box_test)\/\d{4}_c\d+s\d+_\d{6}_00\.jpg$/);
    const coco = JSON.parse(new TextDecoder().decode(files.files.get(`${DATASET_DIR}/coco.json`))) as {
      images: { id: number; file_name: string; frame: number }[];
      annotations: { image_id: number; bbox: number[]; keypoints: number[]; num_keypoints: number; pid: number }[];
      categories: { keypoints: string[] }[];
    };
    expect(coco.categories[0].keypoints).toHaveLength(17);
    expect(coco.images.every((image) => image.frame % 5 === 0)).toBe(true);
    expect(coco.annotations.length).toBeGreaterThanOrEqual(record.images.length);
    for (const annotation of coco.annotations) {
      expect(annotation.keypoints).toHaveLength(51);
      expect(coco.images.some((image) => image.id === annotation.image_id)).toBe(true);
      expect(files.files.has(path.resolve(DATASET_DIR, coco.images.find((image) => image.id === annotation.image_id)!.file_name))).toBe(true);
    }
  });

  it('resamples every crop to one size on request', async () => {
    const files = inputs();
    const { record } = await writeDataset(options(files, { resizePx: [64, 128] }));
    for (const image of record.images.slice(0, 5)) {
      const crop = await decodeImage(files.files.get(path.join(DATASET_DIR, image.file))!);
      expect([crop.width, crop.height]).toEqual([64, 128]);
    }
  });

  it('reports missing inputs and bad options by name', async () => {
    await expect(writeDataset(options(inputs(), { renders: ['/nowhere'] }))).rejects.toMatchObject({ code: 'E_INPUT_MISSING' });
    await expect(writeDataset(options(inputs(), { cropRuleOptions: { minVisibleFraction: 2 } }))).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { name: 'minVisibleFraction' } });
    await expect(writeDataset(options(inputs(), { jpegQuality: 0 }))).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { name: 'jpegQuality' } });
  });
});
