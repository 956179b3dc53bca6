import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveInside, writeFileAtomic } from '../../../orchestrator/src/shared/files.js';

describe('files', () => {
  it('writes atomically, creating folders and leaving no temp files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-files-'));
    const file = path.join(dir, 'a', 'b.txt');
    await writeFileAtomic(file, 'hello');
    expect(await readFile(file, 'utf8')).toBe('hello');
    expect(await readdir(path.dirname(file))).toEqual(['b.txt']);
  });

  it('confines paths to their root', () => {
    expect(resolveInside('/data', 'x/y.png')).toBe(path.resolve('/data/x/y.png'));
    expect(() => resolveInside('/data', '../etc/passwd')).toThrow(/escapes/);
    expect(() => resolveInside('/data', '/etc/passwd')).toThrow(/escapes/);
    expect(() => resolveInside('/data', 'x/../../y')).toThrow(/escapes/);
  });
});
