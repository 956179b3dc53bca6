/**
 * The characters batch on the synthetic mini-body in a memory file store: what it writes, and
 * the one resume rule (shared/input-key.ts): a character is remade exactly when something that
 * shapes it changes.
 */
import { describe, expect, it } from '@jest/globals';
import { makeCharacters } from '../../../orchestrator/src/characters/characters-batch.js';
import type { CharactersOptions } from '../../../orchestrator/src/characters/characters-batch.js';
import { CHARACTER_CARD_CONTRACT, CHARACTERS_LIST_CONTRACT } from '../../../orchestrator/src/contracts/character.js';
import { outfitIdForImage, outfitRecordPath, outfitTexturePath } from '../../../orchestrator/src/contracts/outfit-id.js';
import { SELECTION_CONTRACT } from '../../../orchestrator/src/contracts/selection.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { parseCharacterGlb } from '../../../orchestrator/src/render/character-loader.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { outfitRecordFixture, outfitRecordText } from '../../helpers/contract-fixtures.js';
import { SYNTHETIC_SHIRT_UUID, SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

const IMAGES = ['img/a.jpeg', 'img/b.jpeg', 'img/c.jpeg'];
const IDS = ['0000', '0001', '0002'];

/** A 2 x 2 PNG of one colour: the cloned shirt texture of one identity. */
async function texture(rgb: [number, number, number]): Promise<Uint8Array> {
  return new Uint8Array(await encodePng({ width: 2, height: 2, channels: 3, data: Uint8Array.from({ length: 12 }, (_, i) => rgb[i % 3]) }));
}

async function world(): Promise<{ files: MemoryFileStore; run: (extra?: Partial<CharactersOptions>) => ReturnType<typeof makeCharacters> }> {
  const files = createMemoryFileStore();
  const data = await SyntheticMakeHuman.create({ files });
  for (const [k, image] of IMAGES.entries()) {
    const outfitId = outfitIdForImage(image);
    await files.writeAtomic(`/clone/${outfitTexturePath(outfitId, 'shirt01')}`, await texture([40 + 60 * k, 90, 200 - 60 * k]));
    await files.writeAtomic(`/clone/${outfitRecordPath(outfitId)}`, outfitRecordText(outfitRecordFixture(image, [{ model: 'shirt01' }])));
  }
  await files.writeAtomic(
    '/run/selection.json',
    SELECTION_CONTRACT.format({ formatVersion: 1, method: 'sde', seed: 7, identities: IMAGES.map((image, id) => ({ id, image, cluster: id, split: 'train' as const })) }),
  );
  // no hair, shoes or eyebrows in the mini-body: empty lists keep the run free of warnings
  const accessories = { hairMale: [], hairFemale: [], shoes: [], eyebrows: [], eyeMaterials: [], eyes: 'none', eyelashes: 'none' };
  const run = (extra: Partial<CharactersOptions> = {}): ReturnType<typeof makeCharacters> =>
    makeCharacters({ data, files, selectionFile: '/run/selection.json', texturesDir: '/clone', outDir: '/out', accessories, ...extra });
  return { files, run };
}

/** Which characters' cards were written since the last reset. */
function remade(files: MemoryFileStore): string[] {
  return IDS.filter((id) => (files.writes.get(`/out/${id}/card.json`) ?? 0) > 0);
}

describe('characters batch (mini-body, memory file store)', () => {
  it('writes a glb, mhm, material and card per identity and the list, the card last', async () => {
    const { files, run } = await world();
    const order: string[] = [];
    const logged: FileStore = { ...files, writeAtomic: (file, data) => (order.push(file), files.writeAtomic(file, data)) };
    const summary = await run({ files: logged });
    expect(summary).toMatchObject({ total: 3, made: 3, skipped: 0, failed: [] });
    expect(order.filter((f) => f.startsWith('/out/0001/'))).toEqual(['/out/0001/character.glb', '/out/0001/materials/shirt01.mhmat', '/out/0001/character.mhm', '/out/0001/card.json']);
    const card = CHARACTER_CARD_CONTRACT.parse(await files.read('/out/0001/card.json'), 'card.json');
    expect(card).toMatchObject({ id: '0001', seed: 7, skeleton: 'cmu_mb', identity: { id: 1, image: 'img/b.jpeg' }, body: { gender: 'female', heightRule: 'measured' } });
    // measured heights: the mini-body reaches 120-200 cm, so the drawn height is met
    expect(Math.abs(card.body.heightCm - card.body.heightCmDrawn!)).toBeLessThan(0.1);
    expect(card.assets).toEqual([{ kind: 'clothes', asset: 'shirt01', name: 'Shirt 01', uuid: SYNTHETIC_SHIRT_UUID, texture: 'textures/img__b.jpeg/shirt01.png' }]);
    expect(await files.readText('/out/0001/materials/shirt01.mhmat')).toMatch(/^diffuseTexture \.\.\/\.\.\/\.\.\/clone\/textures\/img__b\.jpeg\/shirt01\.png$/m);
    const mhm = await files.readText('/out/0001/character.mhm');
    expect(mhm).toMatch(new RegExp(`^clothes Shirt_01 ${SYNTHETIC_SHIRT_UUID}$`, 'm'));
    expect(mhm).toMatch(new RegExp(`^material Shirt_01 ${SYNTHETIC_SHIRT_UUID} materials/shirt01\\.mhmat$`, 'm'));
    const model = await parseCharacterGlb(await files.read('/out/0001/character.glb'), '0001');
    expect(model.jointNames).toEqual(['Hips', 'LeftUpLeg', 'RightUpLeg']);
    const list = CHARACTERS_LIST_CONTRACT.parse(await files.read('/out/characters.json'), 'characters.json');
    expect(list.characters.map((c) => c.id)).toEqual(IDS);
  });

  it('remakes nothing on a repeated identical run, nor after a touch (same bytes rewritten)', async () => {
    const { files, run } = await world();
    await run();
    files.resetWrites();
    expect(await run()).toMatchObject({ made: 0, skipped: 3 });
    const textureFile = `/clone/${outfitTexturePath(outfitIdForImage(IMAGES[0]), 'shirt01')}`;
    await files.writeAtomic(textureFile, await files.read(textureFile));
    expect(await run()).toMatchObject({ made: 0, skipped: 3 });
    expect(remade(files)).toEqual([]);
  });

  it('remakes every character when the height rule or the accessories change', async () => {
    const { files, run } = await world();
    await run();
    files.resetWrites();
    expect(await run({ heightRule: 'paper' })).toMatchObject({ made: 3 });
    expect(remade(files)).toEqual(IDS);
    files.resetWrites();
    expect(await run({ heightRule: 'paper', accessories: { hairMale: [], hairFemale: [], shoes: [], eyebrows: [], eyeMaterials: [], eyes: 'none', eyelashes: 'lashes' } })).toMatchObject({ made: 3 });
    expect(remade(files)).toEqual(IDS);
  });

  it('remakes exactly the character whose texture was re-cloned with other bytes under the same name', async () => {
    const { files, run } = await world();
    await run();
    files.resetWrites();
    await files.writeAtomic(`/clone/${outfitTexturePath(outfitIdForImage(IMAGES[1]), 'shirt01')}`, await texture([255, 255, 0]));
    expect(await run()).toMatchObject({ made: 1, skipped: 2 });
    expect(remade(files)).toEqual(['0001']);
  });

  it('remakes everything for another package version, and for a changed MakeHuman asset', async () => {
    const { files, run } = await world();
    await run();
    files.resetWrites();
    expect(await run({ version: '99.0.0' })).toMatchObject({ made: 3 });
    expect(remade(files)).toEqual(IDS);
    files.resetWrites();
    expect(await run({ version: '99.0.0' })).toMatchObject({ made: 0 });
    // the MakeHuman shirt's own texture changes (seen by the next process's assets)
    await files.writeAtomic('/mh/clothes/shirt01/shirt01.png', await texture([0, 0, 0]));
    expect(await run({ version: '99.0.0', data: new SyntheticMakeHuman({ files }) })).toMatchObject({ made: 3 });
  });

  it('records an identity without an outfit as failed and goes on', async () => {
    const { files, run } = await world();
    await files.remove(`/clone/${outfitRecordPath(outfitIdForImage(IMAGES[2]))}`);
    const summary = await run();
    expect(summary).toMatchObject({ made: 2, failed: [{ identity: 2, code: 'E_OUTFIT_MISSING' }] });
    expect(CHARACTERS_LIST_CONTRACT.parse(await files.read('/out/characters.json'), 'characters.json').failed).toMatchObject([{ identity: 2 }]);
  });
});
