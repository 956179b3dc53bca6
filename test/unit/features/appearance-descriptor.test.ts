import { describe, expect, it } from '@jest/globals';
import { APPEARANCE_DIM, appearanceDescriptor } from '../../../orchestrator/src/features/appearance-descriptor.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { renderPerson, randomOutfit, similarOutfit } from '../../../orchestrator/src/clustering/synthetic-people.js';

/** A figure: top colour over the upper half, bottom colour below, on a background. */
function figure(top: [number, number, number], bottom: [number, number, number], background: [number, number, number], width = 60, height = 150): RawImage {
  const image = createRawImage(width, height, 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x > width * 0.25 && x < width * 0.75;
      image.data.set(inside ? (y < height / 2 ? top : bottom) : background, 3 * (y * width + x));
    }
  }
  return image;
}

const cosine = (a: Float32Array, b: Float32Array): number => 1 - a.reduce((s, v, k) => s + v * b[k], 0);

describe('appearance descriptor', () => {
  it('is a unit vector of the documented length, also for grey or black crops', () => {
    for (const image of [figure([200, 30, 30], [20, 20, 200], [90, 160, 90]), createRawImage(10, 20, 3), createRawImage(30, 90, 1)]) {
      const v = appearanceDescriptor(image);
      expect(v).toHaveLength(APPEARANCE_DIM);
      expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it('depends on clothes, hardly on the background or the crop size', () => {
    const a = appearanceDescriptor(figure([200, 30, 30], [20, 20, 200], [90, 160, 90]));
    const sameOtherBackground = appearanceDescriptor(figure([200, 30, 30], [20, 20, 200], [220, 200, 40], 80, 200));
    const swapped = appearanceDescriptor(figure([20, 20, 200], [200, 30, 30], [90, 160, 90]));
    const otherColours = appearanceDescriptor(figure([30, 200, 30], [230, 230, 230], [90, 160, 90]));
    expect(cosine(a, sameOtherBackground)).toBeLessThan(0.05);
    // the same colours in the other vertical order are a different outfit
    expect(cosine(a, swapped)).toBeGreaterThan(0.3);
    expect(cosine(a, otherColours)).toBeGreaterThan(0.3);
  });

  it('puts views of one synthetic person closer than a similar and a random person', () => {
    const random = createRandom(12);
    let wins = 0;
    const trials = 12;
    for (let t = 0; t < trials; t++) {
      const outfit = randomOutfit(random);
      const view1 = appearanceDescriptor(renderPerson(outfit, random));
      const view2 = appearanceDescriptor(renderPerson(outfit, random));
      const other = appearanceDescriptor(renderPerson(randomOutfit(random), random));
      const similar = appearanceDescriptor(renderPerson(similarOutfit(outfit, random), random));
      if (cosine(view1, view2) < cosine(view1, other) && cosine(view1, similar) < cosine(view1, other)) wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(trials - 2);
  });
});
