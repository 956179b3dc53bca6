/**
 * One clustering benchmark case, run in its own process by clustering.bench.ts so that peak
 * memory (maxRSS) belongs to that case alone. Usage: tsx clustering-case.ts '<json>'; prints
 * one JSON line with the timings.
 *
 * Cases: `dbscan` (one round, plain cosine), `sde` (two rounds, plain or re-ranked), `knn`
 * (the k = 21 neighbour pass of an engine, for the GEMM engine comparison), and `features`
 * (just generate and write the planted features as .npy for the scikit-learn peer).
 */
import { writeFile } from 'node:fs/promises';
import { dbscan } from '../../orchestrator/src/clustering/dbscan.js';
import { prepareFeatures } from '../../orchestrator/src/features/distance-metric.js';
import { createNeighbourEngine, knnSearchPrepared } from '../../orchestrator/src/features/neighbour-search.js';
import { encodeNpy } from '../../orchestrator/src/features/npy.js';
import { plantedClusters } from '../../orchestrator/src/clustering/planted-clusters.js';
import { runSde } from '../../orchestrator/src/clustering/sde.js';

interface CaseSpec {
  kind: 'dbscan' | 'sde' | 'knn' | 'features';
  n: number;
  d: number;
  seed: number;
  eps?: [number, number];
  rerank?: boolean;
  engine?: 'onnx' | 'js';
  minSamples?: number;
  /** Where `features` writes the .npy, or where `dbscan` writes labels (int32 .npy). */
  out?: string;
}

const spec = JSON.parse(process.argv[2]) as CaseSpec;
const generated = performance.now();
const { features } = plantedClusters({ n: spec.n, d: spec.d, seed: spec.seed });
const generateMs = performance.now() - generated;
const result: Record<string, number | string> = { generateMs: Math.round(generateMs) };
const start = performance.now();
if (spec.kind === 'features') {
  await writeFile(spec.out!, encodeNpy(features.data, [features.n, features.d]));
} else if (spec.kind === 'dbscan') {
  const labels = await dbscan(features, { eps: spec.eps![0], minSamples: spec.minSamples ?? 4, metric: 'cosine', engine: spec.engine ?? 'onnx' });
  result.clusters = Math.max(...labels) + 1;
  result.noise = labels.filter((l) => l === -1).length;
  if (spec.out) await writeFile(spec.out, encodeNpy(labels, [labels.length]));
} else if (spec.kind === 'sde') {
  const sde = await runSde(features, { eps: spec.eps!, minSamples: spec.minSamples ?? 4, metric: 'cosine', rerank: spec.rerank ?? true, engine: spec.engine ?? 'onnx' });
  result.round1Ms = Math.round(sde.round1.timeMs);
  result.round2Ms = Math.round(sde.round2.timeMs);
  result.round1Clusters = sde.round1.clusters.length;
  result.round2Images = sde.round2.items.length;
  result.round2Clusters = sde.round2.clusters.length;
} else {
  const engine = createNeighbourEngine(spec.engine ?? 'onnx');
  const prepared = prepareFeatures(features, 'cosine');
  await knnSearchPrepared(prepared, 21, { engine });
  await engine.close();
  // a full N x N x D product, counted as 2 flops per multiply-add (the onnx engine computes half)
  result.gflopPerS = Number(((2 * spec.n * spec.n * spec.d) / ((performance.now() - start) * 1e6)).toFixed(1));
}
result.timeMs = Math.round(performance.now() - start);
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(result)}\n`);
