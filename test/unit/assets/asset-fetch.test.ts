import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkAssets, destinationPath, fetchAssets, loadPinnedAssets, upstreamUrl } from '../../../orchestrator/src/assets/asset-fetch.js';
import type { PinnedAsset } from '../../../orchestrator/src/assets/asset-fetch.js';
import { contentHash } from '../../../orchestrator/src/shared/input-key.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { serveFolder } from '../../helpers/static-server.js';

const PACK: Record<string, string> = {
  'makehuman/data/3dobjs/base.obj': 'v 0 0 0\n',
  'makehuman/data/rigs/default.mhskel': '{"bones": {}}',
  'makehuman/release-layout/targets.npz': 'zip bytes',
};

/** The pack on disk (for the http mirror) and its pinned list. */
async function pack(): Promise<{ dir: string; assets: PinnedAsset[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-pack-'));
  const assets: PinnedAsset[] = [];
  for (const [file, text] of Object.entries(PACK)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
    assets.push({ path: file, bytes: Buffer.byteLength(text), sha256: contentHash(text), repo: 'o/r', commit: 'c'.repeat(40), source: file, licence: 'CC0-1.0' });
  }
  return { dir, assets };
}

describe('assets fetch and check', () => {
  it('ships a pinned list with checksums and upstream sources', async () => {
    const assets = await loadPinnedAssets();
    expect(assets.length).toBeGreaterThan(600);
    const base = assets.find((a) => a.path === 'makehuman/data/3dobjs/base.obj')!;
    expect(upstreamUrl(base)).toBe(`https://raw.githubusercontent.com/makehumancommunity/makehuman/${base.commit}/makehuman/data/3dobjs/base.obj`);
    expect(destinationPath({ ...base, path: 'makehuman/release-layout/targets.npz' })).toBe('makehuman/data/targets.npz');
  });

  it('copies from a folder, verifies checksums, skips what is present and reports mismatches', async () => {
    const { assets } = await pack();
    const files = createMemoryFileStore(Object.fromEntries(Object.entries(PACK).map(([file, text]) => [`/pack/${file}`, text])));
    const first = await fetchAssets({ to: '/to', from: '/pack', assets, files });
    expect(first).toMatchObject({ total: 3, fetched: 3, present: 0, failed: [] });
    expect(await files.readText('/to/makehuman/data/targets.npz')).toBe('zip bytes');
    files.resetWrites();
    expect(await fetchAssets({ to: '/to', from: '/pack', assets, files })).toMatchObject({ fetched: 0, present: 3 });
    expect(files.writes.size).toBe(0);
    expect(await checkAssets('/to', assets, undefined, files)).toMatchObject({ present: 3, missing: [], mismatched: [] });
    await files.writeAtomic('/pack/makehuman/data/3dobjs/base.obj', 'tampered\n');
    const bad = await fetchAssets({ to: '/to2', from: '/pack', assets, files });
    expect(bad.failed.map((f) => [f.path, f.code])).toEqual([['makehuman/data/3dobjs/base.obj', 'E_CHECKSUM']]);
    expect(await files.exists('/to2/makehuman/data/3dobjs/base.obj')).toBe(false);
    await files.writeAtomic('/to/makehuman/data/rigs/default.mhskel', '{}');
    await files.remove('/to/makehuman/data/targets.npz');
    const checked = await checkAssets('/to', assets, undefined, files);
    expect(checked.mismatched).toEqual(['makehuman/data/rigs/default.mhskel']);
    expect(checked.missing).toEqual(['makehuman/release-layout/targets.npz']);
    expect(checked.byKind.rigs).toEqual({ present: 0, total: 1 });
  });

  it('downloads from an http mirror (a loopback server over the pack)', async () => {
    const { dir, assets } = await pack();
    const server = await serveFolder(dir);
    try {
      const url = server.url;
      const to = await mkdtemp(path.join(os.tmpdir(), 'cp-to-'));
      const missing = { ...assets[0], path: 'makehuman/data/nothing.obj' };
      const summary = await fetchAssets({ to, from: url, assets: [...assets, missing] });
      expect(summary.fetched).toBe(3);
      expect(summary.failed).toMatchObject([{ path: 'makehuman/data/nothing.obj', code: 'E_ASSET_MISSING' }]);
      expect(await checkAssets(to, assets)).toMatchObject({ present: 3 });
    } finally {
      await server.close();
    }
  });

  it('without --from, asks the pinned upstream URL', async () => {
    const { assets } = await pack();
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      return new Response('nope', { status: 404 });
    }) as unknown as typeof fetch;
    const summary = await fetchAssets({ to: await mkdtemp(path.join(os.tmpdir(), 'cp-to-')), assets: assets.slice(0, 1), fetchImpl });
    expect(asked).toEqual([`https://raw.githubusercontent.com/o/r/${'c'.repeat(40)}/makehuman/data/3dobjs/base.obj`]);
    expect(summary.failed[0].code).toBe('E_ASSET_MISSING');
  });
});
