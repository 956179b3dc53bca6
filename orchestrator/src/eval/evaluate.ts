/**
 * `clonedperson eval`: single-query CMC and mAP (reid-metrics.ts) of a re-ID feature extractor
 * on a dataset folder in any supported layout (dataset-layouts.ts), or of precomputed features
 * with list files naming their images, optionally k-reciprocally re-ranked, with an HTML report.
 *
 * Entry points: {@link evaluateDataset} (a folder), {@link evaluateFeatureFiles} (.npy + lists)
 * and {@link evaluateFeatureMatrices} (features in memory, e.g. the pipeline's clone fidelity).
 */
import path from 'node:path';
import type { FeatureMetric } from '../features/distance-metric.js';
import type { FeatureExtractor } from '../features/feature-extractor.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { checkFeatureMatrix, selectRows } from '../features/feature-matrix.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { readFeatureMatrixNpy, writeFeatureMatrixNpy } from '../features/npy-file.js';
import { createFeatureExtractor, resolveExtractorModel } from '../features/open-extractor.js';
import { RERANK_DEFAULTS } from '../features/reranking.js';
import type { RerankOptions } from '../features/reranking.js';
import { checkNumberInRange, checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { ProgressCallback } from '../shared/progress.js';
import { createRandom, DEFAULT_SEED, deriveSeed } from '../shared/random.js';
import { loadEvalSplit } from './dataset-layouts.js';
import type { DatasetKind } from './dataset-layouts.js';
import { extractImageFeatures } from './eval-features.js';
import { writeEvalReport } from './eval-report.js';
import { detectNaming, parseImageName } from './image-names.js';
import type { ImageNaming } from './image-names.js';
import { rankQueries } from './rank-queries.js';
import type { RankedTop } from './rank-queries.js';
import type { EvalMetrics, RankingLabels } from './reid-metrics.js';

export const EVAL_DEFAULTS = {
  maxRank: 50,
  rerank: false,
  reportQueries: 20,
  seed: DEFAULT_SEED,
  engine: 'onnx' as EngineName,
};

export interface EvalOptions {
  /** Distance; default: the extractor's (cosine for the built-in descriptor), cosine for precomputed features. */
  metric?: FeatureMetric;
  /** k-reciprocal re-ranking (query and gallery together, as torchreid's re_ranking). */
  rerank?: boolean;
  rerankOptions?: Partial<RerankOptions>;
  /** Length of the CMC (default 50, at most the gallery size). */
  maxRank?: number;
  /** An ONNX re-ID model (kind reid-embedding) and/or its description; default: the built-in descriptor. */
  model?: string;
  modelConfig?: string;
  /** Average each embedding with the mirrored image's (ONNX models). */
  flip?: boolean;
  /** Images per model run. */
  batchSize?: number;
  threads?: number;
  engine?: EngineName;
  /** Write the report (index.html, cmc.svg, thumbnails) into this folder. */
  report?: string;
  /** Queries shown in the report (default 20), drawn with `seed`. */
  reportQueries?: number;
  seed?: number;
  /** CUHK03-NP: detected (default) or labeled boxes. */
  cuhk03Boxes?: 'detected' | 'labeled';
  /** Dataset evaluation: also write the features (query.npy, gallery.npy, query.txt, gallery.txt) into this folder. */
  saveFeatures?: string;
  files?: FileStore;
  logger?: Logger;
  onProgress?: ProgressCallback;
}

export interface EvalResult extends EvalMetrics {
  /** Images on each side after junk removal. */
  galleryImages: number;
  source:
    | { kind: 'dataset'; dir: string; layout: DatasetKind; naming: ImageNaming }
    | { kind: 'features'; queryFeatures: string; galleryFeatures: string; queryList: string; galleryList: string; naming: ImageNaming };
  /** The extractor (`appearance-v1`, a model id) or `precomputed`. */
  features: string;
  metric: FeatureMetric;
  rerank: RerankOptions | null;
  /** Images whose names did not parse (left out), and junk images dropped. */
  unparsed: string[];
  junk: number;
  timeMs: number;
  /** The report page, when written. */
  report?: string;
}

/** One side of an evaluation in memory: features and, per row, identity and camera (any key). */
export interface LabelledFeatures {
  features: FeatureMatrix;
  pids: ArrayLike<number>;
  cameras: readonly (string | number)[];
}

function checkOptions(options: EvalOptions): void {
  if (options.maxRank !== undefined) checkPositiveInteger(options.maxRank, 'maxRank');
  if (options.reportQueries !== undefined) checkPositiveInteger(options.reportQueries, 'reportQueries');
  if (options.batchSize !== undefined) checkPositiveInteger(options.batchSize, 'batchSize');
  if (options.metric !== undefined && options.metric !== 'cosine' && options.metric !== 'euclidean') throw invalidArgument('"cosine" or "euclidean"', 'metric', options.metric);
  const rerank = { ...RERANK_DEFAULTS, ...options.rerankOptions };
  checkPositiveInteger(rerank.k1, 'k1');
  checkPositiveInteger(rerank.k2, 'k2');
  checkNumberInRange(rerank.lambda, 'lambda', 0, 1);
  if (rerank.lambda >= 1) throw invalidArgument('number in [0, 1)', 'lambda', rerank.lambda);
}

/** Integer camera ids shared by both sides. */
function rankingLabels(query: LabelledFeatures, gallery: LabelledFeatures): [RankingLabels, RankingLabels] {
  const ids = new Map<string, number>();
  const id = (camera: string | number): number => {
    const key = String(camera);
    let value = ids.get(key);
    if (value === undefined) ids.set(key, (value = ids.size));
    return value;
  };
  const labels = (side: LabelledFeatures): RankingLabels => ({ pids: Int32Array.from(side.pids), cams: Int32Array.from(side.cameras, id) });
  return [labels(query), labels(gallery)];
}

function sampleQueries(count: number, nq: number, seed: number): Set<number> {
  const order = Array.from({ length: nq }, (_, i) => i);
  const random = createRandom(deriveSeed(seed, 'eval-report'));
  const take = Math.min(count, nq);
  for (let i = 0; i < take; i++) {
    const j = i + random.int(nq - i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return new Set(order.slice(0, take));
}

/**
 * CMC and mAP of features in memory, plus the top-10 rankings of `keepTopOf` queries. The
 * metric defaults to cosine.
 */
export async function evaluateFeatureMatrices(
  query: LabelledFeatures,
  gallery: LabelledFeatures,
  options: Pick<EvalOptions, 'metric' | 'rerank' | 'rerankOptions' | 'maxRank' | 'engine' | 'threads' | 'onProgress'> & { keepTopOf?: ReadonlySet<number> } = {},
): Promise<{ metrics: EvalMetrics; tops: RankedTop[] }> {
  checkOptions(options);
  for (const [side, name] of [
    [query, 'query'],
    [gallery, 'gallery'],
  ] as const) {
    if (side.pids.length !== side.features.n || side.cameras.length !== side.features.n) {
      throw new ClonedPersonError('E_EVAL_INVALID', `${name}: ${side.features.n} feature rows but ${side.pids.length} identities and ${side.cameras.length} cameras`);
    }
  }
  const [queryLabels, galleryLabels] = rankingLabels(query, gallery);
  return rankQueries(query.features, queryLabels, gallery.features, galleryLabels, {
    metric: options.metric ?? 'cosine',
    maxRank: options.maxRank ?? EVAL_DEFAULTS.maxRank,
    rerank: options.rerank ? { ...RERANK_DEFAULTS, ...options.rerankOptions } : undefined,
    engine: options.engine,
    threads: options.threads,
    keepTopOf: options.keepTopOf,
    onProgress: options.onProgress,
  });
}

interface Side {
  labelled: LabelledFeatures;
  names: string[];
  files?: string[];
}

async function finish(
  query: Side,
  gallery: Side,
  base: Pick<EvalResult, 'source' | 'features' | 'unparsed' | 'junk'>,
  metric: FeatureMetric,
  options: EvalOptions,
  started: number,
): Promise<EvalResult> {
  const files = options.files ?? nodeFileStore;
  const seed = options.seed ?? EVAL_DEFAULTS.seed;
  const keepTopOf = options.report ? sampleQueries(options.reportQueries ?? EVAL_DEFAULTS.reportQueries, query.labelled.features.n, seed) : undefined;
  const { metrics, tops } = await evaluateFeatureMatrices(query.labelled, gallery.labelled, { ...options, metric, keepTopOf });
  const rerank = options.rerank ? { ...RERANK_DEFAULTS, ...options.rerankOptions } : null;
  let report: string | undefined;
  if (options.report) {
    const where = base.source.kind === 'dataset' ? base.source.dir : base.source.queryFeatures;
    report = await writeEvalReport(
      path.resolve(options.report),
      {
        title: `clonedperson eval: ${path.basename(where)}`,
        metrics,
        facts: [
          `${base.source.kind === 'dataset' ? `Dataset ${base.source.dir} (${base.source.layout})` : `Features ${base.source.queryFeatures} and ${base.source.galleryFeatures}`}: ${metrics.queries} queries, ${gallery.labelled.features.n} gallery images.`,
          `Features: ${base.features}; distance: ${metric}${rerank ? `; k-reciprocal re-ranking (k1 ${rerank.k1}, k2 ${rerank.k2}, lambda ${rerank.lambda})` : ''}.`,
        ],
        tops: tops.sort((a, b) => a.query - b.query),
      },
      {
        queryFiles: query.files,
        galleryFiles: gallery.files,
        queryNames: query.names,
        galleryNames: gallery.names,
        queryLabels: { pids: query.labelled.pids, cameras: query.labelled.cameras.map(String) },
        galleryLabels: { pids: gallery.labelled.pids, cameras: gallery.labelled.cameras.map(String) },
      },
      files,
    );
  }
  return { ...metrics, galleryImages: gallery.labelled.features.n, ...base, metric, rerank, timeMs: Date.now() - started, ...(report ? { report } : {}) };
}

async function openExtractor(options: EvalOptions, files: FileStore): Promise<{ extractor: FeatureExtractor; name: string }> {
  const { entry, modelFile } = await resolveExtractorModel(options, files);
  if (entry.description.kind !== 'reid-embedding') throw new ClonedPersonError('E_MODEL', `${entry.description.id} is a ${entry.description.kind} model, not a reid-embedding model`);
  const extractor = await createFeatureExtractor(entry, modelFile, { threads: options.threads, batchSize: options.batchSize, flip: options.flip }, files);
  return { extractor, name: entry.description.builtin ?? entry.description.id };
}

/** Evaluates a dataset folder (see the module doc); features from the built-in descriptor or `model`. */
export async function evaluateDataset(dir: string, options: EvalOptions = {}): Promise<EvalResult> {
  const started = Date.now();
  checkOptions(options);
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const root = path.resolve(dir);
  const split = await loadEvalSplit(root, files, { cuhk03Boxes: options.cuhk03Boxes });
  if (split.unparsed.length > 0) logger.warn(`eval: ${split.unparsed.length} image(s) with names the ${split.naming} naming does not explain were left out, e.g. ${split.unparsed.slice(0, 3).join(', ')}`);
  if (split.query.length === 0 || split.gallery.length === 0) throw new ClonedPersonError('E_EVAL_INVALID', `${root}: ${split.query.length} query and ${split.gallery.length} gallery images; both are needed`);
  logger.info(`eval: ${root} (${split.kind}): ${split.query.length} queries, ${split.gallery.length} gallery images${split.junk ? `, ${split.junk} junk images dropped` : ''}`);
  const { extractor, name } = await openExtractor(options, files);
  let queryFeatures: FeatureMatrix;
  let galleryFeatures: FeatureMatrix;
  try {
    queryFeatures = await extractImageFeatures(split.query.map((image) => image.file), extractor, files, options.onProgress, 'query features');
    galleryFeatures = await extractImageFeatures(split.gallery.map((image) => image.file), extractor, files, options.onProgress, 'gallery features');
  } finally {
    await extractor.close();
  }
  if (options.saveFeatures) {
    const out = path.resolve(options.saveFeatures);
    await writeFeatureMatrixNpy(path.join(out, 'query.npy'), queryFeatures, files);
    await writeFeatureMatrixNpy(path.join(out, 'gallery.npy'), galleryFeatures, files);
    await files.writeAtomic(path.join(out, 'query.txt'), split.query.map((image) => `${path.basename(image.file)}\n`).join(''));
    await files.writeAtomic(path.join(out, 'gallery.txt'), split.gallery.map((image) => `${path.basename(image.file)}\n`).join(''));
  }
  const side = (images: typeof split.query, features: FeatureMatrix): Side => ({
    labelled: { features, pids: images.map((image) => image.pid), cameras: images.map((image) => image.camera) },
    names: images.map((image) => image.name),
    files: images.map((image) => image.file),
  });
  return finish(
    side(split.query, queryFeatures),
    side(split.gallery, galleryFeatures),
    { source: { kind: 'dataset', dir: root, layout: split.kind, naming: split.naming }, features: name, unparsed: split.unparsed, junk: split.junk },
    options.metric ?? extractor.metric,
    options,
    started,
  );
}

export interface FeatureFiles {
  /** float32 (or float64/float16) .npy [N, D], one row per list line. */
  queryFeatures: string;
  galleryFeatures: string;
  /** One image file name per line (a path is fine; `<path> <pid>` lines give the pid, as MSMT17's lists). */
  queryList: string;
  galleryList: string;
  /** Read Market-style names as our market layout: `c` is a camera of scene `s`, so cameras are (s, c). */
  sceneCameras?: boolean;
}

/** Reads a list file: base names and, when a second column gives it, the pid. */
async function readNameList(file: string, files: FileStore): Promise<{ name: string; pid?: number }[]> {
  return (await files.readText(file))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [image, pid] = line.split(/\s+/);
      return { name: path.basename(image), ...(pid !== undefined && /^-?\d+$/.test(pid) ? { pid: Number(pid) } : {}) };
    });
}

/** Evaluates precomputed features whose rows the list files name (see {@link FeatureFiles}). */
export async function evaluateFeatureFiles(input: FeatureFiles, options: EvalOptions = {}): Promise<EvalResult> {
  const started = Date.now();
  checkOptions(options);
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const lists = [await readNameList(input.queryList, files), await readNameList(input.galleryList, files)];
  const candidates: ImageNaming[] = ['clonedperson', input.sceneCameras ? 'clonedperson-market' : 'market1501', 'dukemtmc', 'cuhk03-np', 'msmt17'];
  const naming = detectNaming([...lists[0], ...lists[1]].slice(0, 400).map((entry) => entry.name), candidates);
  if (!naming) throw new ClonedPersonError('E_EVAL_INVALID', `${input.queryList}: no name follows a supported naming (Market-1501 0001_c1s1_000151_00.jpg, DukeMTMC-reID, CUHK03-NP, MSMT17, or ours 0001_s01_c01_f000000.jpg)`);
  const unparsed: string[] = [];
  let junk = 0;
  const load = async (featuresFile: string, list: { name: string; pid?: number }[], listFile: string): Promise<Side> => {
    const features = checkFeatureMatrix(await readFeatureMatrixNpy(featuresFile, files), { label: featuresFile });
    if (features.n !== list.length) throw new ClonedPersonError('E_EVAL_INVALID', `${featuresFile} has ${features.n} rows but ${listFile} names ${list.length} images`, { details: { features: featuresFile, list: listFile } });
    const kept: number[] = [];
    const pids: number[] = [];
    const cameras: string[] = [];
    list.forEach((entry, row) => {
      const parsed = parseImageName(naming, entry.name, entry.pid);
      if (!parsed) {
        unparsed.push(entry.name);
        return;
      }
      if (naming === 'market1501' && parsed.pid === -1) {
        junk++;
        return;
      }
      kept.push(row);
      pids.push(parsed.pid);
      cameras.push(parsed.camera);
    });
    return { labelled: { features: kept.length === features.n ? features : selectRows(features, kept), pids, cameras }, names: kept.map((row) => list[row].name) };
  };
  const query = await load(input.queryFeatures, lists[0], input.queryList);
  const gallery = await load(input.galleryFeatures, lists[1], input.galleryList);
  if (unparsed.length > 0) logger.warn(`eval: ${unparsed.length} listed name(s) the ${naming} naming does not explain were left out, e.g. ${unparsed.slice(0, 3).join(', ')}`);
  return finish(
    query,
    gallery,
    {
      source: { kind: 'features', queryFeatures: input.queryFeatures, galleryFeatures: input.galleryFeatures, queryList: input.queryList, galleryList: input.galleryList, naming },
      features: 'precomputed',
      unparsed,
      junk,
    },
    options.metric ?? 'cosine',
    options,
    started,
  );
}
