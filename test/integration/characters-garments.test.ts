/**
 * The bundled garment templates (orchestrator/data/garments): they load in the cloning catalog
 * without problems, dress the expected DeepFashion2 categories, and are what the derivation
 * gives today (so a change in the derivation shows up here and in the review sheets).
 */
import { expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundledGarmentsDir, deriveClothesTemplates, loadCorrections } from '../../orchestrator/src/garments/garment-templates.js';
import { MakeHumanData } from '../../orchestrator/src/makehuman/makehuman-data.js';
import { loadCatalog } from '../../orchestrator/src/cloning/catalog.js';
import { MAKEHUMAN_DATA, SHARED_ASSETS, describeWithAssets } from '../helpers/assets.js';

// What each CC0 suit is, by looking at it (docs/images/garments): 1 short-sleeve top,
// 2 long-sleeve top (shirts, jackets), 7 shorts, 8 trousers, 9 skirt.
const EXPECTED: Record<string, [number, number]> = {
  female_casualsuit01: [1, 8],
  female_casualsuit02: [1, 7],
  female_elegantsuit01: [2, 9],
  female_sportsuit01: [1, 8],
  male_casualsuit01: [2, 8],
  male_casualsuit02: [2, 8],
  male_casualsuit03: [2, 8],
  male_casualsuit04: [1, 8],
  male_casualsuit05: [2, 8],
  male_casualsuit06: [1, 8],
  male_elegantsuit01: [2, 8],
  male_worksuit01: [1, 8],
};

describeWithAssets('bundled garment templates', () => {
  it('load in the cloning catalog, usable, one per suit with the expected categories', async () => {
    const catalog = await loadCatalog(bundledGarmentsDir());
    expect([...catalog.problems]).toEqual([]);
    expect(Object.fromEntries(catalog.templates.map((t) => [t.model, t.categories]))).toEqual(EXPECTED);
    for (const template of catalog.templates) {
      expect(template.parts.filter((p) => p.garment === 1).length).toBeGreaterThan(0);
      expect(template.pantsRects.length).toBeGreaterThan(0);
    }
  });

  it('are reproduced by the derivation (one suit with a split torso checked)', async () => {
    const data = new MakeHumanData(
      { user: [], system: [MAKEHUMAN_DATA], missing: [] },
      { targets: 'npz', targetsNpz: path.join(SHARED_ASSETS, 'makehuman', 'release-layout', 'targets.npz') },
    );
    const models = ['male_casualsuit01'];
    const result = await deriveClothesTemplates(data, { models, corrections: await loadCorrections(), reviewPanelPx: 64 });
    for (const derived of result.templates) {
      const committed = JSON.parse(await readFile(path.join(bundledGarmentsDir(), `${derived.model}.json`), 'utf8')) as typeof derived.template;
      expect(JSON.parse(JSON.stringify(derived.template))).toEqual(committed);
    }
    expect(result.templates.map((t) => t.model)).toEqual(models);
  });
});
