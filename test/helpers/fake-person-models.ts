/**
 * Person models for tests that know the answer: they recognise the synthetic photos they were
 * given (by their pixels) and return those people's boxes, keypoints and exact masks, the way
 * the built-in models would. A photo they do not know has nobody in it. `failOn` makes a call
 * throw (a model with the wrong output shape, say) for photos it names.
 */
import type { PersonCandidate, PersonMask, PersonModels } from '../../orchestrator/src/detect/models/person-models.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { contentHash } from '../../orchestrator/src/shared/input-key.js';
import type { SyntheticPhoto } from './synthetic-person.js';

export interface FakePersonModelOptions {
  /** Throws this error when called on the given photo (by index in `photos`). */
  failOn?: { photo: number; error: Error };
  fingerprint?: string;
}

function iou(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h);
}

export interface FakePersonModels extends PersonModels {
  /** Calls per method, for tests of what was (not) run. */
  calls: { detect: number; refinePose: number; segment: number };
  closed: boolean;
}

export function fakePersonModels(photos: readonly SyntheticPhoto[], options: FakePersonModelOptions = {}): FakePersonModels {
  const byPixels = new Map(photos.map((p, i) => [contentHash(p.photo.data), i]));
  const find = (image: RawImage): number | undefined => byPixels.get(contentHash(image.data));
  const check = (index: number | undefined): void => {
    if (options.failOn && index === options.failOn.photo) throw options.failOn.error;
  };
  const person = (image: RawImage, box: readonly number[]): { index: number; k: number } | undefined => {
    const index = find(image);
    if (index === undefined) return undefined;
    let best = -1;
    let bestIou = 0;
    photos[index].people.forEach((p, k) => {
      const overlap = iou(p.box, box);
      if (overlap > bestIou) {
        best = k;
        bestIou = overlap;
      }
    });
    return best < 0 ? undefined : { index, k: best };
  };
  const models: FakePersonModels = {
    fingerprint: options.fingerprint ?? 'fake-person-models@1',
    calls: { detect: 0, refinePose: 0, segment: 0 },
    closed: false,
    async detect(image) {
      models.calls.detect++;
      const index = find(image);
      check(index);
      if (index === undefined) return [];
      return photos[index].people.map((p): PersonCandidate => ({ box: [...p.box], score: 0.9, keypoints: p.keypoints.map((k) => [k[0], k[1], k[2]]) }));
    },
    async refinePose(image, box) {
      models.calls.refinePose++;
      const found = person(image, box);
      check(found?.index);
      if (!found) return Array.from({ length: 17 }, () => [0, 0, 0] as [number, number, number]);
      return photos[found.index].people[found.k].keypoints.map((k) => [k[0], k[1], k[2]]);
    },
    async segment(image, box): Promise<PersonMask> {
      models.calls.segment++;
      const found = person(image, box);
      check(found?.index);
      if (!found) return { box: [...box] as [number, number, number, number], widthPx: 1, heightPx: 1, data: new Float32Array(1) };
      const mask = photos[found.index].masks[found.k];
      return { box: [...mask.box] as [number, number, number, number], widthPx: mask.widthPx, heightPx: mask.heightPx, data: mask.data };
    },
    async close() {
      models.closed = true;
    },
  };
  return models;
}
