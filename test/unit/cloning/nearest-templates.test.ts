/**
 * Nearest templates: every DeepFashion2 category is dressed by the bundled catalog, exactly or by
 * the documented mapping (category-substitutes.ts), and the landmarks carried over are the ones
 * the mapping names. Landmark indices are worked out by hand from the schemes' orders.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadCatalog } from '../../../orchestrator/src/cloning/catalog.js';
import type { GarmentCatalog } from '../../../orchestrator/src/cloning/catalog.js';
import { carriedIndices, dressSplits, reachable } from '../../../orchestrator/src/cloning/category-substitutes.js';
import { chooseTemplates } from '../../../orchestrator/src/cloning/choose-templates.js';
import { cloneOutfit } from '../../../orchestrator/src/cloning/clone-outfit.js';
import { createAppearanceExtractor } from '../../../orchestrator/src/cloning/feature-extractor.js';
import { carryGarment, restrictTemplate } from '../../../orchestrator/src/cloning/garment-substitution.js';
import { extendedLandmarkNames, landmarkNames } from '../../../orchestrator/src/cloning/landmark-schemes.js';
import { CLONEDPERSON_LANDMARK_COUNTS, DEEPFASHION2_CATEGORIES } from '../../../orchestrator/src/contracts/garment-categories.js';
import type { GarmentCategory } from '../../../orchestrator/src/contracts/garment-categories.js';
import { templateProblems } from '../../../orchestrator/src/contracts/garment-template.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { REPO_ROOT } from '../../helpers/asset-paths.js';
import { schematicLandmarks, schematicPhoto } from './schematic-person.js';

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as GarmentCategory[];

function linksTo(from: GarmentCategory, to: GarmentCategory): ReturnType<typeof reachable>[number]['links'] {
  const reach = reachable(from).find((r) => r.category === to);
  if (!reach) throw new Error(`${from} does not reach ${to}`);
  return reach.links;
}

describe('landmark schemes', () => {
  it('name as many landmarks as the ClonedPerson scheme counts, each name once', () => {
    for (const [category, count] of Object.entries(CLONEDPERSON_LANDMARK_COUNTS)) {
      const names = landmarkNames(Number(category) as GarmentCategory);
      expect(names).toHaveLength(count);
      expect(new Set(names).size).toBe(count);
    }
  });

  it('name the derived midpoints after the two landmarks they join', () => {
    // 2: midpoint of 12 and 13 (the hem corners); 9: of 1 and 2 (the waist corners); 10: of 10 and 18
    expect(extendedLandmarkNames(2)[19]).toBe('hemCentre');
    expect([landmarkNames(2)[11], landmarkNames(2)[12]]).toEqual(['leftHem', 'rightHem']);
    expect(extendedLandmarkNames(9)[7]).toBe('waistCentre');
    expect([landmarkNames(9)[0], landmarkNames(9)[1]]).toEqual(['rightWaist', 'leftWaist']);
    expect(extendedLandmarkNames(10)[22]).toBe('waistCentre');
    expect([landmarkNames(10)[9], landmarkNames(10)[17]]).toEqual(['leftWaist', 'rightWaist']);
  });
});

describe('carried landmarks (hand-worked from the schemes)', () => {
  it('carries a vest onto a short-sleeve top without sleeves', () => {
    expect(carriedIndices(1, linksTo(5, 1))).toEqual([1, 2, 3, 4, 5, null, null, 6, 7, 8, 9, 10, 11, null, null]);
  });

  it('makes a long-sleeve top\'s elbows the short cuffs, and a short-sleeve top\'s cuffs the elbows', () => {
    expect(carriedIndices(1, linksTo(2, 1))).toEqual([1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 19]);
    expect(carriedIndices(2, linksTo(1, 2))).toEqual([1, 2, 3, 4, 5, 6, null, null, 7, 8, 9, 10, 11, 12, 13, 14, null, null, 15]);
  });

  it('puts shorts on the upper legs of trousers, and a skirt on shorts without a crotch', () => {
    expect(carriedIndices(8, linksTo(7, 8))).toEqual([1, 2, 3, 4, 5, null, null, 6, 7, 8, null, null, 9, 10]);
    // the skirt's derived waist centre (8) is the shorts' waist centre; its front hem centre (5) both inner hems
    expect(carriedIndices(7, linksTo(9, 7))).toEqual([1, 8, 2, 3, 4, 5, null, 5, 6, 7]);
  });

  it('splits a short-sleeve dress at the waist into a top and a skirt', () => {
    const split = dressSplits(10).find((s) => s.top.category === 1 && s.bottom.category === 9)!;
    expect(split.cost).toBe(2);
    // top: shoulders, neck, cuffs, armpits as they are; its waist the dress's upper side, its hem the dress's waist
    expect(carriedIndices(1, split.top.links)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 19, 20, 21, 22]);
    // skirt: waist corners at the dress's waist, sides at the hips, hem as the dress's
    expect(carriedIndices(9, split.bottom.links)).toEqual([18, 10, 11, 13, 14, 15, 17]);
  });

  it('splits a vest dress into a sleeveless long-sleeve top whose hem centre derives from the dress\'s waist', () => {
    const split = dressSplits(12).find((s) => s.top.category === 2 && s.bottom.category === 9)!;
    expect(split.cost).toBe(4);
    const top = carriedIndices(2, split.top.links);
    expect(top).toEqual([1, 2, 3, 4, 5, null, null, null, null, 6, null, 7, 15, null, 16, null, null, null, null]);
    const carried = carryGarment({ category: 12, landmarks: schematicLandmarks(12) }, { category: 2, links: split.top.links });
    // derived 20 = midpoint of 12 and 13, both observed (the dress's waist corners)
    expect(carried.observed).toHaveLength(20);
    expect(carried.observed[19]).toBe(true);
  });

  it('reaches a category from every category of its role, and nothing of another role', () => {
    for (const from of ALL) {
      for (const reach of reachable(from)) {
        const indices = carriedIndices(reach.category, reach.links);
        expect(indices).toHaveLength(landmarkNames(reach.category).length);
        for (const index of indices) if (index !== null) expect(index).toBeLessThanOrEqual(extendedLandmarkNames(from).length);
      }
      const roles = new Set(reachable(from).map((r) => (r.category <= 6 ? 'top' : r.category <= 9 ? 'bottom' : 'dress')));
      expect(roles.size).toBe(1);
    }
  });
});

describe('carryGarment and restrictTemplate', () => {
  it('keeps a garment of the template\'s own category unchanged', () => {
    const garment = { category: 8 as GarmentCategory, landmarks: schematicLandmarks(8) };
    const carried = carryGarment(garment, { category: 8, links: [] });
    expect(carried.garment).toBe(garment);
    expect(carried.observed.every(Boolean)).toBe(true);
  });

  it('outlines a carried garment by its observed points and drops the template points it lacks', async () => {
    const catalog = await bundledCatalog();
    const vest = { category: 5 as GarmentCategory, landmarks: schematicLandmarks(5) };
    const carried = carryGarment(vest, { category: 1, links: linksTo(5, 1) });
    expect(carried.garment.category).toBe(1);
    expect(carried.garment.landmarks).toHaveLength(15);
    expect(carried.garment.outline).toEqual(vest.landmarks);
    expect(carried.observed).toEqual([true, true, true, true, true, false, false, true, true, true, true, true, true, false, false]);
    const suit = catalog.templates.find((t) => t.id === 'female_casualsuit02')!;
    const restricted = restrictTemplate(suit, [carried.observed, new Array(10).fill(true)], 'from-vest-shorts');
    expect(restricted.id).toBe('female_casualsuit02.from-vest-shorts');
    // the torso part keeps all nine points; the sleeves (5 6 7 8 and 13 14 15 1) keep two each and go
    expect(restricted.parts.map((p) => [p.garment, p.landmarks])).toEqual([
      [0, [1, 2, 3, 4, 5, 8, 10, 11, 13]],
      [1, [1, 2, 7, 8, 9, 10]],
      [1, [2, 3, 4, 5, 6, 7]],
    ]);
    expect(templateProblems(restricted)).toEqual([]);
  });
});

let bundled: GarmentCatalog | undefined;
async function bundledCatalog(): Promise<GarmentCatalog> {
  bundled ??= await loadCatalog(path.join(REPO_ROOT, 'orchestrator/data/garments'));
  return bundled;
}

/** The outfits each category is tried in: with a partner of the other role, and alone. */
function outfitsWith(category: GarmentCategory): GarmentCategory[][] {
  if (category <= 6) return [[category, 8], [category]];
  if (category <= 9) return [[1, category], [category]];
  return [[category]];
}

describe('the bundled catalog dresses every DeepFashion2 category', () => {
  let catalog: GarmentCatalog;
  beforeAll(async () => {
    catalog = await bundledCatalog();
  });

  it.each(ALL.map((c) => [c, DEEPFASHION2_CATEGORIES[c]]))('clones category %i (%s), with a partner and alone', async (category) => {
    const photo = schematicPhoto();
    for (const outfit of outfitsWith(category as GarmentCategory)) {
      const garments = outfit.map((c) => ({ category: c, landmarks: schematicLandmarks(c) }));
      const result = await cloneOutfit(`outfit-${outfit.join('-')}`, photo, garments, catalog, createAppearanceExtractor(), { sizePx: 64 });
      expect(result.textures.length).toBeGreaterThan(0);
      const dressed = result.textures.flatMap((t) => t.garments);
      for (let g = 0; g < garments.length; g++) expect(dressed).toContain(g);
      // the photo's own garment is always registered somewhere (not only tiled)
      expect(result.textures.some((t) => t.parts.length > 0)).toBe(true);
      for (const texture of result.textures) expect(templateProblems(texture.template)).toEqual([]);
    }
  });

  it.each<[string, GarmentCategory[], string]>([
    ['a vest + skirt: the long-sleeve top + skirt suit (cost 2)', [5, 9], 'female_elegantsuit01.from-vest-skirt'],
    ['a vest + shorts: the short-sleeve top + shorts suit (cost 1)', [5, 7], 'female_casualsuit02.from-vest-shorts'],
    ['a short-sleeve top + skirt: the long-sleeve top + skirt suit (cost 2)', [1, 9], 'female_elegantsuit01.from-short_sleeve_top-skirt'],
    ['a short-sleeve dress: the long-sleeve top + skirt suit (cost 4)', [10], 'female_elegantsuit01.from-short_sleeve_dress'],
    ['a vest dress: the long-sleeve top + skirt suit (cost 4)', [12], 'female_elegantsuit01.from-vest_dress'],
  ])('dresses %s', async (_name, categories, id) => {
    const choice = chooseTemplates(categories.map((category) => ({ category })), await bundledCatalog(), createRandom(1));
    const garments = categories.map((c) => ({ category: c, landmarks: schematicLandmarks(c) }));
    const result = await cloneOutfit('outfit', schematicPhoto(), garments, await bundledCatalog(), createAppearanceExtractor(), { sizePx: 64 });
    expect(choice).toHaveLength(1);
    expect(result.textures.map((t) => t.template.id)).toEqual([id]);
  });

  it('keeps the authors\' rule (E_NO_TEMPLATE) when nearest templates are off', async () => {
    const garments = [5, 9].map((c) => ({ category: c as GarmentCategory, landmarks: schematicLandmarks(c as GarmentCategory) }));
    await expect(cloneOutfit('outfit', schematicPhoto(), garments, await bundledCatalog(), createAppearanceExtractor(), { sizePx: 64, nearestTemplates: false })).rejects.toMatchObject({
      code: 'E_NO_TEMPLATE',
    });
  });
});
