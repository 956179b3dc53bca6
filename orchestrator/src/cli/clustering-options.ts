/** Options shared by `cluster`, `dbscan` and `calibrate-eps`: DBSCAN, re-ranking and the distance engine. */
import type { Argv } from 'yargs';
import { CLUSTER_DEFAULTS } from '../clustering/run-cluster.js';
import { RERANK_DEFAULTS } from '../features/reranking.js';
import { checkInteger, checkNumberInRange } from './option-checks.js';

/** Adds `--min-samples`, `--k1`, `--k2`, `--lambda`, `--engine` and `--threads`. */
export function withClusteringOptions(y: Argv): Argv {
  return y
    .option('min-samples', { type: 'number', default: CLUSTER_DEFAULTS.minSamples, describe: 'DBSCAN min_samples (the point itself included)' })
    .option('k1', { type: 'number', default: RERANK_DEFAULTS.k1, describe: 'Re-ranking: k-reciprocal neighbourhood size' })
    .option('k2', { type: 'number', default: RERANK_DEFAULTS.k2, describe: 'Re-ranking: query-expansion neighbours (1 = off)' })
    .option('lambda', { type: 'number', default: RERANK_DEFAULTS.lambda, describe: 'Re-ranking: weight of the original distance, 0 <= lambda < 1' })
    .option('engine', { type: 'string', choices: ['onnx', 'js'], default: CLUSTER_DEFAULTS.engine, describe: 'GEMM engine for distances: onnxruntime (fast) or typed-array workers' })
    .option('threads', { type: 'number', describe: 'Threads for distances and models [default: all cores]' });
}

/** Checks the values of {@link withClusteringOptions}. */
export function checkClusteringOptions(argv: Readonly<Record<string, unknown>>): void {
  checkInteger(argv, '--min-samples', 1);
  checkInteger(argv, '--k1', 1);
  checkInteger(argv, '--k2', 1);
  checkNumberInRange(argv, '--lambda', { min: 0, max: 1, maxExclusive: true });
  checkInteger(argv, '--threads', 1);
}
