import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { readImage } from '../../../orchestrator/src/imaging/image-io.js';
import { compareImages } from '../../helpers/images.js';
import { GOLDEN_CASES, GOLDEN_DIR } from '../../helpers/render-scenes.js';

// Tolerances: a channel may differ by up to 8 levels (PNG is lossless, so only real rendering
// changes move pixels), and at most 0.5% of channel values may exceed that.
const THRESHOLD = 8;
const MAX_FAILING_SHARE = 0.005;

describe('renderer golden images (regenerate with scripts/update-render-goldens.ts, then look at them)', () => {
  for (const [name, render] of Object.entries(GOLDEN_CASES)) {
    it(`matches ${name}.png`, async () => {
      const golden = await readImage(path.join(GOLDEN_DIR, `${name}.png`));
      const { image } = await render();
      const difference = compareImages(image, golden, THRESHOLD);
      expect(difference.failingShare).toBeLessThanOrEqual(MAX_FAILING_SHARE);
    });
  }

  it('renders the same pixels twice (deterministic)', async () => {
    const a = await GOLDEN_CASES['two-person-occlusion']();
    const b = await GOLDEN_CASES['two-person-occlusion']();
    expect(compareImages(a.image, b.image, 0).maxDifference).toBe(0);
    expect(a.annotations).toEqual(b.annotations);
  });
});
