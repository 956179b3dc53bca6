/**
 * `clonedperson cluster`: Similarity-Diversity Expansion (features, re-ranking, two rounds of
 * DBSCAN, character selection). A single DBSCAN run is `clonedperson dbscan`.
 */
import path from 'node:path';
import { CLUSTER_DEFAULTS, runClusterSelection } from '../clustering/run-cluster.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import type { EngineName } from '../features/neighbour-engine.js';
import type { SelectionMethod } from '../clustering/selection.js';
import { ClonedPersonError } from '../shared/errors.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { defineCommand } from './cli-command.js';
import { checkClusteringOptions, withClusteringOptions } from './clustering-options.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger, parsePositiveNumberList, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface ClusterArgs {
  images: string;
  imagesRoot?: string;
  out: string;
  model?: string;
  modelConfig?: string;
  features?: string;
  eps?: string;
  minSamples: number;
  metric?: FeatureMetric;
  rerank: boolean;
  k1: number;
  k2: number;
  lambda: number;
  seed: number;
  method: SelectionMethod;
  identities?: number;
  perCluster: number;
  trainPerCluster: number;
  report: boolean;
  cacheDir?: string;
  engine: EngineName;
  threads?: number;
}

const EPS_EXAMPLE = '0.4,0.5';

export const clusterCommand = defineCommand<ClusterArgs>({
  command: 'cluster',
  describe: 'Cluster person images (two rounds of DBSCAN on re-ID features) and pick the images that become characters',
  builder: (y) =>
    withClusteringOptions(
      y
        .option('images', { type: 'string', demandOption: true, describe: 'A folder of person images (recursive) or a detections JSONL ({image, box?} per line)' })
        .option('images-root', { type: 'string', describe: 'Folder a JSONL list\'s image paths are relative to (detect\'s --images for its detections.jsonl) [default: the JSONL\'s folder]' })
        .option('out', { type: 'string', demandOption: true, describe: 'Output folder: selection.json, round1.json, round2.json, features.npy, report/, summary.json' })
        .option('model', { type: 'string', describe: 'ONNX re-ID model (kind "reid-embedding") [default: the built-in appearance descriptor]' })
        .option('model-config', { type: 'string', describe: 'JSON description of --model [default: <model>.json beside it]' })
        .option('features', { type: 'string', describe: 'Precomputed features, float32 .npy [N, D] in image-list order' })
        .option('eps', { type: 'string', describe: `eps of round 1 and 2, e.g. ${EPS_EXAMPLE} [default: the model's calibrated pair]` })
        .option('metric', { type: 'string', choices: ['cosine', 'euclidean'], describe: 'Distance [default: the model\'s, cosine for the built-in descriptor]' })
        .option('rerank', { type: 'boolean', default: CLUSTER_DEFAULTS.rerank, describe: 'k-reciprocal re-ranking before DBSCAN (--no-rerank: plain distances)' }),
    )
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of the selection' })
      .option('method', { type: 'string', choices: ['sde', 'random'], default: CLUSTER_DEFAULTS.method, describe: 'sde: 7 images per round-2 cluster; random: the paper\'s baseline' })
      .option('identities', { type: 'number', describe: 'Identities for --method random [default: as many as sde selects]' })
      .option('per-cluster', { type: 'number', default: CLUSTER_DEFAULTS.perCluster, describe: 'Images (characters) taken from each round-2 cluster' })
      .option('train-per-cluster', { type: 'number', default: CLUSTER_DEFAULTS.trainPerCluster, describe: 'Of those, training identities (the rest are test)' })
      .option('report', { type: 'boolean', default: CLUSTER_DEFAULTS.report, describe: 'Write report/index.html and contact sheets' })
      .option('cache-dir', { type: 'string', describe: 'Feature cache folder [default: <out>/cache]' })
      .check((argv) => {
        checkClusteringOptions(argv);
        checkInteger(argv, '--seed', 0);
        checkInteger(argv, '--identities', 1);
        checkInteger(argv, '--per-cluster', 1);
        checkInteger(argv, '--train-per-cluster', 0);
        if (argv.eps !== undefined) parsePositiveNumberList(argv.eps, '--eps', 2, EPS_EXAMPLE);
        else if (argv.features !== undefined && argv.model === undefined && argv.modelConfig === undefined) {
          // the pair depends on the features' distance scale; only a model description knows it
          throw usageError(`two positive numbers like ${EPS_EXAMPLE}`, '--eps with --features (or --model/--model-config to take the pair from)', 'nothing');
        }
        return true;
      })
      .example('$0 cluster --images photos/ --out out/cluster', 'Two rounds with the built-in descriptor; writes out/cluster/selection.json')
      .example('$0 cluster --images detections.jsonl --model osnet.onnx --out out/cluster', 'With an ONNX re-ID model described by osnet.json'),
  run: async (args, context) => {
    const images = await inputPath(context, '--images', args.images);
    const imagesRoot = await optionalInputPath(context, '--images-root', args.imagesRoot);
    const model = await optionalInputPath(context, '--model', args.model);
    const modelConfig = await optionalInputPath(context, '--model-config', args.modelConfig);
    const features = await optionalInputPath(context, '--features', args.features);
    const eps = args.eps === undefined ? undefined : (parsePositiveNumberList(args.eps, '--eps', 2, EPS_EXAMPLE) as [number, number]);
    const bar = createProgressBar(context, 'cluster');
    const out = resolvePath(context, args.out);
    let summary;
    try {
      summary = await runClusterSelection({
        images,
        ...(imagesRoot ? { imagesRoot } : {}),
        out,
        model,
        modelConfig,
        features,
        eps,
        minSamples: args.minSamples,
        metric: args.metric,
        rerank: args.rerank,
        rerankOptions: { k1: args.k1, k2: args.k2, lambda: args.lambda },
        seed: args.seed,
        method: args.method,
        identities: args.identities,
        perCluster: args.perCluster,
        trainPerCluster: args.trainPerCluster,
        report: args.report,
        cacheDir: args.cacheDir === undefined ? undefined : resolvePath(context, args.cacheDir),
        engine: args.engine,
        threads: args.threads,
        files: context.files,
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    const [r1, r2] = summary.rounds;
    // an up-to-date run redid no round
    const rounds = summary.upToDate ? 'up to date' : `round 1 (eps ${r1.eps}): ${r1.clusters} clusters, ${r1.noise} noise; round 2 (eps ${r2.eps}): ${r2.clusters} clusters, ${r2.noise} noise`;
    context.stdout(
      `cluster: ${summary.clustered} images; ${rounds}; ${summary.identities.total} identities ` +
        `(${summary.identities.train} train, ${summary.identities.test} test) in ${(summary.timeMs / 1000).toFixed(1)} s -> ${path.join(out, 'selection.json')}\n`,
    );
    for (const failure of summary.failed) context.stdout(`  ${failure.image}: ${failure.code}: ${failure.message}\n`);
    if (summary.failed.length > 0) {
      throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} image(s) could not be used; details in ${path.join(out, 'summary.json')}`);
    }
    return 0;
  },
});
