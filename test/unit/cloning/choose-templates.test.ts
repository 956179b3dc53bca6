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

  it('says which category has no usable template when nearest templates are off', () => {
    expect(() => chooseTemplates([{ category: 7 }], catalog, createRandom(3), { nearest: false })).toThrow(/no usable template in test dresses 7 \(shorts\)/);
  });

  it('dresses a garment without templates of its category by the cheapest substitute, saying how it is carried', () => {
    const small = createCatalog([template('top-a', [1]), template('pants', [8]), template('suit-ls', [2, 9])], 'small');
    // vest + skirt: suit-ls costs 2 (vest -> long-sleeve top); top-a + pants 1 + 4 (skirt -> trousers)
    const chosen = chooseTemplates([{ category: 5 }, { category: 9 }], small, createRandom(4));
    expect(chosen).toEqual([
      {
        template: expect.objectContaining({ id: 'suit-ls' }),
        garments: [0, 1],
        carries: [
          { category: 2, links: [{ from: 5, renames: {} }] },
          { category: 9, links: [] },
        ],
      },
    ]);
  });

  it('gives dressings of equal cost the authors\' odds', () => {
    // long-sleeve top + shorts: [2, 8] (shorts -> trousers, 2) and [1, 7] (top -> short sleeves, 2)
    const tie = createCatalog([template('ls-trousers', [2, 8]), template('ss-shorts', [1, 7])], 'tie');
    const random = createRandom(9);
    let first = 0;
    for (let i = 0; i < 2000; i++) if (chooseTemplates([{ category: 2 }, { category: 7 }], tie, random)[0].template.id === 'ls-trousers') first++;
    expect(Math.abs(first / 2000 - 0.5)).toBeLessThan(0.04);
  });
});
