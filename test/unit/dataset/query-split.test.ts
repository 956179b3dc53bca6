import { describe, expect, it } from '@jest/globals';
import { datasetCameraKey } from '../../../orchestrator/src/contracts/dataset-record.js';
import { splitQueryGallery } from '../../../orchestrator/src/dataset/query-split.js';
import type { TestImage } from '../../../orchestrator/src/dataset/query-split.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';

const image = (pid: number, scene: number, camera: number, frame: number): TestImage => ({ pid, scene, camera, frame });

/** Every query has a gallery image of its identity from another (scene, camera). */
function everyQueryMatched(images: readonly TestImage[], isQuery: readonly boolean[]): boolean {
  return images.every((q, i) => !isQuery[i] || images.some((g, j) => !isQuery[j] && g.pid === q.pid && datasetCameraKey(g.scene, g.camera) !== datasetCameraKey(q.scene, q.camera)));
}

describe('splitQueryGallery', () => {
  it('takes one query per identity and camera, the rest are gallery', () => {
    const images = [image(5, 1, 1, 0), image(5, 1, 1, 15), image(5, 1, 1, 30), image(5, 1, 2, 0), image(5, 1, 2, 15), image(5, 2, 1, 0), image(5, 2, 1, 15)];
    const isQuery = splitQueryGallery(images, 1);
    // cameras 1/1, 1/2 and 2/1 (scene 2's camera 1 is another camera than scene 1's)
    expect(isQuery.filter(Boolean)).toHaveLength(3);
    for (const camera of ['1/1', '1/2', '2/1']) expect(images.filter((im, i) => isQuery[i] && datasetCameraKey(im.scene, im.camera) === camera)).toHaveLength(1);
    expect(everyQueryMatched(images, isQuery)).toBe(true);
  });

  it('gives no query for an identity seen by one camera', () => {
    expect(splitQueryGallery([image(1, 1, 1, 0), image(1, 1, 1, 5), image(1, 1, 1, 10)], 1)).toEqual([false, false, false]);
  });

  it('keeps the image of a camera that saw the identity once in the gallery', () => {
    const images = [image(2, 1, 1, 0), image(2, 1, 1, 5), image(2, 1, 2, 0)];
    const isQuery = splitQueryGallery(images, 3);
    expect(isQuery[2]).toBe(false);
    expect(isQuery.filter(Boolean)).toHaveLength(1);
    // cameras that each saw it once: one of them gives the query
    const singles = [image(3, 1, 1, 0), image(3, 1, 2, 0), image(3, 1, 3, 0)];
    const single = splitQueryGallery(singles, 3);
    expect(single.filter(Boolean)).toHaveLength(1);
    expect(everyQueryMatched(singles, single)).toBe(true);
  });

  it('holds the cross-camera rule on random sets, and each choice depends only on the seed, identity and camera', () => {
    const random = createRandom(9);
    const images = Array.from({ length: 400 }, (_, i) => image(random.int(30), 1 + random.int(2), 1 + random.int(3), i));
    const isQuery = splitQueryGallery(images, 7);
    expect(everyQueryMatched(images, isQuery)).toBe(true);
    // the same choices whatever the order of the images
    const order = images.map((_, i) => i).sort((a, b) => ((a * 7919) % 400) - ((b * 7919) % 400));
    const shuffled = splitQueryGallery(order.map((i) => images[i]), 7);
    order.forEach((i, k) => expect(shuffled[k]).toBe(isQuery[i]));
    // another seed picks other images
    expect(splitQueryGallery(images, 8)).not.toEqual(isQuery);
  });
});
