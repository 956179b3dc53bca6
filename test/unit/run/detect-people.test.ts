/** The run's people from detections: one per photo, the rest dropped with detect's reasons. */
import { describe, expect, it } from '@jest/globals';
import type { DetectionLine } from '../../../orchestrator/src/contracts/detections.js';
import { peopleFromDetections } from '../../../orchestrator/src/run/steps/detect-step.js';

function line(image: string, box: [number, number, number, number], rejections: string[] = [], garments = true): DetectionLine {
  return {
    image,
    box,
    keypoints: [],
    qualified: rejections.length === 0,
    rejections,
    garments: garments ? [{ category: 10, landmarks: [[1, 1], [2, 2], [3, 1]], source: 'estimated' }] : [],
  };
}

describe('peopleFromDetections', () => {
  it('keeps the largest qualified person of a photo and says why everyone else is not passed on', () => {
    const lines = [
      line('a.jpg', [0, 0, 10, 40]),
      line('a.jpg', [0, 0, 20, 60]),
      line('a.jpg', [0, 0, 50, 90], ['side-view']),
      line('b.jpg', [0, 0, 10, 40], ['back-view', 'truncated']),
      line('c.jpg', [0, 0, 10, 40], [], false),
    ];
    const { people, garments, dropped } = peopleFromDetections(lines, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'], false);
    expect(people).toEqual([{ image: 'a.jpg', box: [0, 0, 20, 60] }]);
    expect(garments).toEqual([{ image: 'a.jpg', category: 10, landmarks: [[1, 1], [2, 2], [3, 1]] }]);
    expect(dropped.map((d) => [d.image, d.reason])).toEqual([
      ['a.jpg', 'second-person'],
      ['b.jpg', 'back-view'],
      ['c.jpg', 'garments-unknown'],
      ['d.jpg', 'no-person'],
    ]);
  });

  it('passes on unqualified people whose garments were placed when asked to', () => {
    const { people } = peopleFromDetections([line('b.jpg', [0, 0, 10, 40], ['side-view'])], ['b.jpg'], true);
    expect(people).toEqual([{ image: 'b.jpg', box: [0, 0, 10, 40] }]);
  });
});
