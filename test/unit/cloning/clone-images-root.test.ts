/**
 * One image id through every stage: with an images root, the clone stage names an outfit by the
 * image's path relative to that root (what `cluster --images <root>` calls the image), however
 * the garment list spells the path.
 */
import { describe, expect, it } from '@jest/globals';
import { createCatalog } from '../../../orchestrator/src/cloning/catalog.js';
import { cloneBatch, imageIdUnder } from '../../../orchestrator/src/cloning/clone-batch.js';
import { OUTFIT_RECORD_CONTRACT } from '../../../orchestrator/src/contracts/outfit-record.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { RECT_TROUSERS_LANDMARKS, rectGarmentPhoto, rectTrousersTemplate } from '../../helpers/garment-fixtures.js';

const catalog = createCatalog([rectTrousersTemplate()], 'test catalog');

async function store(): Promise<ReturnType<typeof createMemoryFileStore>> {
  const png = await encodePng(rectGarmentPhoto());
  const line = (image: string): string => JSON.stringify({ image, category: 8, landmarks: RECT_TROUSERS_LANDMARKS });
  // the authors' layout: the list beside img/, naming img/<photo>
  return createMemoryFileStore({
    '/data/garments.jsonl': [line('img/a.png'), line('img/sub/b.png'), line('other/c.png')].join('\n'),
    '/data/img/a.png': png,
    '/data/img/sub/b.png': png,
    '/data/other/c.png': png,
  });
}

describe('clone images root', () => {
  it('names outfits by the path relative to the images root and records that image id', async () => {
    const files = await store();
    const summary = await cloneBatch({ garmentsFile: '/data/garments.jsonl', imagesDir: '/data', imagesRoot: '/data/img', catalog, outDir: '/out', sizePx: 32, files });
    expect(summary.cloned).toBe(2);
    const a = OUTFIT_RECORD_CONTRACT.parse(await files.read('/out/outfits/a.png.json'), 'a');
    expect(a).toMatchObject({ outfitId: 'a.png', image: 'a.png' });
    const b = OUTFIT_RECORD_CONTRACT.parse(await files.read('/out/outfits/sub__b.png.json'), 'b');
    expect(b.image).toBe('sub/b.png');
    expect(await files.exists('/out/textures/a.png/rect-trousers.png')).toBe(true);
    // an image outside the root cannot be named and fails on its own
    expect(summary.failed).toEqual([expect.objectContaining({ image: 'other/c.png', code: 'E_GARMENTS_INVALID', message: expect.stringContaining('is not inside the images root /data/img') })]);
  });

  it('keeps naming outfits as the list does without an images root', async () => {
    const files = await store();
    const summary = await cloneBatch({ garmentsFile: '/data/garments.jsonl', imagesDir: '/data', catalog, outDir: '/out', sizePx: 32, files });
    expect(summary.cloned).toBe(3);
    expect(await files.exists('/out/outfits/img__a.png.json')).toBe(true);
  });

  it('derives image ids with forward slashes and refuses paths outside the root', () => {
    expect(imageIdUnder('/p', '/p/../p', 'x/y.jpg')).toBe('x/y.jpg');
    expect(imageIdUnder('/p/img', '/p', 'img/a.jpg')).toBe('a.jpg');
    expect(imageIdUnder('/p/img', '/p', 'a.jpg')).toBeUndefined();
    expect(imageIdUnder('/p/img', '/p', 'img')).toBeUndefined();
  });
});
