import { describe, expect, it } from '@jest/globals';
import { assembleCharacter } from '../../../orchestrator/src/characters/character-assembly.js';
import { renderCharacterPreviews } from '../../../orchestrator/src/characters/character-preview.js';
import { writeCharacterGlb } from '../../../orchestrator/src/characters/gltf-writer.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

describe('character previews (through the players\' loader)', () => {
  it('shows the mini-body front on: the shirt texture red on the image left (the character\'s right), blue on the right, skin below', async () => {
    const assets = await SyntheticMakeHuman.create();
    const character = await assembleCharacter(assets, { id: 'mini', macro: MACRO_DEFAULTS, skeleton: 'default', skin: 'default', clothes: [{ asset: 'shirt01' }], hideFacesUnderClothes: true });
    const glb = await writeCharacterGlb(character, { readTexture: (file) => assets.bytes(file) });
    const front = (await renderCharacterPreviews(glb, { widthPx: 40, heightPx: 80, views: ['front'] })).get('front')!;
    const kinds = { red: [] as number[][], blue: [] as number[][] };
    for (let y = 0; y < front.height; y++) {
      for (let x = 0; x < front.width; x++) {
        const [r, g, b] = front.data.slice((y * front.width + x) * 3, (y * front.width + x) * 3 + 3);
        if (r > 3 * b && r > 3 * g) kinds.red.push([x, y]);
        if (b > 3 * r && b > 3 * g) kinds.blue.push([x, y]);
      }
    }
    const mean = (points: number[][], k: number): number => points.reduce((s, p) => s + p[k], 0) / points.length;
    expect(kinds.red.length).toBeGreaterThan(50);
    expect(kinds.blue.length).toBeGreaterThan(50);
    expect(mean(kinds.red, 0)).toBeLessThan(mean(kinds.blue, 0));
    // the shirt covers the upper half (8-16 dm of a 0-16 dm figure); the lower rows show skin
    expect(Math.max(...[...kinds.red, ...kinds.blue].map((p) => p[1]))).toBeLessThan(front.height * 0.55);
  });

  it('refuses what the players refuse', async () => {
    await expect(renderCharacterPreviews(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'E_CHARACTER_INVALID' });
  });
});
