import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fetchedAssetsDir, findInRoots, resolveDataRoots, rootsInOrder } from '../../../orchestrator/src/makehuman/data-root.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

describe('MakeHuman data roots', () => {
  it('orders user roots before system roots; flags beat environment variables; missing roots are listed', async () => {
    const base = '/base';
    const [user, sys, envUser, envSys, fetched, home] = ['user', 'sys', 'envUser', 'envSys', 'fetched', 'home'].map((d) => path.join(base, d));
    const files = createMemoryFileStore(
      Object.fromEntries([user, sys, envUser, envSys, path.join(fetched, 'makehuman', 'data'), path.join(home, 'Documents', 'makehuman', 'v1py3', 'data')].map((dir) => [path.join(dir, 'x'), ''])),
    );
    const env = { CLONEDPERSON_MH_DATA: envUser, CLONEDPERSON_MH_SYS_DATA: envSys };
    const withEnv = await resolveDataRoots({ env, home, fetchedDir: fetched, platform: 'linux', files });
    expect(withEnv.user).toEqual([envUser, path.join(home, 'Documents', 'makehuman', 'v1py3', 'data')]);
    expect(withEnv.system).toEqual([envSys, path.join(fetched, 'makehuman', 'data')]);
    const withFlags = await resolveDataRoots({ mhData: 'user', mhSysData: sys, env, home, fetchedDir: fetched, noOsDefaults: true, cwd: base, files });
    expect(rootsInOrder(withFlags)).toEqual([user, sys, path.join(fetched, 'makehuman', 'data')]);
    // no environment given: the variables are not consulted
    const noEnv = await resolveDataRoots({ home, fetchedDir: fetched, noOsDefaults: true, files });
    expect(rootsInOrder(noEnv)).toEqual([path.join(fetched, 'makehuman', 'data')]);
    const missing = await resolveDataRoots({ mhSysData: path.join(base, 'nope'), home, fetchedDir: path.join(base, 'none'), noOsDefaults: true, files });
    expect(rootsInOrder(missing)).toEqual([]);
    expect(missing.missing).toEqual([path.join(base, 'nope'), path.join(base, 'none', 'makehuman', 'data')]);
  });

  it('looks in the Documents folder under %USERPROFILE% on Windows', async () => {
    const files = createMemoryFileStore({ '/profile/Documents/makehuman/v1/data/x': '' });
    const roots = await resolveDataRoots({ env: { USERPROFILE: '/profile' }, home: '/elsewhere', platform: 'win32', fetchedDir: '/none', files });
    expect(roots.user).toEqual([path.join('/profile', 'Documents', 'makehuman', 'v1', 'data')]);
  });

  it('finds a file in the first root that has it (user data shadows system data)', async () => {
    const files = createMemoryFileStore({ '/u/skins/a.mhmat': 'user', '/s/skins/a.mhmat': 'system', '/s/skins/b.mhmat': 'system' });
    const roots = { user: ['/u'], system: ['/s'], missing: [] };
    expect(await findInRoots(roots, 'skins/a.mhmat', files)).toBe(path.join('/u/skins/a.mhmat'));
    expect(await findInRoots(roots, 'skins/b.mhmat', files)).toBe(path.join('/s/skins/b.mhmat'));
    expect(await findInRoots(roots, 'skins/c.mhmat', files)).toBeUndefined();
  });

  it('puts fetched assets under $CLONEDPERSON_ASSETS_DIR, the XDG data folder or %LOCALAPPDATA%', () => {
    expect(fetchedAssetsDir({ CLONEDPERSON_ASSETS_DIR: '/a/b' }, '/home/x', 'linux')).toBe(path.resolve('/a/b'));
    expect(fetchedAssetsDir({ XDG_DATA_HOME: '/xdg' }, '/home/x', 'linux')).toBe(path.join('/xdg', 'clonedperson', 'assets'));
    expect(fetchedAssetsDir({}, '/home/x', 'linux')).toBe(path.join('/home/x', '.local', 'share', 'clonedperson', 'assets'));
    expect(fetchedAssetsDir({ LOCALAPPDATA: '/local' }, '/home/x', 'win32')).toBe(path.join('/local', 'clonedperson', 'assets'));
  });
});
