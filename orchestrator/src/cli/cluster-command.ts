/**
 * `clonedperson cluster`: Similarity-Diversity Expansion (features, re-ranking, two rounds of
 * DBSCAN, character selection), or with `--labels-out` a single DBSCAN run on given features.
 */
import path from 'node:path';
import { CLUSTER_DEFAULTS, runClusterSelection, runSingleDbscan } from '../clustering/run-cluster.js';
import { RERANK_DEFAULTS } from '../clustering/reranking.js';
import type { Metric } from '../clustering/distance-metric.js';
import type { EngineName } from '../clustering/neighbour-engine.js';
import type { SelectionMethod } from '../clustering/selection.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

interface ClusterArgs {
  images?: string;
  out?: string;
  model?: string;
  modelConfig?: string;
  features?: string;
  eps?: string;
  minSamples: number;
  metric?: Metric;
  rerank?: boolean;
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
  labelsOut?: string;
}

/** Parses "0.4,0.5" (or one value) into numbers; E_USAGE otherwise. */
export function parseEpsList(text: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.length < 1 || values.length > 2 || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new ClonedPersonError('E_USAGE', `--eps expects one or two positive numbers like 0.4,0.5, got ${JSON.stringify(text)}`);
  }
  return values;
}

export const clusterCommand = defineCommand<ClusterArgs>({
  command: 'cluster',
  describe: 'Cluster person images (two rounds of DBSCAN on re-ID features) and pick the images that become characters',
  builder: (y) =>
    y
      .option('images', { type: 'string', describe: 'A folder of person images (recursive) or a detections JSONL ({image, box?} per line)' })
      .option('out', { type: 'string', describe: 'Output folder: selection.json, round1.json, round2.json, features.npy, report/, summary.json' })
      .option('model', { type: 'string', describe: 'ONNX re-ID model (kind "reid-embedding") [default: the built-in appearance descriptor]' })
      .option('model-config', { type: 'string', describe: 'JSON description of --model [default: <model>.json beside it]' })
      .option('features', { type: 'string', describe: 'Precomputed features, float32 .npy [N, D] in image-list order (or N x N distances with --metric precomputed)' })
      .option('eps', { type: 'string', describe: 'eps of round 1 and 2, e.g. 0.4,0.5 (one value with --labels-out) [default: the model\'s calibrated pair]' })
      .option('min-samples', { type: 'number', default: CLUSTER_DEFAULTS.minSamples, describe: 'DBSCAN min_samples (the point itself included)' })
      .option('metric', { type: 'string', choices: ['cosine', 'euclidean', 'precomputed'], describe: 'Distance [default: the model\'s, cosine for the built-in descriptor]' })
      .option('rerank', { type: 'boolean', describe: 'k-reciprocal re-ranking before DBSCAN [default: on for the two rounds, off with --labels-out]' })
      .option('k1', { type: 'number', default: RERANK_DEFAULTS.k1, describe: 'Re-ranking: k-reciprocal neighbourhood size' })
      .option('k2', { type: 'number', default: RERANK_DEFAULTS.k2, describe: 'Re-ranking: query-expansion neighbours (1 = off)' })
      .option('lambda', { type: 'number', default: RERANK_DEFAULTS.lambda, describe: 'Re-ranking: weight of the original distance, 0 <= lambda < 1' })
      .option('seed', { type: 'number', default: CLUSTER_DEFAULTS.seed, describe: 'Seed of the selection' })
      .option('method', { type: 'string', choices: ['sde', 'random'], default: CLUSTER_DEFAULTS.method, describe: 'sde: 7 images per round-2 cluster; random: the paper\'s baseline' })
      .option('identities', { type: 'number', describe: 'Identities for --method random [default: as many as sde selects]' })
      .option('per-cluster', { type: 'number', default: CLUSTER_DEFAULTS.perCluster, describe: 'Images (characters) taken from each round-2 cluster' })
      .option('train-per-cluster', { type: 'number', default: CLUSTER_DEFAULTS.trainPerCluster, describe: 'Of those, training identities (the rest are test)' })
      .option('report', { type: 'boolean', default: CLUSTER_DEFAULTS.report, describe: 'Write report/index.html and contact sheets' })
      .option('cache-dir', { type: 'string', describe: 'Feature cache folder [default: <out>/cache]' })
      .option('engine', { type: 'string', choices: ['onnx', 'js'], default: CLUSTER_DEFAULTS.engine, describe: 'GEMM engine for distances: onnxruntime (fast) or typed-array workers' })
      .option('threads', { type: 'number', describe: 'Threads for distances and models [default: all cores]' })
      .option('labels-out', { type: 'string', describe: 'Single DBSCAN run on --features: write labels here (.json, or .npy for int32)' })
      .check((argv) => {
        if (argv.labelsOut) {
          if (!argv.features) throw new Error('--labels-out needs --features');
          if (!argv.eps) throw new Error('--labels-out needs --eps');
        } else if (!argv.images || !argv.out) {
          throw new Error('give --images and --out (or --features, --eps and --labels-out for a single DBSCAN run)');
        }
        for (const key of ['minSamples', 'k1', 'k2', 'perCluster'] as const) {
          if (!Number.isInteger(argv[key]) || (argv[key] as number) < 1) throw new Error(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a positive integer`);
        }
        if (!Number.isInteger(argv.seed) || (argv.seed) < 0) throw new Error('--seed must be a non-negative integer');
        return true;
      })
      .example('$0 cluster --images photos/ --out out/cluster', 'Two rounds with the built-in descriptor; writes out/cluster/selection.json')
      .example('$0 cluster --images detections.jsonl --model osnet.onnx --out out/cluster', 'With an ONNX re-ID model described by osnet.json')
      .example('$0 cluster --features feats.npy --eps 0.4 --min-samples 4 --metric cosine --labels-out labels.json', 'One DBSCAN run on given features'),
  run: async (args, context) => {
    const resolve = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(context.cwd, p));
    const rerankOptions = { k1: args.k1, k2: args.k2, lambda: args.lambda };
    if (args.labelsOut) {
      const eps = parseEpsList(args.eps!);
      if (eps.length !== 1) throw new ClonedPersonError('E_USAGE', '--labels-out runs one DBSCAN: give a single --eps');
      const result = await runSingleDbscan({
        features: resolve(args.features)!,
        eps: eps[0],
        minSamples: args.minSamples,
        metric: args.metric ?? 'cosine',
        rerank: args.rerank ?? false,
        rerankOptions,
        labelsOut: resolve(args.labelsOut)!,
        engine: args.engine,
        threads: args.threads,
        logger: context.logger,
      });
      context.stdout(`cluster: ${result.n} points -> ${result.clusters} clusters, ${result.noise} noise -> ${args.labelsOut}\n`);
      return 0;
    }
    if (args.metric === 'precomputed') throw new ClonedPersonError('E_USAGE', '--metric precomputed works only with --labels-out (the two rounds need features)');
    let eps: [number, number] | undefined;
    if (args.eps !== undefined) {
      const values = parseEpsList(args.eps);
      if (values.length !== 2) throw new ClonedPersonError('E_USAGE', '--eps needs two values (round 1, round 2), e.g. 0.4,0.5');
      eps = [values[0], values[1]];
    }
    const bar = createProgressBar(context, 'cluster');
    const out = resolve(args.out)!;
    let summary;
    try {
      summary = await runClusterSelection({
        images: resolve(args.images)!,
        out,
        model: resolve(args.model),
        modelConfig: resolve(args.modelConfig),
        features: resolve(args.features),
        eps,
        minSamples: args.minSamples,
        metric: args.metric,
        rerank: args.rerank ?? CLUSTER_DEFAULTS.rerank,
        rerankOptions,
        seed: args.seed,
        method: args.method,
        identities: args.identities,
        perCluster: args.perCluster,
        trainPerCluster: args.trainPerCluster,
        report: args.report,
        cacheDir: resolve(args.cacheDir),
        engine: args.engine,
        threads: args.threads,
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    const [r1, r2] = summary.rounds;
    context.stdout(
      `cluster: ${summary.clustered} images; round 1 (eps ${r1.eps}): ${r1.clusters} clusters, ${r1.noise} noise; ` +
        `round 2 (eps ${r2.eps}): ${r2.clusters} clusters, ${r2.noise} noise; ${summary.identities.total} identities ` +
        `(${summary.identities.train} train, ${summary.identities.test} test) in ${(summary.timeMs / 1000).toFixed(1)} s -> ${path.join(out, 'selection.json')}\n`,
    );
    for (const failure of summary.failed) context.stdout(`  ${failure.image}: ${failure.code}: ${failure.message}\n`);
    if (summary.failed.length > 0) {
      throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} image(s) could not be used; details in ${path.join(out, 'summary.json')}`);
    }
    return 0;
  },
});
