/**
 * `clonedperson eval`: single-query CMC and mAP (torchreid's eval_market1501) of a dataset folder
 * in any supported layout, or of precomputed features with list files; `--json` prints one JSON
 * object for scripts.
 */
import { EVAL_DEFAULTS, evaluateDataset, evaluateFeatureFiles } from '../eval/evaluate.js';
import type { EvalResult } from '../eval/evaluate.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { RERANK_DEFAULTS } from '../features/reranking.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { defineCommand } from './cli-command.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger, checkNumberInRange, fieldOfFlag, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface EvalArgs {
  dataset?: string;
  queryFeatures?: string;
  galleryFeatures?: string;
  queryList?: string;
  galleryList?: string;
  sceneCameras: boolean;
  model?: string;
  modelConfig?: string;
  flip: boolean;
  batchSize?: number;
  threads?: number;
  engine: EngineName;
  metric?: FeatureMetric;
  rerank: boolean;
  k1: number;
  k2: number;
  lambda: number;
  maxRank: number;
  cuhk03Boxes?: 'detected' | 'labeled';
  report?: string;
  reportQueries: number;
  seed: number;
  saveFeatures?: string;
  json: boolean;
}

const FEATURE_FLAGS = ['--query-features', '--gallery-features', '--query-list', '--gallery-list'] as const;
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

/** The `--json` object: the metrics first, as fractions in [0, 1]. */
export function evalJson(result: EvalResult): Record<string, unknown> {
  const { mAP, rank1, rank5, rank10, rank20, cmc, queries, validQueries, galleryImages, ...rest } = result;
  return { mAP, rank1, rank5, rank10, rank20, cmc, queries, validQueries, gallery: galleryImages, ...rest };
}

export const evalCommand = defineCommand<EvalArgs>({
  command: 'eval',
  describe: 'Evaluate re-ID features on a dataset (Market-1501, DukeMTMC-reID, CUHK03-NP, MSMT17 or ours): CMC and mAP',
  builder: (y) =>
    y
      .option('dataset', { type: 'string', describe: 'A dataset folder; its layout is detected (query/ + bounding_box_test/ is enough)' })
      .option('query-features', { type: 'string', describe: 'Precomputed query features, .npy [N, D], one row per line of --query-list' })
      .option('gallery-features', { type: 'string', describe: 'Precomputed gallery features, .npy [M, D]' })
      .option('query-list', { type: 'string', describe: 'Query image names, one per line (Market-1501, DukeMTMC, CUHK03-NP, MSMT17 "<path> <pid>" or ours)' })
      .option('gallery-list', { type: 'string', describe: 'Gallery image names, one per line' })
      .option('scene-cameras', { type: 'boolean', default: false, describe: 'List names in Market style are our --layout market: cameras are (scene, camera)' })
      .option('model', { type: 'string', describe: 'ONNX re-ID model (kind "reid-embedding") [default: the built-in appearance descriptor]' })
      .option('model-config', { type: 'string', describe: 'JSON description of --model [default: <model>.json beside it]' })
      .option('flip', { type: 'boolean', default: false, describe: 'Average each embedding with the mirrored image\'s (ONNX models)' })
      .option('batch-size', { type: 'number', describe: 'Images per model run [default: 16]' })
      .option('threads', { type: 'number', describe: 'Threads for distances and models [default: all cores]' })
      .option('engine', { type: 'string', choices: ['onnx', 'js'], default: EVAL_DEFAULTS.engine, describe: 'GEMM engine for distances: onnxruntime (fast) or typed arrays' })
      .option('metric', { type: 'string', choices: ['cosine', 'euclidean'], describe: "Distance [default: the model's, cosine for the built-in descriptor and for precomputed features]" })
      .option('rerank', { type: 'boolean', default: EVAL_DEFAULTS.rerank, describe: 'k-reciprocal re-ranking of query and gallery together' })
      .option('k1', { type: 'number', default: RERANK_DEFAULTS.k1, describe: 'Re-ranking: k-reciprocal neighbourhood size' })
      .option('k2', { type: 'number', default: RERANK_DEFAULTS.k2, describe: 'Re-ranking: query-expansion neighbours (1 = off)' })
      .option('lambda', { type: 'number', default: RERANK_DEFAULTS.lambda, describe: 'Re-ranking: weight of the original distance, 0 <= lambda < 1' })
      .option('max-rank', { type: 'number', default: EVAL_DEFAULTS.maxRank, describe: 'Length of the CMC curve' })
      .option('cuhk03-boxes', { type: 'string', choices: ['detected', 'labeled'], describe: 'CUHK03-NP: which boxes [default: detected]' })
      .option('report', { type: 'string', describe: 'Write a report folder: index.html (sample queries with their top 10), cmc.svg' })
      .option('report-queries', { type: 'number', default: EVAL_DEFAULTS.reportQueries, describe: 'Queries shown in the report' })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of the report\'s query sample' })
      .option('save-features', { type: 'string', describe: 'With --dataset: also write query.npy, gallery.npy, query.txt, gallery.txt into this folder' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object: mAP, rank1, rank5, rank10, rank20 (fractions), cmc, counts' })
      .check((argv) => {
        const features = FEATURE_FLAGS.filter((flag) => argv[fieldOfFlag(flag)] !== undefined);
        if (argv.dataset !== undefined && features.length > 0) throw usageError('either --dataset or the four feature flags', 'eval', `--dataset and ${features.join(', ')}`);
        if (argv.dataset === undefined && features.length !== FEATURE_FLAGS.length) {
          throw usageError(`--dataset, or all of ${FEATURE_FLAGS.join(', ')}`, 'eval', features.length === 0 ? 'none' : features.join(', '));
        }
        if (argv.dataset === undefined && (argv.model !== undefined || argv.modelConfig !== undefined)) throw usageError('--dataset with --model', 'eval', '--model with precomputed features');
        if (argv.saveFeatures !== undefined && argv.dataset === undefined) throw usageError('--dataset with --save-features', 'eval', '--save-features with precomputed features');
        checkInteger(argv, '--batch-size', 1);
        checkInteger(argv, '--threads', 1);
        checkInteger(argv, '--k1', 1);
        checkInteger(argv, '--k2', 1);
        checkNumberInRange(argv, '--lambda', { min: 0, max: 1, maxExclusive: true });
        checkInteger(argv, '--max-rank', 1);
        checkInteger(argv, '--report-queries', 1);
        checkInteger(argv, '--seed', 0);
        return true;
      })
      .example('$0 eval --dataset data/Market-1501-v15.09.15 --model osnet.onnx --json', 'Market-1501 with an ONNX re-ID model described by osnet.json')
      .example('$0 eval --query-features q.npy --gallery-features g.npy --query-list q.txt --gallery-list g.txt --metric euclidean', 'Precomputed features')
      .example('$0 eval --dataset out/dataset --report out/eval', 'Our dataset with the built-in descriptor, with an HTML report'),
  run: async (args, context) => {
    const bar = createProgressBar(context, 'eval');
    const options = {
      metric: args.metric,
      rerank: args.rerank,
      rerankOptions: { k1: args.k1, k2: args.k2, lambda: args.lambda },
      maxRank: args.maxRank,
      model: await optionalInputPath(context, '--model', args.model),
      modelConfig: await optionalInputPath(context, '--model-config', args.modelConfig),
      flip: args.flip,
      batchSize: args.batchSize,
      threads: args.threads,
      engine: args.engine,
      report: args.report === undefined ? undefined : resolvePath(context, args.report),
      reportQueries: args.reportQueries,
      seed: args.seed,
      cuhk03Boxes: args.cuhk03Boxes,
      saveFeatures: args.saveFeatures === undefined ? undefined : resolvePath(context, args.saveFeatures),
      files: context.files,
      logger: context.logger,
      onProgress: bar.update,
    };
    let result: EvalResult;
    try {
      if (args.dataset !== undefined) {
        result = await evaluateDataset(await inputPath(context, '--dataset', args.dataset), options);
      } else {
        result = await evaluateFeatureFiles(
          {
            queryFeatures: await inputPath(context, '--query-features', args.queryFeatures!),
            galleryFeatures: await inputPath(context, '--gallery-features', args.galleryFeatures!),
            queryList: await inputPath(context, '--query-list', args.queryList!),
            galleryList: await inputPath(context, '--gallery-list', args.galleryList!),
            sceneCameras: args.sceneCameras,
          },
          options,
        );
      }
    } finally {
      bar.stop();
    }
    if (args.json) {
      context.stdout(`${JSON.stringify(evalJson(result))}\n`);
      return 0;
    }
    const where = result.source.kind === 'dataset' ? `${result.source.dir} (${result.source.layout})` : `${result.source.queryFeatures} (${result.source.naming} names)`;
    context.stdout(
      `eval: ${where}: mAP ${pct(result.mAP)}, rank-1 ${pct(result.rank1)}, rank-5 ${pct(result.rank5)}, rank-10 ${pct(result.rank10)}, rank-20 ${pct(result.rank20)}; ` +
        `${result.validQueries} of ${result.queries} queries valid, ${result.galleryImages} gallery images; features ${result.features}, ${result.metric}${result.rerank ? ', re-ranked' : ''}` +
        `${result.unparsed.length ? `; ${result.unparsed.length} unparseable names left out` : ''}${result.report ? `; report -> ${result.report}` : ''}\n`,
    );
    return 0;
  },
});
