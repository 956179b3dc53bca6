import { describe, expect, it } from '@jest/globals';
import { parseDetectionsJsonl, readImageList } from '../../../orchestrator/src/clustering/image-list.js';
import { DETECTION_LINE_CONTRACT } from '../../../orchestrator/src/contracts/detections.js';
import type { DetectionLine } from '../../../orchestrator/src/contracts/detections.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

function line(overrides: Partial<DetectionLine>): string {
  return DETECTION_LINE_CONTRACT.formatLine({ image: 'p/a.jpg', box: [1, 2, 31, 92], keypoints: [], qualified: true, rejections: [], garments: [], ...overrides });
}

describe('cluster --images detections.jsonl', () => {
  it('lists each photo\'s qualified person with its box, relative to the images root', () => {
    const text = [line({}), line({ image: 'p/b.jpg', qualified: false, rejections: ['truncated'] }), line({ image: 'p/c.jpg', box: [0, 0, 10, 30] }), line({ image: 'p/c.jpg', box: [20, 0, 60, 100] })].join('');
    expect(parseDetectionsJsonl(text, '/photos')).toEqual([
      { image: 'p/a.jpg', file: '/photos/p/a.jpg', box: [1, 2, 31, 92] },
      { image: 'p/c.jpg', file: '/photos/p/c.jpg', box: [20, 0, 60, 100] },
    ]);
  });

  it('names a malformed detection line by the contract', () => {
    const bad = line({}).replace('"qualified":true', '"qualified":"yes"');
    expect(() => parseDetectionsJsonl(`${line({})}${bad}`, '/photos', 'd.jsonl')).toThrow(expect.objectContaining({ code: 'E_DETECTIONS_INVALID', message: expect.stringMatching(/^d\.jsonl:2: \/qualified/) }));
  });

  it('reads the file from a detect folder against the photos folder', async () => {
    const files = createMemoryFileStore({ '/out/detect/detections.jsonl': line({}) });
    const list = await readImageList('/out/detect/detections.jsonl', files, { root: '/photos' });
    expect(list.items).toEqual([{ image: 'p/a.jpg', file: '/photos/p/a.jpg', box: [1, 2, 31, 92] }]);
  });
});
