/**
 * A detections JSONL names images relative to the photos folder, wherever the file itself lies:
 * with a root, relative paths resolve against it and keep their spelling as the image id.
 */
import { describe, expect, it } from '@jest/globals';
import { readImageList } from '../../../orchestrator/src/clustering/image-list.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

const files = createMemoryFileStore({
  '/run/detect/detections.jsonl': `${JSON.stringify({ image: 'sub/a.jpg', box: [1, 2, 30, 40] })}\n${JSON.stringify({ image: '/abs/b.jpg' })}\n`,
  '/photos/sub/a.jpg': new Uint8Array([1]),
});

describe('readImageList root', () => {
  it('resolves a JSONL\'s relative images against the given root', async () => {
    const list = await readImageList('/run/detect/detections.jsonl', files, { root: '/photos' });
    expect(list.root).toBe('/photos');
    expect(list.items).toEqual([
      { image: 'sub/a.jpg', file: '/photos/sub/a.jpg', box: [1, 2, 30, 40] },
      { image: '/abs/b.jpg', file: '/abs/b.jpg' },
    ]);
  });

  it('resolves against the JSONL\'s folder without a root', async () => {
    const list = await readImageList('/run/detect/detections.jsonl', files);
    expect(list.items[0].file).toBe('/run/detect/sub/a.jpg');
  });
});
