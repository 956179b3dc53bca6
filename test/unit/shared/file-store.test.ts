import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { nodeFileStore } from '../../../orchestrator/src/shared/node-file-store.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The same behaviour from both stores (the memory store stands in for the Node one in tests). */
describe.each([
  ['node', async () => ({ store: nodeFileStore, root: await mkdtemp(path.join(os.tmpdir(), 'cp-store-')) })],
  ['memory', () => Promise.resolve({ store: createMemoryFileStore(), root: '/work' })],
])('%s file store', (_name, open) => {
  it('writes atomically (creating folders), reads, appends, lists sorted and removes trees', async () => {
    const { store, root } = await open();
    const file = path.join(root, 'a', 'b.txt');
    await store.writeAtomic(file, 'hello');
    await store.append(file, ' world');
    await store.append(path.join(root, 'a', 'new.jsonl'), '{}\n');
    expect(await store.readText(file)).toBe('hello world');
    expect(text(await store.read(path.join(root, 'a', 'new.jsonl')))).toBe('{}\n');
    await store.writeAtomic(path.join(root, 'a', 'c', 'd.bin'), Uint8Array.of(1, 2));
    expect(await store.list(path.join(root, 'a'))).toEqual([
      { name: 'b.txt', kind: 'file' },
      { name: 'c', kind: 'dir' },
      { name: 'new.jsonl', kind: 'file' },
    ]);
    expect(await store.isDirectory(path.join(root, 'a', 'c'))).toBe(true);
    expect(await store.isDirectory(file)).toBe(false);
    await store.remove(path.join(root, 'a', 'c'));
    expect(await store.exists(path.join(root, 'a', 'c', 'd.bin'))).toBe(false);
    await store.remove(path.join(root, 'never-was'));
  });

  it('reports a missing file with E_INPUT_MISSING or the code the caller asks for', async () => {
    const { store, root } = await open();
    await expect(store.read(path.join(root, 'nope'))).rejects.toMatchObject({ code: 'E_INPUT_MISSING', message: expect.stringContaining('nope') });
    await expect(store.readText(path.join(root, 'nope'), 'E_IMAGE_MISSING')).rejects.toMatchObject({ code: 'E_IMAGE_MISSING' });
    await expect(store.list(path.join(root, 'nope'))).rejects.toMatchObject({ code: 'E_INPUT_MISSING' });
  });

  it('confines paths to their root', async () => {
    const { store, root } = await open();
    expect(await store.resolveInside(root, 'x/y.png')).toBe(path.join(root, 'x', 'y.png'));
    for (const escaping of ['../etc/passwd', '/etc/passwd', 'x/../../y']) {
      await expect(store.resolveInside(root, escaping)).rejects.toMatchObject({ code: 'E_ARGUMENT', message: expect.stringContaining('escapes its allowed root') });
    }
  });
});

describe('node file store', () => {
  it('leaves no temporary files behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-store-'));
    await Promise.all(Array.from({ length: 8 }, (_, i) => nodeFileStore.writeAtomic(path.join(dir, 'f.txt'), `v${i}`)));
    expect(await readdir(dir)).toEqual(['f.txt']);
  });

  it('refuses a symlink inside the root that leads outside it, and follows one that stays inside', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'cp-outside-'));
    const root = await mkdtemp(path.join(os.tmpdir(), 'cp-root-'));
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'real', 'ok.txt'), 'ok');
    await symlink(outside, path.join(root, 'escape'));
    await symlink(path.join(root, 'real'), path.join(root, 'inside'));
    await expect(nodeFileStore.resolveInside(root, 'escape/secret.txt')).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    // a file that does not exist yet is judged by its nearest existing parent
    await expect(nodeFileStore.resolveInside(root, 'escape/not-yet/new.txt')).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    expect(await nodeFileStore.resolveInside(root, 'inside/ok.txt')).toBe(path.join(root, 'inside', 'ok.txt'));
    expect(await nodeFileStore.resolveInside(root, 'new/file.txt')).toBe(path.join(root, 'new', 'file.txt'));
  });
});
