import { describe, expect, it } from '@jest/globals';
import { createCatalog } from '../../../orchestrator/src/cloning/catalog.js';
import { chooseTemplates } from '../../../orchestrator/src/cloning/choose-templates.js';
import type { GarmentTemplate } from '../../../orchestrator/src/contracts/garment-template.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';

function template(id: string, categories: GarmentTemplate['categories'], parts: GarmentTemplate['parts'] = []): GarmentTemplate {
  return { formatVersion: 1, id, model: id, categories, canvasPx: 1000, uvKeypoints: [], parts, cellBox: [0, 0, 50, 50], pantsRects: [] };
}

const catalog = createCatalog(
  [
    template('top-a', [2]),
    template('top-b', [2]),
    template('trousers-a', [8]),
    template('trousers-b', [8]),
    template('trousers-c', [8]),
    template('suit', [2, 8]),
    template('dress', [10]),
    template('broken-top', [2], [{ garment: 0, landmarks: [1, 2], uv: [1, 2, 3] }]),
  ],
  'test',
);

describe('chooseTemplates', () => {
  it('dresses a top + bottom by a suit or a pair, with the authors\' odds', () => {
    // options: 1 suit + min(2 tops, 3 trousers) = 3 equally likely; the suit in a third
    const random = createRandom(1);
    let suits = 0;
    for (let i = 0; i < 3000; i++) {
      const chosen = chooseTemplates([{ category: 2 }, { category: 8 }], catalog, random);
      if (chosen.length === 1) {
        expect(chosen[0]).toEqual({ template: expect.objectContaining({ id: 'suit' }), garments: [0, 1] });
        suits++;
      } else {
        expect(chosen.map((c) => [c.template.categories, c.garments])).toEqual([[[2], [0]], [[8], [1]]]);
        expect(chosen[0].template.id).not.toBe('broken-top');
      }
    }
    expect(Math.abs(suits / 3000 - 1 / 3)).toBeLessThan(0.03);
  });

  it('keeps garment order when the bottom comes first, and dresses a dress alone', () => {
    const chosen = chooseTemplates([{ category: 8 }, { category: 2 }], catalog, createRandom(5));
    expect(chosen.flatMap((c) => c.garments).sort()).toEqual([0, 1]);
    expect(chooseTemplates([{ category: 10 }], catalog, createRandom(5))).toEqual([{ template: expect.objectContaining({ id: 'dress' }), garments: [0] }]);
  });

  it('honours pinned templates and reports bad pins', () => {
    expect(chooseTemplates([{ category: 2, template: 'suit' }, { category: 8 }], catalog, createRandom(2))).toEqual([
      { template: expect.objectContaining({ id: 'suit' }), garments: [0, 1] },
    ]);
    expect(() => chooseTemplates([{ category: 2, template: 'nope' }], catalog, createRandom(2))).toThrow(expect.objectContaining({ code: 'E_NO_TEMPLATE' }));
    expect(() => chooseTemplates([{ category: 2, template: 'broken-top' }], catalog, createRandom(2))).toThrow(
      expect.objectContaining({ code: 'E_TEMPLATE_GROUPS', message: expect.stringContaining('pairs 2 landmarks with 3 UV keypoints') }),
    );
    expect(() => chooseTemplates([{ category: 8, template: 'dress' }], catalog, createRandom(2))).toThrow(expect.objectContaining({ code: 'E_NO_TEMPLATE' }));
  });

  it('says which category has no usable template', () => {
    expect(() => chooseTemplates([{ category: 7 }], catalog, createRandom(3))).toThrow(/no usable template in test dresses 7 \(shorts\)/);
  });
});
