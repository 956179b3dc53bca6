import { beforeAll, describe, expect, it } from '@jest/globals';
import { DETECTION_LINE_CONTRACT } from '../../../orchestrator/src/contracts/detections.js';
import { DETECT_SUMMARY_FILE, detectBatch } from '../../../orchestrator/src/detect/detect-batch.js';
import type { DetectSummary } from '../../../orchestrator/src/detect/detect-batch.js';
import { parseDetectRecord } from '../../../orchestrator/src/detect/detect-record.js';
import { decodeImage, encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { fakePersonModels } from '../../helpers/fake-person-models.js';
import { drawSyntheticPhoto } from '../../helpers/synthetic-person.js';
import type { SyntheticPhoto } from '../../helpers/synthetic-person.js';

let photos: SyntheticPhoto[];
let pngs: Uint8Array[];

beforeAll(async () => {
  photos = [
    drawSyntheticPhoto(200, 300, [{ centreX: 100, topY: 10, heightPx: 280, sleeves: 'long', bottom: 'trousers', legsApart: true }]),
    drawSyntheticPhoto(200, 300, [{ centreX: 100, topY: 10, heightPx: 280, sleeves: 'short', bottom: 'skirt', topColour: [200, 60, 40] }]),
    drawSyntheticPhoto(200, 300, [{ centreX: 100, topY: 10, heightPx: 280, sleeves: 'long', bottom: 'trousers', back: true }]),
  ];
  pngs = await Promise.all(photos.map((p) => encodePng(p.photo)));
});

function store(extra: Record<string, string | Uint8Array> = {}): MemoryFileStore {
  return createMemoryFileStore({ '/photos/a.png': pngs[0], '/photos/sub/b.png': pngs[1], '/photos/c.png': pngs[2], ...extra });
}

function lines(files: MemoryFileStore): ReturnType<typeof DETECTION_LINE_CONTRACT.parseLines> {
  return DETECTION_LINE_CONTRACT.parseLines(files.files.get('/out/detections.jsonl')!, 'detections.jsonl');
}

function summaryOf(files: MemoryFileStore): DetectSummary {
  return JSON.parse(new TextDecoder().decode(files.files.get(`/out/${DETECT_SUMMARY_FILE}`))) as DetectSummary;
}

describe('detectBatch', () => {
  it('writes one contract line per person, crops, records and a summary', async () => {
    const files = store();
    const summary = await detectBatch({ imagesDir: '/photos', outDir: '/out', models: fakePersonModels(photos), files });
    const parsed = lines(files);
    expect(parsed.every((l) => l.error === undefined)).toBe(true);
    expect(parsed.map((l) => [l.value!.image, l.value!.qualified])).toEqual([['a.png', true], ['c.png', false], ['sub/b.png', true]]);
    expect(parsed[1].value!.rejections).toContain('back-view');
    expect(parsed[2].value!.garments.map((g) => g.category)).toEqual([1, 9]);
    expect(summary).toMatchObject({ photos: 3, detected: 3, resumed: 0, failed: [], people: 3, qualified: 2, sources: { estimated: 4 } });
    expect(summary.rejections['back-view']).toBe(1);
    expect(summary.categories).toEqual({ long_sleeve_top: 1, trousers: 1, short_sleeve_top: 1, skirt: 1 });
    expect(summaryOf(files).qualified).toBe(2);
    // the crop is the person's box with a margin, as a JPEG
    const crop = await decodeImage(files.files.get(`/out/${parsed[0].value!.crop!}`)!);
    const [x1, y1, x2, y2] = parsed[0].value!.box;
    expect(Math.abs(crop.height - Math.min(300, (y2 - y1) * 1.1))).toBeLessThan(3);
    expect(crop.width).toBeGreaterThan(x2 - x1);
    expect(parseDetectRecord(files.files.get('/out/records/sub__b.png.json')!, 'record')!.lines).toEqual([parsed[2].value]);
  });

  it('resumes by content: unchanged photos are not redone, a changed option or model redoes them', async () => {
    const files = store();
    const models = fakePersonModels(photos);
    await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files });
    const first = files.files.get('/out/detections.jsonl');
    files.resetWrites();
    // the same bytes written again (a touch) change nothing
    await files.writeAtomic('/photos/a.png', pngs[0]);
    const again = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files });
    expect(again).toMatchObject({ detected: 0, resumed: 3 });
    expect([...files.writes.keys()].filter((f) => f.startsWith('/out/records') || f.startsWith('/out/crops'))).toEqual([]);
    expect(files.files.get('/out/detections.jsonl')).toEqual(first);
    expect(models.calls.detect).toBe(3);

    const stricter = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files, qualification: { minHeightPx: 290 } });
    expect(stricter).toMatchObject({ detected: 3, qualified: 0 });
    expect(stricter.rejections['too-small']).toBe(3);
    const otherModels = await detectBatch({ imagesDir: '/photos', outDir: '/out', models: fakePersonModels(photos, { fingerprint: 'other' }), files, qualification: { minHeightPx: 290 } });
    expect(otherModels.detected).toBe(3);
    const forced = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files, force: true });
    expect(forced.detected).toBe(3);
  });

  it('fails bad photos and model errors alone, and the batch goes on', async () => {
    const files = store({ '/photos/corrupt.jpg': pngs[0].slice(0, 100), '/photos/empty.png': new Uint8Array(0) });
    const models = fakePersonModels(photos, { failOn: { photo: 1, error: new ClonedPersonError('E_MODEL', 'mediapipe-selfie: the mask output [1, 7] is not one 256 x 256 channel') } });
    const summary = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files });
    expect(summary.failed.map((f) => [f.image, f.code])).toEqual([
      ['corrupt.jpg', 'E_IMAGE_DECODE'],
      ['empty.png', 'E_IMAGE_DECODE'],
      ['sub/b.png', 'E_MODEL'],
    ]);
    expect(summary.detected).toBe(2);
    expect(lines(files).map((l) => l.value!.image)).toEqual(['a.png', 'c.png']);
    expect(files.files.has('/out/records/sub__b.png.json')).toBe(false);
  });

  it('leaves nothing half-written when a write fails, and the rerun finishes the photo', async () => {
    const files = store();
    let failing = true;
    const flaky: FileStore = {
      ...files,
      async writeAtomic(file, data) {
        if (failing && file.includes('/crops/sub__b.png/')) throw new ClonedPersonError('E_IO', `cannot write ${file}`);
        return files.writeAtomic(file, data);
      },
    };
    const models = fakePersonModels(photos);
    const broken = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files: flaky });
    expect(broken.failed.map((f) => [f.image, f.code])).toEqual([['sub/b.png', 'E_IO']]);
    expect(files.files.has('/out/records/sub__b.png.json')).toBe(false);
    expect(lines(files).map((l) => l.value!.image)).toEqual(['a.png', 'c.png']);
    failing = false;
    const rerun = await detectBatch({ imagesDir: '/photos', outDir: '/out', models, files: flaky });
    expect(rerun).toMatchObject({ detected: 1, resumed: 2, failed: [] });
    expect(lines(files).map((l) => l.value!.image)).toEqual(['a.png', 'c.png', 'sub/b.png']);
  });

  it('takes garments from annotations and reports annotated photos that are missing', async () => {
    const files = store();
    const person = photos[0].people[0];
    const landmarks = person.keypoints.slice(0, 10).map((k) => [k[0], k[1]] as [number, number]);
    const annotations = {
      format: 'deepfashion2' as const,
      source: '/annos',
      images: [
        { image: 'a', garments: [{ category: 7 as const, landmarks, where: '/annos/a.json#item1' }] },
        { image: 'missing.jpg', garments: [] },
      ],
      problems: [],
    };
    const summary = await detectBatch({ imagesDir: '/photos', outDir: '/out', models: fakePersonModels(photos), files, annotations });
    expect(summary.failed).toEqual([expect.objectContaining({ image: 'missing.jpg', code: 'E_IMAGE_MISSING' })]);
    expect(summary.photos).toBe(4);
    expect(summary.annotations).toMatchObject({ format: 'deepfashion2', photos: 1 });
    const a = lines(files).find((l) => l.value!.image === 'a.png')!.value!;
    // lines keep a tenth of a pixel
    expect(a.garments).toEqual([{ category: 7, landmarks: landmarks.map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]), source: 'annotation' }]);
  });

  it('refuses an empty folder', async () => {
    await expect(detectBatch({ imagesDir: '/photos', outDir: '/out', models: fakePersonModels([]), files: createMemoryFileStore({ '/photos/readme.txt': 'x' }) })).rejects.toMatchObject({ code: 'E_IMAGE_LIST_INVALID' });
  });
});
