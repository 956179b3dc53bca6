/**
 * Character assembly on the synthetic mini-body (test/helpers/synthetic-makehuman.ts), every
 * expected number worked out by hand from its files.
 */
import { describe, expect, it } from '@jest/globals';
import { assembleCharacter } from '../../../orchestrator/src/characters/character-assembly.js';
import type { AssembledCharacter, MeshPart } from '../../../orchestrator/src/characters/character-assembly.js';
import type { CharacterSpec } from '../../../orchestrator/src/characters/character-spec.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { FALLBACK_SKIN_TONES } from '../../../orchestrator/src/makehuman/skin-tones.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

const SPEC: CharacterSpec = {
  id: 'mini',
  // gender 1 (shoulders 1 dm wider), height 0.75 (top 2 dm higher): body top vertices at (+-2, 18)
  macro: { ...MACRO_DEFAULTS, gender: 1, height: 0.75 },
  skeleton: 'default',
  skin: 'default',
  clothes: [{ asset: 'shirt01' }],
  hideFacesUnderClothes: true,
};

function part(character: AssembledCharacter, name: string): MeshPart {
  return character.parts.find((p) => p.name === name)!;
}

/** Influences of vertex v as [joint, weight] pairs with non-zero weight. */
function influencesOf(p: MeshPart, v: number): [number, number][] {
  const k = p.influences.influences;
  const out: [number, number][] = [];
  for (let j = 0; j < k; j++) if (p.influences.weights[v * k + j] > 0) out.push([p.influences.joints[v * k + j], +p.influences.weights[v * k + j].toFixed(6)]);
  return out;
}

const round = (values: ArrayLike<number>): number[] => Array.from(values, (x) => +x.toFixed(6));

describe('character assembly (the mini-body)', () => {
  it('fits the shirt to the morphed body: barycentric weights plus offsets scaled by the body', async () => {
    const character = await assembleCharacter(await SyntheticMakeHuman.create(), SPEC);
    expect(character.parts.map((p) => [p.name, p.kind])).toEqual([
      ['body', 'body'],
      ['shirt01', 'clothes'],
    ]);
    // x_scale |x2 - x3| / 2 = 1, y_scale |y2 - y4| / 8 = (18 - 8) / 8 = 1.25
    // p2 = 0.75 (2, 18, 0) + 0.25 (1, 8, 0) + (0.5 x 1, 0.4 x 1.25, 0.5) = (2.25, 16, 0.5)
    expect(round(part(character, 'shirt01').positions)).toEqual([-1, 8, 0.5, 1, 8, 0.5, 2.25, 16, 0.5, -2, 18, 0.5]);
    expect(character.heightCm).toBe(180);
  });

  it('hides the body faces under the shirt (all four corners deleted) and never outputs helpers', async () => {
    const assets = await SyntheticMakeHuman.create();
    const hidden = await assembleCharacter(assets, SPEC);
    // faces: lower body quad, upper body quad (vertices 2-5, all deleted by the shirt), helper, joint cube
    expect(Array.from(part(hidden, 'body').faceVisible)).toEqual([1, 0, 0, 0]);
    expect(Array.from(part(hidden, 'shirt01').faceVisible)).toEqual([1]);
    const shown = await assembleCharacter(assets, { ...SPEC, hideFacesUnderClothes: false });
    expect(Array.from(part(shown, 'body').faceVisible)).toEqual([1, 1, 0, 0]);
  });

  it('builds the rig on the morphed body with frames from the rotation plane (normal +z)', async () => {
    const { skeleton } = await assembleCharacter(await SyntheticMakeHuman.create(), SPEC);
    expect(skeleton.bones.map((b) => [b.name, b.parent])).toEqual([
      ['root', -1],
      ['upperleg.L', 0],
      ['upperleg.R', 0],
      ['shoulder.L', 0],
      ['shoulder.R', 0],
    ]);
    const root = skeleton.bones[0];
    expect([root.head, root.tail]).toEqual([
      [0, 8, 0],
      [0, 18, 0], // the neck joint: centre of the joint-neck triangle, moved up 2 dm
    ]);
    expect(skeleton.bones[3].tail).toEqual([2, 18, 0]);
    // root: Y along the bone (+y), Z = normal x Y = (-1, 0, 0), X = Y x Z = (0, 0, 1); origin at the head
    expect(round(root.rest)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 8, 0, 1]);
    // upperleg.L points down: Y (0, -1, 0), Z = (1, 0, 0), X = (0, 0, 1)
    expect(round(skeleton.bones[1].rest)).toEqual([0, 0, 1, 0, 0, -1, 0, 0, 1, 0, 0, 0, 1, 8, 0, 1]);
  });

  it('keeps the 4 largest normalised body weights per vertex; unweighted vertices go to the root', async () => {
    const character = await assembleCharacter(await SyntheticMakeHuman.create(), SPEC);
    const body = part(character, 'body');
    // joints: root 0, upperleg.L 1, upperleg.R 2, shoulder.L 3, shoulder.R 4
    // vertex 2: root 0.4, upperleg.R 0.3, upperleg.L 0.15, shoulder.R 0.1 (shoulder.L 0.05 dropped), over 0.95
    expect(influencesOf(body, 2)).toEqual([
      [0, +(0.4 / 0.95).toFixed(6)],
      [2, +(0.3 / 0.95).toFixed(6)],
      [1, +(0.15 / 0.95).toFixed(6)],
      [4, +(0.1 / 0.95).toFixed(6)],
    ]);
    // vertex 4: raw root 1, shoulder.R 3
    expect(influencesOf(body, 4)).toEqual([
      [4, 0.75],
      [0, 0.25],
    ]);
    expect(influencesOf(body, 7)).toEqual([[0, 1]]); // a helper vertex
  });

  it('carries body weights to the shirt through its fitting weights', async () => {
    const character = await assembleCharacter(await SyntheticMakeHuman.create(), SPEC);
    const shirt = part(character, 'shirt01');
    // p2 = 0.75 v5 (shoulder.L 1) + 0.25 v3 (root 0.5, upperleg.L 0.5); equal weights in joint order
    expect(influencesOf(shirt, 2)).toEqual([
      [3, 0.75],
      [0, 0.125],
      [1, 0.125],
    ]);
    expect(influencesOf(shirt, 0)).toEqual(influencesOf(part(character, 'body'), 2)); // exactly on body vertex 2
  });

  it('remaps the reference weights to a rig without its own (cmu_mb): unreferenced bones fold into their parent', async () => {
    const character = await assembleCharacter(await SyntheticMakeHuman.create(), { ...SPEC, skeleton: 'cmu_mb' });
    expect(character.skeleton.bones.map((b) => b.name)).toEqual(['Hips', 'LeftUpLeg', 'RightUpLeg']);
    // planes borrowed from the reference rig: the same frame as the default root
    expect(round(character.skeleton.bones[0].rest)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 8, 0, 1]);
    // vertex 2: Hips = root 0.4 + shoulder.R 0.1 + shoulder.L 0.05, RightUpLeg 0.3, LeftUpLeg 0.15
    expect(influencesOf(part(character, 'body'), 2)).toEqual([
      [0, 0.55],
      [2, 0.3],
      [1, 0.15],
    ]);
    // shirt p2: Hips 0.75 x 1 + 0.25 x 0.5, LeftUpLeg 0.25 x 0.5
    expect(influencesOf(part(character, 'shirt01'), 2)).toEqual([
      [0, 0.875],
      [1, 0.125],
    ]);
  });

  it('blends the skin by race; textures the shirt, or replaces its texture with a cloned one', async () => {
    const assets = await SyntheticMakeHuman.create();
    const character = await assembleCharacter(assets, { ...SPEC, macro: { ...SPEC.macro, african: 0.5, asian: 0, caucasian: 0.5 } });
    const skin = part(character, 'body').material;
    const mix = [0, 1, 2].map((k) => +((FALLBACK_SKIN_TONES.african[k] + FALLBACK_SKIN_TONES.caucasian[k]) / 2).toFixed(6));
    expect({ ...skin, baseColor: round(skin.baseColor) }).toEqual({ name: 'default', baseColor: mix, alphaMode: 'OPAQUE', doubleSided: false });
    expect(part(character, 'shirt01').material).toEqual({
      name: 'shirt01',
      baseColor: [1, 1, 1],
      texture: '/mh/clothes/shirt01/shirt01.png',
      alphaMode: 'OPAQUE',
      doubleSided: false,
    });
    const cloned = await assembleCharacter(assets, { ...SPEC, clothes: [{ asset: 'shirt01', diffuseTexture: '/clone/shirt01.png' }] });
    expect(part(cloned, 'shirt01').material).toMatchObject({ texture: '/clone/shirt01.png', textureIsUnique: true });
  });

  it('leaves out unknown accessories with a warning but fails on unknown clothes', async () => {
    const logger = createMemoryLogger();
    const assets = await SyntheticMakeHuman.create({ logger });
    const spec = { ...SPEC, hair: 'no_such_hair', clothes: [{ asset: 'shirt01' }, { asset: 'no_such_shoes', optional: true }] };
    const character = await assembleCharacter(assets, spec);
    expect(character.parts.map((p) => p.name)).toEqual(['body', 'shirt01']);
    expect(character.warnings).toEqual([
      'characters: mini: hair no_such_hair is not in the data roots; left out',
      'characters: mini: clothes no_such_shoes is not in the data roots; left out',
    ]);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(character.warnings);
    await expect(assembleCharacter(assets, { ...SPEC, clothes: [{ asset: 'no_such_suit' }] })).rejects.toMatchObject({ code: 'E_UNKNOWN_ASSET' });
  });
});
