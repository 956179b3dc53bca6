import { describe, expect, it } from '@jest/globals';
import type { GarmentCategory } from '../../../orchestrator/src/contracts/garment-categories.js';
import { DETECT_PHOTO_DEFAULTS, detectPhoto } from '../../../orchestrator/src/detect/detect-photo.js';
import { assignGarments } from '../../../orchestrator/src/detect/assign-garments.js';
import { chooseOutfit, modelGarments } from '../../../orchestrator/src/detect/model-garments.js';
import type { GarmentDetection, GarmentModels } from '../../../orchestrator/src/detect/models/garment-models.js';
import { fakePersonModels } from '../../helpers/fake-person-models.js';
import { drawSyntheticPhoto } from '../../helpers/synthetic-person.js';

const photo1 = drawSyntheticPhoto(220, 360, [{ centreX: 110, topY: 15, heightPx: 330, sleeves: 'long', bottom: 'trousers', legsApart: true }]);

/** Garment models that find the given garments and return `count` landmarks along a diagonal of each box. */
function fakeGarmentModels(found: GarmentDetection[], count?: (category: GarmentCategory) => number): GarmentModels & { calls: number } {
  const df2 = { 1: 25, 2: 33, 5: 15, 7: 10, 8: 14, 9: 8, 10: 29, 12: 19 } as Record<number, number>;
  const models = {
    fingerprint: 'fake-garments@1',
    calls: 0,
    async detect() {
      models.calls++;
      return found;
    },
    async landmarks(_image: unknown, garment: { category: GarmentCategory; box: [number, number, number, number] }) {
      const n = count ? count(garment.category) : df2[garment.category];
      const [x1, y1, x2, y2] = garment.box;
      // DeepFashion2 order with its point 7 (one shoulder) on the image's right: read mirrored
      return Array.from({ length: n }, (_, i) => [x2 - ((x2 - x1) * i) / n, y1 + ((y2 - y1) * i) / n] as [number, number]);
    },
    async close() {},
  };
  return models;
}

describe('chooseOutfit', () => {
  const g = (category: GarmentCategory, score: number): GarmentDetection => ({ category, score, box: [0, 0, 10, 10] });
  it('takes the best top and bottom, or a dress that scores at least as well', () => {
    expect(chooseOutfit([g(1, 0.6), g(2, 0.9), g(8, 0.7), g(10, 0.5)]).map((d) => d.category)).toEqual([2, 8]);
    expect(chooseOutfit([g(1, 0.6), g(8, 0.7), g(10, 0.8)]).map((d) => d.category)).toEqual([10]);
    // outerwear and slings have no ClonedPerson scheme
    expect(chooseOutfit([g(4, 0.99), g(6, 0.9), g(9, 0.5)]).map((d) => d.category)).toEqual([9]);
    expect(chooseOutfit([])).toEqual([]);
  });
});

describe('modelGarments', () => {
  it('maps full DeepFashion2 landmark sets to the scheme and notes unusable counts', async () => {
    const models = fakeGarmentModels([{ category: 2, score: 0.9, box: [40, 60, 180, 180] }, { category: 8, score: 0.8, box: [60, 170, 160, 330] }], (c) => (c === 8 ? 13 : 33));
    const { garments, notes } = await modelGarments(models, photo1.photo, [0, 0, 220, 360]);
    expect(garments.map((x) => [x.category, x.landmarks.length, x.source])).toEqual([[2, 19, 'model']]);
    expect(notes).toEqual([expect.stringMatching(/13 landmarks for category 8/)]);
  });
});

describe('assignGarments', () => {
  it('gives a garment to the person holding most of its landmarks', () => {
    const boxes: [number, number, number, number][] = [[0, 0, 100, 200], [80, 0, 200, 200], [300, 0, 400, 200]];
    expect(assignGarments(boxes, [{ landmarks: [[10, 10], [50, 50], [90, 90]] }, { landmarks: [[85, 10], [150, 10], [190, 100]] }, { landmarks: [[500, 10], [510, 10]] }])).toEqual([0, 1, -1]);
  });
});

describe('detectPhoto', () => {
  it('qualifies a clear front view and estimates its garments', async () => {
    const models = fakePersonModels([photo1]);
    const { people, notes } = await detectPhoto({ photo: photo1.photo, models });
    expect(notes).toEqual([]);
    expect(people).toHaveLength(1);
    const [person] = people;
    expect(person).toMatchObject({ qualified: true, rejections: [], score: 0.9 });
    expect(person.box).toEqual(photo1.people[0].box);
    expect(person.keypoints).toHaveLength(17);
    expect(person.garments.map((g) => [g.category, g.source])).toEqual([[2, 'estimated'], [8, 'estimated']]);
    expect(models.calls).toEqual({ detect: 1, refinePose: 1, segment: 1 });
  });

  it('takes annotated garments, then model garments, over the estimate', async () => {
    const annotation = { image: 'a.png', garments: [{ category: 1 as const, landmarks: photo1.people[0].keypoints.slice(0, 15).map((k) => [k[0], k[1]] as [number, number]), where: 'annos#item1' }] };
    const annotated = await detectPhoto({ photo: photo1.photo, models: fakePersonModels([photo1]), annotation });
    expect(annotated.people[0].garments.map((g) => [g.category, g.source])).toEqual([[1, 'annotation']]);

    const garmentModels = fakeGarmentModels([{ category: 10, score: 0.9, box: [40, 60, 180, 300] }]);
    const modelled = await detectPhoto({ photo: photo1.photo, models: fakePersonModels([photo1]), garmentModels });
    expect(modelled.people[0].garments.map((g) => [g.category, g.source, g.landmarks.length])).toEqual([[10, 'model', 22]]);
  });

  it('uses annotated people instead of the detector', async () => {
    const models = fakePersonModels([photo1]);
    const annotation = { image: 'a.png', people: [{ box: photo1.people[0].box, keypoints: photo1.people[0].keypoints }], garments: [] };
    const { people } = await detectPhoto({ photo: photo1.photo, models, annotation });
    expect(people[0].qualified).toBe(true);
    expect(models.calls.detect).toBe(0);
    expect(models.calls.refinePose).toBe(0);
  });

  it('rejects back views and crowds without estimating garments, and skips crop models for small people', async () => {
    const scene = drawSyntheticPhoto(400, 360, [
      { centreX: 90, topY: 15, heightPx: 330, sleeves: 'long', bottom: 'trousers', back: true },
      { centreX: 250, topY: 15, heightPx: 330, sleeves: 'short', bottom: 'shorts' },
      { centreX: 300, topY: 20, heightPx: 320, sleeves: 'short', bottom: 'skirt' },
      { centreX: 370, topY: 200, heightPx: 100, sleeves: 'short', bottom: 'skirt' },
    ]);
    const models = fakePersonModels([scene]);
    const { people } = await detectPhoto({ photo: scene.photo, models });
    expect(people.map((p) => p.qualified)).toEqual([false, false, false, false]);
    expect(people[0].rejections).toContain('back-view');
    expect(people[1].rejections).toContain('overlapped');
    expect(people[2].rejections).toContain('overlapped');
    expect(people[3].rejections).toContain('too-small');
    expect(people.every((p) => p.garments.length === 0)).toBe(true);
    expect(models.calls).toEqual({ detect: 1, refinePose: 3, segment: 3 });
  });

  it('finds nobody in a photo without people', async () => {
    const empty = drawSyntheticPhoto(100, 100, []);
    expect((await detectPhoto({ photo: empty.photo, models: fakePersonModels([photo1]) }, DETECT_PHOTO_DEFAULTS)).people).toEqual([]);
  });
});
