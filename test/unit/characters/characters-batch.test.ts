import { describe, expect, it } from '@jest/globals';
import { readOutfit } from '../../../orchestrator/src/characters/characters-batch.js';
import { characterIdFor } from '../../../orchestrator/src/contracts/character.js';
import { SELECTION_CONTRACT } from '../../../orchestrator/src/contracts/selection.js';
import { outfitRecordFixture, outfitRecordText } from '../../helpers/contract-fixtures.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

describe('characters batch inputs', () => {
  it('checks selection.json', () => {
    const selection = SELECTION_CONTRACT.check({ formatVersion: 1, method: 'sde', seed: 3, identities: [{ id: 0, image: 'a.jpg', cluster: 1, split: 'train' }] }, 's.json');
    expect(selection).toEqual({ formatVersion: 1, method: 'sde', seed: 3, identities: [{ id: 0, image: 'a.jpg', cluster: 1, split: 'train' }] });
    for (const bad of [{}, { formatVersion: 1 }, { formatVersion: 1, identities: [{ id: -1, image: 'a' }] }, { formatVersion: 1, identities: [{ id: 0, image: 'a' }, { id: 0, image: 'b' }] }]) {
      let caught: unknown;
      try {
        SELECTION_CONTRACT.check(bad, 's.json');
      } catch (error) {
        caught = error;
      }
      expect(isClonedPersonError(caught) && caught.code).toBe('E_SELECTION_INVALID');
    }
    expect(characterIdFor(7)).toBe('0007');
    expect(characterIdFor(12345)).toBe('12345');
  });

  it('reads the outfit record of an image and refuses missing records or textures', async () => {
    const files = createMemoryFileStore({
      '/clone/textures/img__a.jpeg/t.png': 'png',
      '/clone/outfits/img__a.jpeg.json': outfitRecordText(outfitRecordFixture('img/a.jpeg', [{ model: 'male_casualsuit01', file: 'textures/img__a.jpeg/t.png' }])),
      '/clone/outfits/img__c.jpeg.json': outfitRecordText(outfitRecordFixture('img/c.jpeg', [{ model: 'x', file: 'textures/nope.png' }])),
      // a record pointing outside the clone folder is refused by the contract itself
      '/clone/outfits/img__d.jpeg.json': JSON.stringify(outfitRecordFixture('img/d.jpeg', [{ model: 'x', file: '../../etc/passwd' }])),
    });
    const outfit = await readOutfit('/clone', 'img/a.jpeg', undefined, files);
    expect(outfit.outfitId).toBe('img__a.jpeg');
    expect(outfit.clothes).toEqual([{ asset: 'male_casualsuit01', diffuseTexture: '/clone/textures/img__a.jpeg/t.png' }]);
    await expect(readOutfit('/clone', 'img/b.jpeg', undefined, files)).rejects.toMatchObject({ code: 'E_OUTFIT_MISSING' });
    await expect(readOutfit('/clone', 'img/c.jpeg', undefined, files)).rejects.toThrow(/texture textures\/nope\.png does not exist/);
    await expect(readOutfit('/clone', 'img/d.jpeg', undefined, files)).rejects.toMatchObject({ code: 'E_OUTFIT_INVALID', message: expect.stringContaining('/textures/0/file: must be a path inside the clone folder') });
  });
});
