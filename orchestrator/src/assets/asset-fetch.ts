/**
 * `clonedperson assets fetch|check`: the MakeHuman system assets the characters stage reads,
 * pinned by sha256 in `orchestrator/data/makehuman/assets.json` (derived from the data pack's
 * MANIFEST.tsv by scripts/make-makehuman-asset-list.ts; the files themselves are never in the
 * repository).
 *
 * Sources, per file:
 * - no `from`: the file's own repository at its pinned commit,
 *   `https://raw.githubusercontent.com/<repo>/<commit>/<source path>` (files built locally, like
 *   the release `targets.npz`, have no such source and need `from`);
 * - `from` an `http(s)://` URL: a mirror laid out like the data pack, `<url>/<path>`;
 * - `from` a folder: the same layout on disk, e.g. `../shared/assets`.
 *
 * Every file is checked against its size and sha256 before it is written (atomically) under
 * `to` at its listed path, except that `makehuman/release-layout/targets.npz` goes to
 * `makehuman/data/targets.npz`, where a MakeHuman release keeps it (so `--targets auto` uses it).
 * Files already present with the right hash are skipped, which makes fetching resumable.
 */
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';

export interface PinnedAsset {
  /** Path in the data pack layout, e.g. `makehuman/data/3dobjs/base.obj`. */
  path: string;
  bytes: number;
  sha256: string;
  repo?: string;
  commit?: string;
  /** Path inside `repo` at `commit`. */
  source?: string;
  /** How a locally built file was made (no repository source). */
  built?: string;
  licence: string;
  /** Where the file goes under the fetch destination, when not at `path` (e.g. the demo photos). */
  destination?: string;
}

/** The pinned list shipped with the package. */
export function pinnedAssetsFile(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'makehuman', 'assets.json');
}

/** Parses the pinned list (JSON text). */
export function parsePinnedAssets(text: string, file: string): PinnedAsset[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClonedPersonError('E_ASSET_INVALID', `assets: ${file}: invalid JSON (${(cause as Error).message})`, { cause });
  }
  const files = (json as { files?: unknown }).files;
  if (!Array.isArray(files)) throw new ClonedPersonError('E_ASSET_INVALID', `assets: ${file}: expected "files": [...]`);
  return files.map((raw: unknown, i) => {
    const f = raw as Partial<PinnedAsset>;
    if (typeof f.path !== 'string' || !Number.isInteger(f.bytes) || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      throw new ClonedPersonError('E_ASSET_INVALID', `assets: ${file}: files[${i}] needs path, bytes and a sha256`);
    }
    for (const [field, value] of [['path', f.path], ['destination', f.destination]] as const) {
      if (value === undefined) continue;
      if (typeof value !== 'string' || value.split('/').some((part) => part === '..' || part === '') || path.isAbsolute(value)) {
        throw new ClonedPersonError('E_ASSET_INVALID', `assets: ${file}: files[${i}] ${field} ${String(value)} is not a plain relative path`);
      }
    }
    return f as PinnedAsset;
  });
}

export async function loadPinnedAssets(file = pinnedAssetsFile(), files: FileStore = nodeFileStore): Promise<PinnedAsset[]> {
  return parsePinnedAssets(await files.readText(file), file);
}

/** Where a pinned file is stored under the fetch destination. */
export function destinationPath(asset: PinnedAsset): string {
  if (asset.destination !== undefined) return asset.destination;
  return asset.path === 'makehuman/release-layout/targets.npz' ? 'makehuman/data/targets.npz' : asset.path;
}

/** The upstream URL of a pinned file (raw GitHub at the pinned commit), if it has one. */
export function upstreamUrl(asset: PinnedAsset): string | undefined {
  if (!asset.repo || !asset.commit || !asset.source) return undefined;
  const encoded = asset.source.split('/').map(encodeURIComponent).join('/');
  return `https://raw.githubusercontent.com/${asset.repo}/${asset.commit}/${encoded}`;
}

export interface FetchAssetsOptions {
  /** Destination folder (the fetched-assets folder). */
  to: string;
  /** A folder or an http(s) URL laid out like the data pack; upstream repositories when absent. */
  from?: string;
  assets?: PinnedAsset[];
  force?: boolean;
  /** Injected fetch (tests); defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Where `from` (a folder) is read and `to` written. */
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface AssetFailure {
  path: string;
  code: string;
  message: string;
}

export interface FetchSummary {
  total: number;
  fetched: number;
  present: number;
  bytes: number;
  failed: AssetFailure[];
}

/** The file's bytes, or undefined when it does not exist or cannot be read. */
async function bytesOf(file: string, files: FileStore): Promise<Uint8Array | undefined> {
  try {
    return await files.read(file);
  } catch {
    return undefined;
  }
}

/** Whether `bytes` are the pinned file (size first: no hashing of files that cannot match). */
function matches(bytes: Uint8Array | undefined, asset: PinnedAsset): boolean {
  return bytes !== undefined && bytes.length === asset.bytes && contentHash(bytes) === asset.sha256;
}

async function download(url: string, fetchImpl: typeof fetch): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (cause) {
    throw new ClonedPersonError('E_IO', `cannot download ${url}: ${(cause as Error).message}`, { cause, details: { url } });
  }
  if (!response.ok) throw new ClonedPersonError('E_ASSET_MISSING', `cannot download ${url}: HTTP ${response.status}`, { details: { url, status: response.status } });
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches the pinned assets (see the module doc); never throws for single files, it reports them. */
export async function fetchAssets(options: FetchAssetsOptions): Promise<FetchSummary> {
  const logger = options.logger ?? silentLogger;
  const onProgress = options.onProgress ?? noProgress;
  const fetchImpl = options.fetchImpl ?? fetch;
  const files = options.files ?? nodeFileStore;
  const assets = options.assets ?? (await loadPinnedAssets(undefined, files));
  const from = options.from;
  const isUrl = from !== undefined && /^https?:\/\//i.test(from);
  const summary: FetchSummary = { total: assets.length, fetched: 0, present: 0, bytes: 0, failed: [] };
  for (const [i, asset] of assets.entries()) {
    onProgress(i, assets.length, asset.path);
    const target = path.join(options.to, ...destinationPath(asset).split('/'));
    try {
      if (!options.force && matches(await bytesOf(target, files), asset)) {
        summary.present++;
        continue;
      }
      let bytes: Uint8Array;
      if (from === undefined) {
        const url = upstreamUrl(asset);
        if (!url) throw new ClonedPersonError('E_ASSET_MISSING', `${asset.path} has no upstream source (${asset.built ?? 'built locally'}); fetch it from a mirror (from)`, { details: { file: asset.path, options: ['from'] } });
        bytes = await download(url, fetchImpl);
      } else if (isUrl) {
        bytes = await download(`${from.replace(/\/+$/, '')}/${asset.path.split('/').map(encodeURIComponent).join('/')}`, fetchImpl);
      } else {
        bytes = await files.read(path.join(from, ...asset.path.split('/')), 'E_ASSET_MISSING');
      }
      const hash = contentHash(bytes);
      if (bytes.length !== asset.bytes || hash !== asset.sha256) {
        throw new ClonedPersonError('E_CHECKSUM', `${asset.path}: got ${bytes.length} bytes with sha256 ${hash.slice(0, 12)}..., expected ${asset.bytes} bytes ${asset.sha256.slice(0, 12)}...`, {
          details: { path: asset.path, sha256: hash, expected: asset.sha256 },
        });
      }
      await files.writeAtomic(target, bytes);
      summary.fetched++;
      summary.bytes += bytes.length;
      logger.debug(`assets: ${asset.path} (${bytes.length} bytes)`);
    } catch (raw) {
      const error = raw instanceof ClonedPersonError ? raw : new ClonedPersonError('E_IO', (raw as Error).message, { cause: raw });
      logger.warn(`assets: ${asset.path}: ${error.code}: ${error.message}`);
      summary.failed.push({ path: asset.path, code: error.code, message: error.message });
    }
  }
  onProgress(assets.length, assets.length);
  return summary;
}

export interface CheckSummary {
  total: number;
  present: number;
  missing: string[];
  mismatched: string[];
  /** Bytes present per top-level kind (3dobjs, targets, rigs, clothes, ...). */
  byKind: Record<string, { present: number; total: number }>;
}

/**
 * Reports which pinned assets are present under `dir` with the right hash. A file counts as
 * present at its destination path or at its listed path (so the data pack itself can be checked).
 */
export async function checkAssets(dir: string, assets?: PinnedAsset[], onProgress: ProgressCallback = noProgress, files: FileStore = nodeFileStore): Promise<CheckSummary> {
  const list = assets ?? (await loadPinnedAssets(undefined, files));
  const summary: CheckSummary = { total: list.length, present: 0, missing: [], mismatched: [], byKind: {} };
  for (const [i, asset] of list.entries()) {
    onProgress(i, list.length, asset.path);
    const parts = asset.path.split('/');
    const kind = parts[1] === 'data' ? (parts[2] ?? 'data') : (parts[1] ?? 'other');
    const entry = (summary.byKind[kind] ??= { present: 0, total: 0 });
    entry.total++;
    let found = false;
    let mismatch = false;
    for (const candidate of new Set([destinationPath(asset), asset.path])) {
      const bytes = await bytesOf(path.join(dir, ...candidate.split('/')), files);
      if (bytes === undefined) continue;
      if (matches(bytes, asset)) {
        found = true;
        break;
      }
      mismatch = true;
    }
    if (found) {
      summary.present++;
      entry.present++;
    } else if (mismatch) summary.mismatched.push(asset.path);
    else summary.missing.push(asset.path);
  }
  onProgress(list.length, list.length);
  return summary;
}
