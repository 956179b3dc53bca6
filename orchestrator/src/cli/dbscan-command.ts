/** `clonedperson dbscan`: one DBSCAN run on given features (or a precomputed distance matrix). */
import { runSingleDbscan } from '../clustering/run-cluster.js';
import type { Metric } from '../features/distance-metric.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { defineCommand } from './cli-command.js';
import { checkClusteringOptions, withClusteringOptions } from './clustering-options.js';
import { inputPath, resolvePath } from './input-paths.js';
import { checkChoice, checkExtension, parsePositiveNumberList } from './option-checks.js';

interface DbscanArgs {
  features: string;
  eps: string;
  out: string;
  minSamples: number;
  metric: Metric;
  rerank: boolean;
  k1: number;
  k2: number;
  lambda: number;
  engine: EngineName;
  threads?: number;
}

export const dbscanCommand = defineCommand<DbscanArgs>({
  command: 'dbscan',
  describe: 'Run DBSCAN once on given features and write the labels',
  fields: { labelsOut: '--out' },
  builder: (y) =>
    withClusteringOptions(
      y
        .option('features', { type: 'string', demandOption: true, describe: 'Features, float32 .npy [N, D] (or N x N distances with --metric precomputed)' })
        .option('eps', { type: 'string', demandOption: true, describe: 'DBSCAN eps (neighbourhood radius in the metric\'s distance)' })
        .option('out', { type: 'string', demandOption: true, describe: 'Labels file: .json (labels and counts) or .npy (int32, -1 = noise)' })
        .option('metric', { type: 'string', choices: ['cosine', 'euclidean', 'precomputed'], default: 'cosine', describe: 'Distance between feature rows, or precomputed distances' })
        .option('rerank', { type: 'boolean', default: false, describe: 'k-reciprocal re-ranking before DBSCAN (needs features, not distances)' }),
    )
      .check((argv) => {
        checkClusteringOptions(argv);
        parsePositiveNumberList(argv.eps, '--eps', 1, '0.4');
        checkExtension(argv, '--out', ['.json', '.npy']);
        if (argv.rerank) checkChoice(argv, '--metric', ['cosine', 'euclidean'], 'with --rerank');
        return true;
      })
      .example('$0 dbscan --features feats.npy --eps 0.4 --min-samples 4 --metric cosine --out labels.json', 'One DBSCAN run on given features'),
  run: async (args, context) => {
    const features = await inputPath(context, '--features', args.features);
    const labelsOut = resolvePath(context, args.out);
    const result = await runSingleDbscan({
      features,
      eps: parsePositiveNumberList(args.eps, '--eps', 1, '0.4')[0],
      minSamples: args.minSamples,
      metric: args.metric,
      rerank: args.rerank,
      rerankOptions: { k1: args.k1, k2: args.k2, lambda: args.lambda },
      labelsOut,
      engine: args.engine,
      threads: args.threads,
      files: context.files,
      logger: context.logger,
    });
    context.stdout(`dbscan: ${result.n} points -> ${result.clusters} clusters, ${result.noise} noise -> ${labelsOut}\n`);
    return 0;
  },
});
