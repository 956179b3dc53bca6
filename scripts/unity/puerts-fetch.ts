/**
 * Fetching the PuerTS packages into the Unity project: PuerTS 3.x ships its native plugins only
 * in GitHub release tarballs (PuerTS_Core_<v>.tar.gz, PuerTS_V8_<v>.tar.gz), each holding one
 * folder (`core/`, `v8/`) with a Unity package. Each tarball is downloaded (or copied from a
 * folder or http mirror laid out flat: `<mirror>/<asset>`), checked against its pinned size and
 * sha256 (puerts-release.json), its package.json checked for the pinned name and version, and
 * extracted into unity-project/Packages/<name>/ (the manifest references them as `file:`).
 * A tarball without a pinned checksum is refused unless `pin` is set, which records the checksum
 * of what was fetched (trust on first use: do it from the real release). Entries escaping the
 * package folder are refused. OpenHarmony plugins are left out (their .meta GUIDs are invalid and
 * Unity warns about them). Files already extracted from the same tarball are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ClonedPersonError } from '../../orchestrator/src/shared/errors.js';

export interface PuertsPackagePin {
  name: string;
  version: string;
  asset: string;
  url: string;
  /** The folder the tarball holds the package in. */
  folder: string;
  sha256: string | null;
  bytes: number | null;
}

export interface PuertsRelease {
  comment?: string;
  release: string;
  packages: PuertsPackagePin[];
}

export interface TarEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink';
  data: Uint8Array;
  linkTarget?: string;
  mode: number;
}

function field(block: Uint8Array, at: number, length: number): string {
  let end = at;
  while (end < at + length && block[end] !== 0) end++;
  return Buffer.from(block.subarray(at, end)).toString('utf8');
}

/** The entries of a tar archive (ustar with GNU long names and pax path/linkpath records). */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = Buffer.from(data).toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'K') {
      longLink = Buffer.from(data).toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x' || type === 'g') {
      const records: Record<string, string> = {};
      for (const line of Buffer.from(data).toString('utf8').split('\n')) {
        const m = /^\d+ ([^=]+)=(.*)$/.exec(line);
        if (m) records[m[1]] = m[2];
      }
      if (type === 'x') pax = records;
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const linkTarget = pax.linkpath ?? longLink ?? field(header, 157, 100);
    longName = longLink = undefined;
    pax = {};
    const mode = parseInt(field(header, 100, 8).trim() || '644', 8);
    if (type === '0' || type === '\0' || type === '7') entries.push({ path: name, type: 'file', data, mode });
    else if (type === '5') entries.push({ path: name, type: 'directory', data: new Uint8Array(0), mode });
    else if (type === '2') entries.push({ path: name, type: 'symlink', data: new Uint8Array(0), linkTarget, mode });
    // hard links, devices and FIFOs have no place in a Unity package
  }
  return entries;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function refuse(message: string, details: Record<string, unknown> = {}): ClonedPersonError {
  return new ClonedPersonError('E_CHECKSUM', message, { details });
}

/** The entry's path inside the package folder, or undefined for entries outside it; refuses paths that escape. */
function insidePackage(entry: TarEntry, folder: string): string | undefined {
  const normalized = path.posix.normalize(entry.path.replace(/^\.\//, ''));
  if (path.posix.isAbsolute(normalized) || normalized.split('/').includes('..')) throw refuse(`tarball entry ${entry.path} escapes the package folder`);
  if (normalized === folder || normalized === `${folder}/`) return '';
  if (!normalized.startsWith(`${folder}/`)) return undefined;
  return normalized.slice(folder.length + 1).replace(/\/$/, '');
}

/** Checks a tarball against its pin and extracts it into `packagesDir/<name>`; returns the files written. */
export function installPuertsPackage(tarGz: Uint8Array, pin: PuertsPackagePin, packagesDir: string): number {
  const entries = readTar(gunzipSync(tarGz));
  const packageJson = entries.find((e) => e.type === 'file' && insidePackage(e, pin.folder) === 'package.json');
  if (!packageJson) throw refuse(`${pin.asset} holds no ${pin.folder}/package.json`);
  const manifest = JSON.parse(Buffer.from(packageJson.data).toString('utf8')) as { name?: string; version?: string };
  if (manifest.name !== pin.name || manifest.version !== pin.version) {
    throw refuse(`${pin.asset} holds ${manifest.name}@${manifest.version}, expected ${pin.name}@${pin.version}`);
  }
  const target = path.join(packagesDir, pin.name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  let files = 0;
  for (const entry of entries) {
    const rel = insidePackage(entry, pin.folder);
    if (rel === undefined || rel === '' || /(^|\/)Plugins\/OpenHarmony(\.meta)?(\/|$)/.test(rel)) continue;
    const out = path.join(target, ...rel.split('/'));
    if (entry.type === 'directory') mkdirSync(out, { recursive: true });
    else if (entry.type === 'symlink') {
      const resolved = path.resolve(path.dirname(out), entry.linkTarget ?? '');
      if (!resolved.startsWith(`${target}${path.sep}`)) throw refuse(`tarball link ${entry.path} points outside the package folder`);
      mkdirSync(path.dirname(out), { recursive: true });
      symlinkSync(entry.linkTarget!, out);
    } else {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, entry.data, { mode: entry.mode & 0o777 });
      files++;
    }
  }
  writeFileSync(path.join(target, '.clonedperson-fetch.json'), `${JSON.stringify({ asset: pin.asset, sha256: sha256(tarGz) })}\n`);
  return files;
}

export interface FetchPuertsOptions {
  release: PuertsRelease;
  /** unity-project/Packages */
  packagesDir: string;
  /** A folder or an http(s) mirror holding the tarballs by asset name (default: the pinned URLs). */
  from?: string;
  /** Record the checksums of unpinned tarballs instead of refusing them. */
  pin?: boolean;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

export interface FetchPuertsResult {
  /** The release with any newly pinned checksums. */
  release: PuertsRelease;
  installed: { name: string; files: number }[];
  present: string[];
  pinned: string[];
}

async function tarballBytes(pin: PuertsPackagePin, options: FetchPuertsOptions): Promise<Uint8Array> {
  const from = options.from;
  if (from !== undefined && !/^https?:\/\//i.test(from)) {
    const file = path.join(from, pin.asset);
    if (!existsSync(file)) throw new ClonedPersonError('E_INPUT_MISSING', `${file} does not exist`, { details: { file } });
    return new Uint8Array(readFileSync(file));
  }
  const url = from === undefined ? pin.url : `${from.replace(/\/+$/, '')}/${encodeURIComponent(pin.asset)}`;
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url);
  } catch (cause) {
    throw new ClonedPersonError('E_IO', `cannot download ${url}: ${(cause as Error).message}`, { cause, details: { url } });
  }
  if (!response.ok) throw new ClonedPersonError('E_IO', `cannot download ${url}: HTTP ${response.status}`, { details: { url, status: response.status } });
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches, checks and installs every pinned PuerTS package (see the module comment). */
export async function fetchPuerts(options: FetchPuertsOptions): Promise<FetchPuertsResult> {
  const log = options.log ?? (() => undefined);
  const result: FetchPuertsResult = { release: { ...options.release, packages: [] }, installed: [], present: [], pinned: [] };
  for (const pin of options.release.packages) {
    const marker = path.join(options.packagesDir, pin.name, '.clonedperson-fetch.json');
    if (pin.sha256 && existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { sha256?: string }).sha256 === pin.sha256) {
      result.present.push(pin.name);
      result.release.packages.push(pin);
      continue;
    }
    const bytes = await tarballBytes(pin, options);
    const digest = sha256(bytes);
    let checked = pin;
    if (pin.sha256 === null || pin.bytes === null) {
      if (!options.pin) throw refuse(`${pin.asset} has no pinned checksum in puerts-release.json; fetch it once from the real release with --pin to record it`, { asset: pin.asset, sha256: digest });
      checked = { ...pin, sha256: digest, bytes: bytes.length };
      result.pinned.push(pin.name);
      log(`pinned ${pin.asset}: ${bytes.length} bytes, sha256 ${digest}`);
    } else if (bytes.length !== pin.bytes || digest !== pin.sha256) {
      throw refuse(`${pin.asset}: got ${bytes.length} bytes with sha256 ${digest}, expected ${pin.bytes} bytes ${pin.sha256}`, { asset: pin.asset, sha256: digest, expected: pin.sha256 });
    }
    const files = installPuertsPackage(bytes, checked, options.packagesDir);
    log(`installed ${pin.name}@${pin.version}: ${files} files`);
    result.installed.push({ name: pin.name, files });
    result.release.packages.push(checked);
  }
  return result;
}
