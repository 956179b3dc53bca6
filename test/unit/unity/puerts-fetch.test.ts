/**
 * Fetching PuerTS into the Unity project (scripts/unity/puerts-fetch.ts), against tarballs made by
 * the system's `tar` the way the release's are (one top folder with a Unity package), served from
 * a folder and from a loopback http mirror: checksums and package identity checked before anything
 * is written, first-use pinning, long names and links extracted as tar wrote them, entries that
 * escape the package refused, OpenHarmony plugins left out, and an installed package kept.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fetchPuerts, readTar, sha256 } from '../../../scripts/unity/puerts-fetch.js';
import type { PuertsPackagePin, PuertsRelease } from '../../../scripts/unity/puerts-fetch.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { serveFolder } from '../../helpers/static-server.js';

let root: string;
let mirror: string;
const LONG = `Runtime/${'VeryLongFolderName'.repeat(6)}/Resources/puerts/esm_bootstrap.cjs`;

/** A release-like tarball of package `name` in folder `folder`, built with tar(1). */
function tarball(folder: string, name: string, version: string, asset: string, extra: (dir: string) => void = () => undefined): void {
  const src = path.join(root, 'src', asset);
  const dir = path.join(src, folder);
  mkdirSync(path.join(dir, 'Plugins', 'x86_64'), { recursive: true });
  mkdirSync(path.join(dir, 'Plugins', 'OpenHarmony', 'libs'), { recursive: true });
  mkdirSync(path.dirname(path.join(dir, LONG)), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }));
  writeFileSync(path.join(dir, 'Plugins', 'x86_64', 'libPapiV8.so'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]), { mode: 0o755 });
  writeFileSync(path.join(dir, 'Plugins', 'OpenHarmony', 'libs', 'libPapiV8.so.meta'), 'guid: not-hex\n');
  writeFileSync(path.join(dir, 'Plugins', 'OpenHarmony.meta'), 'guid: 0\n');
  writeFileSync(path.join(dir, LONG), 'module.exports = 1;\n');
  symlinkSync('x86_64/libPapiV8.so', path.join(dir, 'Plugins', 'current.so'));
  extra(dir);
  execFileSync('tar', ['-czf', path.join(mirror, asset), '-C', src, folder]);
}

function pin(name: string, folder: string, asset: string, pinned = true): PuertsPackagePin {
  const file = path.join(mirror, asset);
  const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
  return { name, version: '3.0.2', asset, url: `https://example.invalid/${asset}`, folder, sha256: pinned ? sha256(bytes) : null, bytes: pinned ? bytes.length : null };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cp-puerts-fetch-'));
  mirror = path.join(root, 'mirror');
  mkdirSync(mirror, { recursive: true });
  tarball('core', 'com.tencent.puerts.core', '3.0.2', 'PuerTS_Core_3.0.2.tar.gz');
  tarball('v8', 'com.tencent.puerts.v8', '3.0.2', 'PuerTS_V8_3.0.2.tar.gz');
  tarball('v8', 'com.tencent.puerts.v8', '3.0.1', 'old.tar.gz');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const release = (packages: PuertsPackagePin[]): PuertsRelease => ({ release: 'Unity_v3.0.2', packages });

describe('fetching PuerTS into the Unity project', () => {
  it('reads what tar writes: long names, modes and links', () => {
    const entries = readTar(execFileSync('gzip', ['-dc', path.join(mirror, 'PuerTS_Core_3.0.2.tar.gz')]));
    expect(entries.find((e) => e.path === `core/${LONG}`)?.type).toBe('file');
    expect(entries.find((e) => e.path === 'core/Plugins/current.so')).toMatchObject({ type: 'symlink', linkTarget: 'x86_64/libPapiV8.so' });
    expect(entries.find((e) => e.path === 'core/Plugins/x86_64/libPapiV8.so')!.mode & 0o111).toBe(0o111);
  });

  it('installs both packages from a folder mirror after checking them', async () => {
    const packagesDir = path.join(root, 'project-a', 'Packages');
    const result = await fetchPuerts({ release: release([pin('com.tencent.puerts.core', 'core', 'PuerTS_Core_3.0.2.tar.gz'), pin('com.tencent.puerts.v8', 'v8', 'PuerTS_V8_3.0.2.tar.gz')]), packagesDir, from: mirror });
    expect(result.installed.map((i) => i.name)).toEqual(['com.tencent.puerts.core', 'com.tencent.puerts.v8']);
    const v8 = path.join(packagesDir, 'com.tencent.puerts.v8');
    expect(JSON.parse(readFileSync(path.join(v8, 'package.json'), 'utf8'))).toEqual({ name: 'com.tencent.puerts.v8', version: '3.0.2' });
    expect(readFileSync(path.join(v8, LONG), 'utf8')).toBe('module.exports = 1;\n');
    expect(statSync(path.join(v8, 'Plugins', 'x86_64', 'libPapiV8.so')).mode & 0o111).toBe(0o111);
    expect(lstatSync(path.join(v8, 'Plugins', 'current.so')).isSymbolicLink() && readlinkSync(path.join(v8, 'Plugins', 'current.so'))).toBe('x86_64/libPapiV8.so');
    expect(existsSync(path.join(v8, 'Plugins', 'OpenHarmony'))).toBe(false);
    expect(existsSync(path.join(v8, 'Plugins', 'OpenHarmony.meta'))).toBe(false);
    // Fetching again keeps what is installed from the same tarball.
    const again = await fetchPuerts({ release: result.release, packagesDir, from: mirror });
    expect([again.installed, again.present]).toEqual([[], ['com.tencent.puerts.core', 'com.tencent.puerts.v8']]);
  });

  it('downloads from an http mirror', async () => {
    const server = await serveFolder(mirror);
    try {
      const result = await fetchPuerts({ release: release([pin('com.tencent.puerts.core', 'core', 'PuerTS_Core_3.0.2.tar.gz')]), packagesDir: path.join(root, 'project-b', 'Packages'), from: server.url });
      expect(result.installed).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('refuses a tarball whose checksum or package does not match its pin, writing nothing', async () => {
    const packagesDir = path.join(root, 'project-c', 'Packages');
    const wrong = { ...pin('com.tencent.puerts.v8', 'v8', 'PuerTS_V8_3.0.2.tar.gz'), sha256: '0'.repeat(64) };
    const bad = await fetchPuerts({ release: release([wrong]), packagesDir, from: mirror }).catch((e: unknown) => e);
    expect(isClonedPersonError(bad) && [bad.code, /expected \d+ bytes 0{64}/.test(bad.message)]).toEqual(['E_CHECKSUM', true]);
    const old = { ...pin('com.tencent.puerts.v8', 'v8', 'old.tar.gz') };
    const mismatch = await fetchPuerts({ release: release([old]), packagesDir, from: mirror }).catch((e: unknown) => e);
    expect((mismatch as Error).message).toBe('old.tar.gz holds com.tencent.puerts.v8@3.0.1, expected com.tencent.puerts.v8@3.0.2');
    expect(existsSync(path.join(packagesDir, 'com.tencent.puerts.v8'))).toBe(false);
  });

  it('refuses an unpinned tarball unless asked to pin it, then records its checksum', async () => {
    const packagesDir = path.join(root, 'project-d', 'Packages');
    const unpinned = release([pin('com.tencent.puerts.core', 'core', 'PuerTS_Core_3.0.2.tar.gz', false)]);
    const refused = await fetchPuerts({ release: unpinned, packagesDir, from: mirror }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain('has no pinned checksum in puerts-release.json; fetch it once from the real release with --pin');
    const pinned = await fetchPuerts({ release: unpinned, packagesDir, from: mirror, pin: true });
    const bytes = readFileSync(path.join(mirror, 'PuerTS_Core_3.0.2.tar.gz'));
    expect(pinned.pinned).toEqual(['com.tencent.puerts.core']);
    expect(pinned.release.packages[0]).toMatchObject({ sha256: sha256(bytes), bytes: bytes.length });
  });

  it('refuses entries that would land outside the package', async () => {
    const evil = path.join(root, 'evil');
    mkdirSync(path.join(evil, 'core'), { recursive: true });
    writeFileSync(path.join(evil, 'core', 'package.json'), JSON.stringify({ name: 'com.tencent.puerts.core', version: '3.0.2' }));
    writeFileSync(path.join(root, 'outside.txt'), 'x');
    execFileSync('tar', ['-czf', path.join(mirror, 'evil.tar.gz'), '-C', evil, 'core', '-C', root, '--transform', 's,^outside,core/../../outside,', 'outside.txt']);
    const error = await fetchPuerts({ release: release([pin('com.tencent.puerts.core', 'core', 'evil.tar.gz')]), packagesDir: path.join(root, 'project-e', 'Packages'), from: mirror }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/entry .*outside\.txt escapes the package folder/);
  });
});
