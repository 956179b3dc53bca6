/**
 * Clustering benchmark: N = 10,000 / 30,000 / 100,000 planted-cluster features of D = 512
 * (plantedClusters: looks of similar identities, 2-12 images each, 10 % noise), timing
 *   - one round: DBSCAN (cosine, eps 0.3, min_samples 4) on the features,
 *   - two rounds without re-ranking (eps 0.3 / 0.55),
 *   - two rounds with k-reciprocal re-ranking (eps 0.4 / 0.5, the paper's setting),
 * each in its own process to report its peak memory (maxRSS; includes generating the data);
 * scikit-learn's DBSCAN on the same features at N = 30,000 (brute cosine, n_jobs = -1) side by
 * side, with a check that the labels are identical; and the GEMM engines (onnxruntime MatMul vs
 * typed-array kernels in worker threads) on the k-NN pass at N = 10,000.
 * Targets (2-core machine): faster than scikit-learn at 30k; 100k two rounds < 3 min; < 2 GB.
 * Environment: CLUSTER_BENCH_SIZES=10000,30000 limits the sizes; CLUSTER_BENCH_JS=0 skips the
 * (slow) typed-array engine run.
 */
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNpy } from '../../orchestrator/src/features/npy.js';
import type { BenchReport, Timing } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const D = 512;
const SEED = 1;

async function runCase(spec: Record<string, unknown>): Promise<Record<string, number>> {
  const tsx = path.join(here, '..', '..', 'node_modules', '.bin', 'tsx');
  const { stdout } = await execa(tsx, [path.join(here, 'clustering-case.ts'), JSON.stringify(spec)], { env: { ONNXRUNTIME_NODE_INSTALL: 'skip' } });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
}

const SKLEARN = `
import json, resource, sys, time
import numpy as np
from sklearn.cluster import DBSCAN
x = np.load(sys.argv[1])
start = time.perf_counter()
labels = DBSCAN(eps=float(sys.argv[2]), min_samples=int(sys.argv[3]), metric="cosine", algorithm="brute", n_jobs=-1).fit_predict(x)
elapsed = time.perf_counter() - start
np.save(sys.argv[4], labels.astype(np.int32))
print(json.dumps({"timeMs": round(elapsed * 1000), "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "clusters": int(labels.max() + 1)}))
`;

function timing(name: string, ms: number, extra: Record<string, string | number>): Timing {
  return { name, iterations: 1, medianMs: ms, p10Ms: ms, p90Ms: ms, extra };
}

export async function run(): Promise<BenchReport> {
  const sizes = (process.env.CLUSTER_BENCH_SIZES ?? '10000,30000,100000').split(',').map(Number);
  const timings: Timing[] = [];
  const notes: string[] = [
    `Planted clusters, D = ${D}, seed ${SEED}; one run per case (each case is minutes long); peak memory is the maxRSS of the case's process, including generating the features. Cores: ${os.cpus().length}.`,
  ];
  for (const n of sizes) {
    const one = await runCase({ kind: 'dbscan', n, d: D, seed: SEED, eps: [0.3, 0.3] });
    timings.push(timing(`one round (DBSCAN cosine eps 0.3), N=${n}`, one.timeMs, { peakRssMb: one.peakRssMb, clusters: one.clusters, noise: one.noise }));
    const plain = await runCase({ kind: 'sde', n, d: D, seed: SEED, eps: [0.3, 0.55], rerank: false });
    timings.push(timing(`two rounds plain (0.3 / 0.55), N=${n}`, plain.timeMs, { peakRssMb: plain.peakRssMb, round1Ms: plain.round1Ms, round2Ms: plain.round2Ms, round2Images: plain.round2Images, round2Clusters: plain.round2Clusters }));
    const reranked = await runCase({ kind: 'sde', n, d: D, seed: SEED, eps: [0.4, 0.5], rerank: true });
    timings.push(timing(`two rounds re-ranked (0.4 / 0.5), N=${n}`, reranked.timeMs, { peakRssMb: reranked.peakRssMb, round1Ms: reranked.round1Ms, round2Ms: reranked.round2Ms, round2Images: reranked.round2Images, round2Clusters: reranked.round2Clusters }));
    console.error(`clustering bench: N=${n} done`);
  }
  // scikit-learn side by side at 30k, on the same features
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-bench-'));
  try {
    const n = 30000;
    const featuresFile = path.join(dir, 'features.npy');
    await runCase({ kind: 'features', n, d: D, seed: SEED, out: featuresFile });
    const ours = await runCase({ kind: 'dbscan', n, d: D, seed: SEED, eps: [0.3, 0.3], out: path.join(dir, 'ours.npy') });
    const { stdout } = await execa('/usr/bin/python3', ['-c', SKLEARN, featuresFile, '0.3', '4', path.join(dir, 'sklearn.npy')]);
    const sk = JSON.parse(stdout.trim()) as Record<string, number>;
    const a = parseNpy(await readFile(path.join(dir, 'ours.npy'))).data;
    const b = parseNpy(await readFile(path.join(dir, 'sklearn.npy'))).data;
    const identical = a.length === b.length && a.every((v, i) => v === b[i]);
    timings.push(timing(`scikit-learn DBSCAN (brute cosine, n_jobs=-1), N=${n}`, sk.timeMs, { peakRssMb: sk.peakRssMb, clusters: sk.clusters }));
    timings.push(timing(`ours, same features and parameters, N=${n}`, ours.timeMs, { peakRssMb: ours.peakRssMb, clusters: ours.clusters, labelsIdenticalToSklearn: identical ? 'yes' : 'NO', speedup: `${(sk.timeMs / ours.timeMs).toFixed(1)}x` }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // GEMM engines on the kNN pass
  const engines = process.env.CLUSTER_BENCH_JS === '0' ? ['onnx'] : ['onnx', 'js'];
  for (const engine of engines) {
    const knn = await runCase({ kind: 'knn', n: 10000, d: D, seed: SEED, engine });
    timings.push(timing(`kNN pass (k=21), ${engine} engine, N=10000`, knn.timeMs, { peakRssMb: knn.peakRssMb, effectiveGflopPerS: knn.gflopPerS }));
  }
  notes.push('effectiveGflopPerS = 2 N^2 D / time of the whole kNN pass (GEMM, top-k, merging and exact re-scoring); both engines compute full rows. The radius search of the one-round case computes only the upper triangle.');
  notes.push('Numbers depend heavily on other load on the machine; rerun on a quiet machine for reference values.');
  return { title: 'clustering (SDE): DBSCAN, re-ranking, two rounds', timings, notes };
}
