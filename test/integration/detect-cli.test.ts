/**
 * `clonedperson detect` with the built-in models on a real photo (Clothing Co-Parsing 0004, a
 * man in a long coat and trousers, standing, facing the camera) in the forms photos come in:
 * EXIF-rotated, grey, CMYK, 16-bit, plus a truncated JPEG, an empty file and an annotation
 * naming a photo that is not there. Pillow (the oracle) writes the variants.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DETECTION_LINE_CONTRACT } from '../../orchestrator/src/contracts/detections.js';
import type { DetectionLine } from '../../orchestrator/src/contracts/detections.js';
import type { DetectSummary } from '../../orchestrator/src/detect/detect-batch.js';
import { SHARED_ASSETS, describeWithAssets } from '../helpers/assets.js';
import { runCliCaptured } from '../helpers/cli.js';
import { runPython } from '../helpers/python.js';

const PHOTO = path.join(SHARED_ASSETS, 'ccp', 'photos', '0004.jpg');

/** The model cache the developer or CI uses (the converted built-in models live there). */
const ENV = Object.fromEntries(['CLONEDPERSON_MODEL_CACHE', 'XDG_CACHE_HOME'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));

const VARIANTS = `
import sys, numpy as np, cv2
from PIL import Image
src, out = sys.argv[1], sys.argv[2]
im = Image.open(src).convert('RGB')
im.save(out + '/upright.jpg', quality=92)
turned = im.transpose(Image.Transpose.ROTATE_90)
exif = turned.getexif(); exif[0x0112] = 6
turned.save(out + '/rotated.jpg', quality=92, exif=exif)
im.convert('L').save(out + '/grey.png')
im.convert('CMYK').save(out + '/cmyk.jpg', quality=92)
cv2.imwrite(out + '/deep.png', np.asarray(im).astype(np.uint16)[:, :, ::-1] * 257)
data = open(out + '/upright.jpg', 'rb').read()
open(out + '/truncated.jpg', 'wb').write(data[:2000])
open(out + '/empty.png', 'wb').write(b'')
print(Image.open(out + '/rotated.jpg').size, cv2.imread(out + '/deep.png', cv2.IMREAD_UNCHANGED).dtype)
`;

describeWithAssets('clonedperson detect on a real photo in every form', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runCliCaptured>>;
  let lines: DetectionLine[];
  let summary: DetectSummary;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-detect-cli-'));
    const photos = path.join(dir, 'photos');
    await runPython(`import os; os.makedirs('${photos}')`);
    const made = await runPython(`${VARIANTS}`.replace('sys.argv[1], sys.argv[2]', `'${PHOTO}', '${photos}'`));
    // stored turned (810 wide, EXIF says turn it back) and 16 bits per channel
    expect(made.stdout).toBe('(810, 550) uint16');
    // a COCO keypoints file naming a photo that is not in the folder
    await writeFile(path.join(dir, 'people.json'), JSON.stringify({ images: [{ id: 1, file_name: 'gone.jpg' }], annotations: [], categories: [{ id: 1, name: 'person' }] }));
    first = await runCliCaptured(['detect', '--images', photos, '--out', path.join(dir, 'out'), '--annotations', path.join(dir, 'people.json'), '--overlays'], { env: ENV });
    lines = DETECTION_LINE_CONTRACT.parseLines(await readFile(path.join(dir, 'out', 'detections.jsonl')), 'detections.jsonl').map((l) => l.value!);
    summary = JSON.parse(await readFile(path.join(dir, 'out', 'detect-summary.json'), 'utf8')) as DetectSummary;
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the unusable photos and the missing one, and exits 1', () => {
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^E_ITEMS_FAILED: 3 item\(s\) failed/m);
    expect(summary.failed.map((f) => [f.image, f.code])).toEqual([
      ['gone.jpg', 'E_IMAGE_MISSING'],
      ['empty.png', 'E_IMAGE_DECODE'],
      ['truncated.jpg', 'E_IMAGE_DECODE'],
    ]);
  });

  it('finds the same qualified person in every readable form, in displayed coordinates', () => {
    expect(lines.map((l) => l.image)).toEqual(['cmyk.jpg', 'deep.png', 'grey.png', 'rotated.jpg', 'upright.jpg']);
    const upright = lines.find((l) => l.image === 'upright.jpg')!;
    for (const line of lines) {
      expect(line.qualified).toBe(true);
      // boxes within 2% of the photo's height of the upright photo's (the rotation is undone)
      line.box.forEach((v, i) => expect(Math.abs(v - upright.box[i])).toBeLessThan(0.02 * 810));
    }
    // a man in a long coat over trousers, standing up, facing the camera
    const [x1, y1, x2, y2] = upright.box;
    expect(y2 - y1).toBeGreaterThan(600);
    expect(x2 - x1).toBeLessThan(300);
    expect(upright.keypoints[5][0]).toBeGreaterThan(upright.keypoints[6][0]);
    expect(upright.garments.map((g) => [g.category, g.source])).toEqual([[2, 'estimated'], [8, 'estimated']]);
    expect(summary).toMatchObject({ people: 5, qualified: 5, detected: 5 });
  });

  it('writes crops and overlays', async () => {
    const upright = lines.find((l) => l.image === 'upright.jpg')!;
    expect(upright.crop).toBe('crops/upright.jpg/1.jpg');
    expect((await readFile(path.join(dir, 'out', upright.crop!))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await readFile(path.join(dir, 'out', 'overlays', 'upright.jpg.jpg'))).length).toBeGreaterThan(1000);
  });

  it('resumes: a rerun redoes nothing', async () => {
    const again = await runCliCaptured(['detect', '--images', path.join(dir, 'photos'), '--out', path.join(dir, 'out'), '--annotations', path.join(dir, 'people.json'), '--overlays'], { env: ENV });
    expect(again.stdout).toMatch(/detect: 8 photos: 0 detected, 5 up to date, 3 failed/);
  }, 60_000);

  it('hands the qualified person to clone', async () => {
    const clone = await runCliCaptured(['clone', '--garments', path.join(dir, 'out', 'detections.jsonl'), '--images', path.join(dir, 'photos'), '--out', path.join(dir, 'clone'), '--size-px', '64']);
    expect(clone.stdout).toMatch(/clone: 5 outfits: 5 cloned/);
    expect(clone.code).toBe(0);
  }, 120_000);
});

describe('clonedperson detect options', () => {
  it('checks its flags before loading anything', async () => {
    const missing = await runCliCaptured(['detect', '--images', '/nonexistent/photos', '--out', '/tmp/x']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^E_INPUT_MISSING: no such file or folder: \/nonexistent\/photos \(--images\)/);
    const small = await runCliCaptured(['detect', '--images', '.', '--out', '/tmp/x', '--min-height-px', '0']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/^E_USAGE: Expected a positive integer for --min-height-px but received 0/);
  });

  it('names a bad --qualification key or value', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-detect-q-'));
    try {
      await writeFile(path.join(dir, 'q.json'), JSON.stringify({ minFaceScore: 2 }));
      const bad = await runCliCaptured(['detect', '--images', dir, '--out', path.join(dir, 'out'), '--qualification', path.join(dir, 'q.json')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^E_USAGE: Expected a number from 0 to 1 for --qualification minFaceScore but received 2/);
      await writeFile(path.join(dir, 'q.json'), JSON.stringify({ minFace: 0.2 }));
      const unknown = await runCliCaptured(['detect', '--images', dir, '--out', path.join(dir, 'out'), '--qualification', path.join(dir, 'q.json')]);
      expect(unknown.stderr).toMatch(/^E_USAGE: Expected one of minKeypointScore, .* for a key of --qualification but received "minFace"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
