/**
 * Converted ONNX models on disk, so a TF.js graph model is converted once: `<cacheDir>/onnx/
 * <id>-<key>.onnx` plus a record `<id>-<key>.json` written after it (its presence means the
 * entry is complete). The key hashes the converter version, the conversion options and the
 * bytes of model.json and every weight shard; the record holds the ONNX file's SHA-256, so a
 * truncated or corrupt entry is detected and rebuilt.
 */
import os from 'node:os';
import path from 'node:path';
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import { canonicalJson, contentHash } from '../../shared/input-key.js';
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import { TFJS_CONVERTER_VERSION, convertTfjsGraph } from './convert-tfjs-graph.js';
import type { TfjsConversionOptions } from './convert-tfjs-graph.js';
import { parseTfjsModelJson } from './tfjs-model-json.js';

/**
 * The default cache folder: `$CLONEDPERSON_MODEL_CACHE`, else `$XDG_CACHE_HOME/clonedperson/models`,
 * else `~/.cache/clonedperson/models` (`%LOCALAPPDATA%\clonedperson\cache\models` on Windows).
 */
export function defaultModelCacheDir(env: Readonly<Record<string, string | undefined>> = {}, home = os.homedir(), platform: NodeJS.Platform = os.platform()): string {
  if (env.CLONEDPERSON_MODEL_CACHE) return path.resolve(env.CLONEDPERSON_MODEL_CACHE);
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'clonedperson', 'cache', 'models');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'clonedperson', 'models');
}

export interface ConvertedModelRequest {
  /** Names the cache entry (a registry id). */
  id: string;
  /** The TF.js model.json; shards are read from its folder. */
  modelJsonFile: string;
  conversion?: TfjsConversionOptions;
}

export interface ConvertedModelCacheOptions {
  cacheDir: string;
  files?: FileStore;
  logger?: Logger;
  /** Convert again even when a valid entry exists (after onnxruntime refused the cached one). */
  rebuild?: boolean;
}

export interface CachedOnnxModel {
  bytes: Uint8Array;
  /** The cached .onnx file. */
  file: string;
  /** Hash of the sources and conversion (the cache key in full). */
  key: string;
  fromCache: boolean;
  /** Conversion time when converted now, ms. */
  conversionMs?: number;
}

interface CacheRecord {
  formatVersion: 1;
  id: string;
  key: string;
  converterVersion: number;
  onnxSha256: string;
}

/** The ONNX bytes of a TF.js model, from the cache or converted now (and cached). */
export async function convertedModel(request: ConvertedModelRequest, options: ConvertedModelCacheOptions): Promise<CachedOnnxModel> {
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const jsonBytes = await files.read(request.modelJsonFile, 'E_MODEL');
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch (cause) {
    throw new ClonedPersonError('E_MODEL', `${request.modelJsonFile}: not valid JSON`, { cause, details: { model: request.modelJsonFile } });
  }
  const model = parseTfjsModelJson(parsedJson, request.modelJsonFile);
  const dir = path.dirname(request.modelJsonFile);
  const shards = await Promise.all(model.weightsManifest.map((group) => Promise.all(group.paths.map((p) => files.read(path.join(dir, p), 'E_MODEL')))));
  const key = contentHash(
    canonicalJson({
      converterVersion: TFJS_CONVERTER_VERSION,
      conversion: request.conversion ?? {},
      modelJson: contentHash(jsonBytes),
      shards: shards.map((group) => group.map((bytes) => contentHash(bytes))),
    }),
  );
  const base = path.join(options.cacheDir, 'onnx', `${request.id}-${key.slice(0, 16)}`);
  const file = `${base}.onnx`;
  const recordFile = `${base}.json`;
  if (!options.rebuild && (await files.exists(recordFile)) && (await files.exists(file))) {
    try {
      const record = JSON.parse(await files.readText(recordFile)) as CacheRecord;
      const bytes = await files.read(file);
      if (record.key === key && record.onnxSha256 === contentHash(bytes)) return { bytes, file, key, fromCache: true };
      logger.warn(`models: cached ${path.basename(file)} is corrupt; converting again`);
    } catch {
      logger.warn(`models: cache record ${path.basename(recordFile)} is unreadable; converting again`);
    }
  }
  const started = performance.now();
  const converted = convertTfjsGraph(model, shards, { graphName: request.id, ...request.conversion });
  const conversionMs = performance.now() - started;
  logger.info(`models: converted ${request.id} from TF.js to ONNX in ${Math.round(conversionMs)} ms (cached in ${path.dirname(file)})`);
  await files.remove(recordFile);
  await files.writeAtomic(file, converted.bytes);
  const record: CacheRecord = { formatVersion: 1, id: request.id, key, converterVersion: TFJS_CONVERTER_VERSION, onnxSha256: contentHash(converted.bytes) };
  await files.writeAtomic(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return { bytes: converted.bytes, file, key, fromCache: false, conversionMs };
}
