/**
 * A persistent per-image feature cache, so re-runs do not recompute. Keys are content hashes
 * (the image bytes, the box and the extractor's fingerprint), so renamed or moved images hit
 * and changed ones miss. Entries are stored in chunks under `<dir>/<extractor>/`: a float32
 * `chunk-NNNNNN.npy` [m, D] and its `chunk-NNNNNN.keys.json`, written atomically in that order;
 * a chunk counts only when its keys file exists, so an interrupted run loses at most the
 * chunk in progress.
 */
import path from 'node:path';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import type { Logger } from '../shared/logger.js';
import { encodeNpy, parseNpy } from '../features/npy.js';
import { jsonText } from '../shared/json-text.js';

export class FeatureCache {
  private readonly entries = new Map<string, Float32Array>();
  private pendingKeys: string[] = [];
  private pendingRows: Float32Array[] = [];
  private nextChunk = 0;

  private constructor(
    readonly dir: string,
    readonly dim: number,
    private readonly chunkSize: number,
    private readonly files: FileStore,
  ) {}

  /**
   * Opens (creating) the cache for one extractor fingerprint. Chunks of another dimension or
   * unreadable ones are skipped with a warning.
   */
  static async open(root: string, fingerprint: string, dim: number, options: { files: FileStore; logger: Logger; chunkSize?: number }): Promise<FeatureCache> {
    const { files, logger } = options;
    const dir = path.join(root, contentHash(fingerprint).slice(0, 16));
    const cache = new FeatureCache(dir, dim, options.chunkSize ?? 512, files);
    const entries = (await files.isDirectory(dir)) ? await files.list(dir) : [];
    const names = entries.map((e) => e.name).filter((n) => /^chunk-\d+\.keys\.json$/.test(n));
    for (const name of names) {
      const index = Number(/\d+/.exec(name)![0]);
      cache.nextChunk = Math.max(cache.nextChunk, index + 1);
      try {
        const keys = JSON.parse(await files.readText(path.join(dir, name))) as string[];
        const array = parseNpy(await files.read(path.join(dir, name.replace('.keys.json', '.npy'))));
        if (array.shape.length !== 2 || array.shape[1] !== dim || array.shape[0] !== keys.length || !(array.data instanceof Float32Array)) {
          logger.warn(`cluster: skipping feature cache chunk ${name} (shape does not match)`);
          continue;
        }
        keys.forEach((key, r) => cache.entries.set(key, (array.data as Float32Array).slice(r * dim, (r + 1) * dim)));
      } catch (error) {
        logger.warn(`cluster: skipping unreadable feature cache chunk ${name}: ${(error as Error).message}`);
      }
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Float32Array | undefined {
    return this.entries.get(key);
  }

  /** Adds an entry; writes a chunk when enough are pending. */
  async put(key: string, row: Float32Array): Promise<void> {
    if (this.entries.has(key)) return;
    this.entries.set(key, row);
    this.pendingKeys.push(key);
    this.pendingRows.push(row);
    if (this.pendingKeys.length >= this.chunkSize) await this.flush();
  }

  /** Writes pending entries as a chunk. */
  async flush(): Promise<void> {
    if (this.pendingKeys.length === 0) return;
    const keys = this.pendingKeys;
    const rows = this.pendingRows;
    this.pendingKeys = [];
    this.pendingRows = [];
    const data = new Float32Array(rows.length * this.dim);
    rows.forEach((row, r) => data.set(row, r * this.dim));
    const name = `chunk-${String(this.nextChunk++).padStart(6, '0')}`;
    await this.files.writeAtomic(path.join(this.dir, `${name}.npy`), encodeNpy(data, [rows.length, this.dim]));
    await this.files.writeAtomic(path.join(this.dir, `${name}.keys.json`), jsonText(keys));
  }
}
