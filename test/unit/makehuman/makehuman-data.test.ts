/**
 * The file-backed MakeHuman loader on the synthetic mini-body's files in a memory file store:
 * lookups by MakeHuman's rules, fallbacks with warnings, errors naming the file, the hm08 check,
 * and the assets fingerprint.
 */
import { describe, expect, it } from '@jest/globals';
import { MakeHumanData } from '../../../orchestrator/src/makehuman/makehuman-data.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { SYNTHETIC_SHIRT_UUID, syntheticMakeHumanFiles } from '../../helpers/synthetic-makehuman.js';

async function open(extra: Record<string, string | Uint8Array> = {}, user: string[] = []): Promise<{ data: MakeHumanData; files: MemoryFileStore; logger: MemoryLogger }> {
  const files = createMemoryFileStore({ ...(await syntheticMakeHumanFiles('/sys')), ...extra });
  const logger = createMemoryLogger();
  return { data: new MakeHumanData({ user, system: ['/sys'], missing: [] }, { files, logger, targets: 'text' }), files, logger };
}

type MemoryLogger = ReturnType<typeof createMemoryLogger>;

const warnings = (logger: MemoryLogger): string[] => logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);

describe('MakeHuman data loader (memory file store)', () => {
  it('accepts only the hm08 base mesh', async () => {
    const { data } = await open();
    await expect(data.baseMesh()).rejects.toMatchObject({ code: 'E_ASSET_INVALID', message: 'characters: /sys/3dobjs/base.obj: expected the hm08 base mesh with 19158 vertices, found 13' });
  });

  it('finds a proxy by UUID, folder name, file name or name field, case-insensitively; user roots shadow system ones', async () => {
    const { data } = await open();
    for (const reference of [SYNTHETIC_SHIRT_UUID, 'shirt01', 'SHIRT01', 'shirt 01']) {
      expect(await data.findProxy(reference, 'clothes')).toMatchObject({ assetName: 'shirt01', file: '/sys/clothes/shirt01/shirt01.mhclo' });
    }
    await expect(data.findProxy('shirt01', 'hair')).rejects.toMatchObject({ code: 'E_UNKNOWN_ASSET' });
    const shadowed = await open({ '/user/clothes/shirt01/shirt01.mhclo': 'name User shirt\nuuid u-1\nobj_file shirt01.obj\nverts 0\n0\n' }, ['/user']);
    expect(await shadowed.data.listProxies('clothes')).toEqual([{ kind: 'clothes', assetName: 'shirt01', name: 'User shirt', uuid: 'u-1', file: '/user/clothes/shirt01/shirt01.mhclo' }]);
  });

  it('loads a proxy with its mesh, material and texture named relative to its own folder', async () => {
    const { data, logger } = await open();
    const proxy = await data.proxy('shirt01', 'clothes');
    expect(proxy.mesh.positions.length / 3).toBe(4);
    expect(Array.from(proxy.definition.deleteVerts)).toEqual([2, 3, 4, 5]);
    expect(proxy.material).toMatchObject({ definition: { name: 'shirt01' }, diffuseTexture: '/sys/clothes/shirt01/shirt01.png' });
    expect(warnings(logger)).toEqual([]);
  });

  it('falls back with one warning for a missing texture or skin; names file and line of bad assets', async () => {
    const { data, logger } = await open({ '/sys/clothes/shirt01/shirt01.mhmat': 'diffuseTexture gone.png\n' });
    expect((await data.proxy('shirt01')).material?.diffuseTexture).toBeUndefined();
    expect((await data.skin('no_such_skin')).definition.file).toBe('/sys/skins/default.mhmat');
    await data.skin('no_such_skin');
    expect(warnings(logger)).toEqual([
      'characters: /sys/clothes/shirt01/shirt01.mhmat: texture gone.png missing; using the diffuse colour',
      'characters: skin no_such_skin not found; using skins/default.mhmat',
    ]);
    const extraVertex = await open({ '/sys/clothes/shirt01/shirt01.obj': 'v 0 0 0\n'.repeat(5) });
    await expect(extraVertex.data.proxy('shirt01')).rejects.toThrow('characters: /sys/clothes/shirt01/shirt01.obj: has 5 vertices but shirt01.mhclo maps 4');
    const badLine = await open({ '/sys/clothes/shirt01/shirt01.mhclo': 'uuid x\nobj_file shirt01.obj\nverts 0\n1 2 x 0.5 0.5 0\n' });
    await expect(badLine.data.proxy('x')).rejects.toThrow('characters: /sys/clothes/shirt01/shirt01.mhclo:4: bad vertex index "x"');
  });

  it('reads text targets and classifies them; warns once per macro group without targets', async () => {
    const { data, logger } = await open();
    const catalog = await data.targetCatalog();
    expect(catalog.map((c) => [c.path, c.group, c.variables])).toEqual([
      ['targets/macrodetails/height/maxheight.target', 'macrodetails-height', ['maxheight']],
      ['targets/macrodetails/height/minheight.target', 'macrodetails-height', ['minheight']],
      ['targets/macrodetails/universal-male.target', 'macrodetails-universal', ['male']],
    ]);
    expect(warnings(logger)).toEqual(['macrodetails', 'macrodetails-proportions', 'breast'].map((g) => `characters: no targets for macro group ${g} in the data roots; its sliders have no effect`));
    const target = await data.target('targets/macrodetails/universal-male.target');
    expect([Array.from(target.indices), Array.from(target.deltas)]).toEqual([[4, 5], [-1, 0, 0, 1, 0, 0]]);
  });

  it('gives a rig with a weights file its own weights, and remaps them for a rig without', async () => {
    const { data } = await open();
    const own = await data.bodyWeights('default');
    expect(own.get('root')!.vertices.slice(0, 3)).toEqual(Uint32Array.from([2, 3, 4]));
    expect(own.get('shoulder.R')!.weights[1]).toBeCloseTo(0.75, 6); // vertex 4: raw 3 of 4
    const remapped = await data.bodyWeights('cmu_mb');
    expect([...remapped.keys()].sort()).toEqual(['Hips', 'LeftUpLeg', 'RightUpLeg']);
    const hips = remapped.get('Hips')!;
    expect(hips.weights[Array.from(hips.vertices).indexOf(2)]).toBeCloseTo(0.55, 6);
  });

  it('resolves names by MakeHuman\'s rules and says where a file sits in its root', async () => {
    const { data } = await open();
    expect(await data.resolveRelative('shirt01.png', '/sys/clothes/shirt01/shirt01.mhmat')).toBe('/sys/clothes/shirt01/shirt01.png');
    expect(await data.resolveRelative('data/skins/default.mhmat', '/anywhere/x.mhclo')).toBe('/sys/skins/default.mhmat');
    expect(await data.resolveRelative('nothing.png', '/sys/clothes/shirt01/shirt01.mhmat')).toBeUndefined();
    expect(data.relativeToRoot('/sys/skins/default.mhmat')).toBe('skins/default.mhmat');
    expect(data.relativeToRoot('/elsewhere/x.png')).toBeUndefined();
    await expect(data.bytes('/sys/nothing.png')).rejects.toMatchObject({ code: 'E_ASSET_MISSING' });
  });

  it('fingerprints the content of the data roots: one changed byte changes it, files elsewhere do not', async () => {
    const { data, files } = await open();
    const before = await data.fingerprint();
    await files.writeAtomic('/elsewhere/notes.txt', 'not an asset');
    const same = new MakeHumanData({ user: [], system: ['/sys'], missing: [] }, { files, targets: 'text' });
    expect(await same.fingerprint()).toBe(before);
    await files.writeAtomic('/sys/skins/default.mhmat', 'name default\ndiffuseColor 1 1 0.9\nautoBlendSkin True\n');
    const changed = new MakeHumanData({ user: [], system: ['/sys'], missing: [] }, { files, targets: 'text' });
    expect(await changed.fingerprint()).not.toBe(before);
  });
});
