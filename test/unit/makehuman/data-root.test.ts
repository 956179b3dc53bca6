import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetchedAssetsDir, findInRoots, resolveDataRoots, rootsInOrder } from '../../../orchestrator/src/makehuman/data-root.js';

describe('MakeHuman data roots', () => {
  it('orders user roots before system roots; flags beat environment variables; missing roots are listed', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'cp-roots-'));
    const [user, sys, envUser, envSys, fetched, home] = ['user', 'sys', 'envUser', 'envSys', 'fetched', 'home'].map((d) => path.join(base, d));
    for (const dir of [user, sys, envUser, envSys, path.join(fetched, 'makehuman', 'data'), path.join(home, 'Documents', 'makehuman', 'v1py3', 'data')]) {
      await mkdir(dir, { recursive: true });
    }
    const env = { CLONEDPERSON_MH_DATA: envUser, CLONEDPERSON_MH_SYS_DATA: envSys };
    const withEnv = resolveDataRoots({ env, home, fetchedDir: fetched, platform: 'linux' });
    expect(withEnv.user).toEqual([envUser, path.join(home, 'Documents', 'makehuman', 'v1py3', 'data')]);
    expect(withEnv.system).toEqual([envSys, path.join(fetched, 'makehuman', 'data')]);
    const withFlags = resolveDataRoots({ mhData: user, mhSysData: sys, env, home, fetchedDir: fetched, noOsDefaults: true });
    expect(rootsInOrder(withFlags)).toEqual([user, sys, path.join(fetched, 'makehuman', 'data')]);
    const missing = resolveDataRoots({ mhSysData: path.join(base, 'nope'), env: {}, home, fetchedDir: path.join(base, 'none'), noOsDefaults: true });
    expect(rootsInOrder(missing)).toEqual([]);
    expect(missing.missing).toEqual([path.join(base, 'nope'), path.join(base, 'none', 'makehuman', 'data')]);
  });

  it('finds a file in the first root that has it (user data shadows system data)', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'cp-find-'));
    for (const dir of ['u/skins', 's/skins']) await mkdir(path.join(base, dir), { recursive: true });
    await writeFile(path.join(base, 'u/skins/a.mhmat'), 'user');
    await writeFile(path.join(base, 's/skins/a.mhmat'), 'system');
    await writeFile(path.join(base, 's/skins/b.mhmat'), 'system');
    const roots = { user: [path.join(base, 'u')], system: [path.join(base, 's')], missing: [] };
    expect(findInRoots(roots, 'skins/a.mhmat')).toBe(path.join(base, 'u/skins/a.mhmat'));
    expect(findInRoots(roots, 'skins/b.mhmat')).toBe(path.join(base, 's/skins/b.mhmat'));
    expect(findInRoots(roots, 'skins/c.mhmat')).toBeUndefined();
  });

  it('puts fetched assets under $CLONEDPERSON_ASSETS_DIR or the XDG data folder', () => {
    expect(fetchedAssetsDir({ CLONEDPERSON_ASSETS_DIR: '/a/b' }, '/home/x', 'linux')).toBe(path.resolve('/a/b'));
    expect(fetchedAssetsDir({ XDG_DATA_HOME: '/xdg' }, '/home/x', 'linux')).toBe(path.join('/xdg', 'clonedperson', 'assets'));
    expect(fetchedAssetsDir({}, '/home/x', 'linux')).toBe(path.join('/home/x', '.local', 'share', 'clonedperson', 'assets'));
  });
});
