/**
 * Calibrating DBSCAN's eps pair for a feature extractor. eps depends on the feature's distance
 * scale, so every re-ID model (and the built-in descriptor) carries its own pair.
 *
 * Given features, this reports the distance distribution (nearest-neighbour and k-distance
 * quantiles, a histogram) and the ClonedPerson authors' `rho` heuristic (the mean of the
 * smallest rho share of all pairwise distances). Given labels (identity: same person in the
 * same clothes; look: similar-looking people), it runs the two rounds over an eps grid and
 * picks the eps that best recovers identities in round 1 and looks in round 2, scored by the
 * pairwise F-measure (precision/recall of "same cluster" against "same label", noise as
 * singletons). Labelled samples come from `--synthetic` (synthetic-people.ts), a labels file
 * or folder names.
 */
import type { ProgressCallback } from '../shared/progress.js';
import { dbscanOnNeighbours } from './dbscan-core.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import { exactDistance, prepareFeatures } from '../features/distance-metric.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { checkFeatureMatrix, selectRows } from '../features/feature-matrix.js';
import { clustersWithMedoids } from './medoids.js';
import type { NeighbourEngine } from '../features/neighbour-engine.js';
import { knnSearchPrepared, radiusSearchPrepared } from '../features/neighbour-search.js';
import { kReciprocalRerank, RERANK_DEFAULTS } from '../features/reranking.js';
import type { RerankOptions } from '../features/reranking.js';
import type { SparseNeighbours } from '../features/sparse-neighbours.js';

export interface CalibrationOptions {
  metric: FeatureMetric;
  rerank: boolean;
  rerankOptions?: Partial<RerankOptions>;
  minSamples: number;
  engine: NeighbourEngine;
  /** Identity label per row (-1 = unknown/none). */
  identity?: Int32Array;
  /** Look label per row (-1 = unknown/none). */
  look?: Int32Array;
  /** The authors' heuristic share (default 0.0016, their script's default). */
  rho?: number;
  onProgress?: ProgressCallback;
}

export interface Quantiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface GridPoint {
  eps: number;
  clusters: number;
  noise: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface CalibrationReport {
  n: number;
  metric: FeatureMetric;
  rerank: boolean;
  minSamples: number;
  /** Distance to the nearest other image. */
  nearest: Quantiles;
  /** Distance to the (minSamples - 1)-th nearest other image (DBSCAN's k-distance). */
  kDistance: Quantiles;
  /** Histogram of kNN distances (20 nearest per image). */
  histogram: { from: number; to: number; count: number }[];
  /** The authors' heuristic eps (mean of the smallest rho share of pair distances), from kNN pairs. */
  rhoEps: { rho: number; eps: number };
  /** Labelled grid searches, when labels were given. */
  round1?: { grid: GridPoint[]; best: GridPoint };
  round2?: { grid: GridPoint[]; best: GridPoint };
  /** The suggested pair: from the labelled search, else undefined. */
  suggested?: [number, number];
}

function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]);
  return { p5: at(0.05), p25: at(0.25), p50: at(0.5), p75: at(0.75), p95: at(0.95) };
}

/** Pairwise precision/recall/F of a clustering against labels (noise and label -1 as singletons). */
export function pairwiseScores(labels: Int32Array, truth: Int32Array): { precision: number; recall: number; f1: number } {
  const pairs = (m: Map<string | number, number>): number => {
    let s = 0;
    for (const c of m.values()) s += (c * (c - 1)) / 2;
    return s;
  };
  const predicted = new Map<number, number>();
  const actual = new Map<number, number>();
  const both = new Map<string, number>();
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= 0) predicted.set(labels[i], (predicted.get(labels[i]) ?? 0) + 1);
    if (truth[i] >= 0) actual.set(truth[i], (actual.get(truth[i]) ?? 0) + 1);
    if (labels[i] >= 0 && truth[i] >= 0) {
      const key = `${labels[i]}:${truth[i]}`;
      both.set(key, (both.get(key) ?? 0) + 1);
    }
  }
  const tp = pairs(both);
  const p = pairs(predicted);
  const t = pairs(actual);
  const precision = p > 0 ? tp / p : 0;
  const recall = t > 0 ? tp / t : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Neighbourhoods up to `maxEps` (plain or re-ranked) and the distance of any pair. */
async function neighbourhoods(
  features: FeatureMatrix,
  maxEps: number,
  options: CalibrationOptions,
): Promise<{ neighbours: SparseNeighbours; distance: (i: number, j: number) => number }> {
  const prepared = prepareFeatures(features, options.metric);
  if (!options.rerank) {
    return { neighbours: await radiusSearchPrepared(prepared, maxEps, { engine: options.engine }), distance: (i, j) => exactDistance(prepared, i, j) };
  }
  const rerankOptions = { ...RERANK_DEFAULTS, ...options.rerankOptions };
  const knn = await knnSearchPrepared(prepared, rerankOptions.k1 + 1, { engine: options.engine });
  const result = kReciprocalRerank({ knn, distance: (i, j) => exactDistance(prepared, i, j) }, rerankOptions, maxEps);
  return { neighbours: result.neighbours, distance: result.distance };
}

function gridSearch(neighbours: SparseNeighbours, grid: number[], minSamples: number, truth: Int32Array): GridPoint[] {
  return grid.map((eps) => {
    const { labels, clusterCount } = dbscanOnNeighbours(neighbours, eps, minSamples);
    let noise = 0;
    for (const l of labels) if (l === -1) noise++;
    return { eps, clusters: clusterCount, noise, ...pairwiseScores(labels, truth) };
  });
}

function best(grid: GridPoint[]): GridPoint {
  return grid.reduce((a, b) => (b.f1 > a.f1 ? b : a));
}

/** Measures the distance distribution and, with labels, searches the eps pair. */
export async function calibrateEps(features: FeatureMatrix, options: CalibrationOptions): Promise<CalibrationReport> {
  checkFeatureMatrix(features, { rejectZeroRows: options.metric === 'cosine' });
  const n = features.n;
  const rho = options.rho ?? 0.0016;
  const rerankOptions = { ...RERANK_DEFAULTS, ...options.rerankOptions };
  const prepared = prepareFeatures(features, options.metric);
  const k = Math.min(n, 21);
  const knn = await knnSearchPrepared(prepared, k, { engine: options.engine });
  // distances of kNN pairs, in the metric the clustering will use
  let pairDistance = (i: number, j: number): number => exactDistance(prepared, i, j);
  if (options.rerank) {
    const rr = kReciprocalRerank({ knn: await knnSearchPrepared(prepared, rerankOptions.k1 + 1, { engine: options.engine }), distance: pairDistance }, rerankOptions, 1e-6);
    pairDistance = rr.distance;
  }
  const nearest: number[] = [];
  const kth: number[] = [];
  const all: number[] = [];
  const seen = new Set<string>();
  const unique: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let t = 0; t < knn.k; t++) {
      const j = knn.indices[i * knn.k + t];
      if (j === i) continue;
      const d = pairDistance(i, j);
      row.push(d);
      const key = i < j ? `${i}:${j}` : `${j}:${i}`;
      if (!seen.has(key)) {
        seen.add(key);
        unique.push(d);
      }
    }
    row.sort((a, b) => a - b);
    all.push(...row);
    if (row.length > 0) nearest.push(row[0]);
    if (row.length >= options.minSamples - 1 && options.minSamples > 1) kth.push(row[options.minSamples - 2]);
  }
  unique.sort((a, b) => a - b);
  const top = Math.max(1, Math.round((rho * n * (n - 1)) / 2));
  const rhoEps = unique.slice(0, top).reduce((s, v) => s + v, 0) / Math.min(top, Math.max(1, unique.length));
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const bins = 24;
  const histogram = Array.from({ length: bins }, (_, b) => ({ from: lo + ((hi - lo) * b) / bins, to: lo + ((hi - lo) * (b + 1)) / bins, count: 0 }));
  for (const d of all) histogram[Math.min(bins - 1, Math.floor(((d - lo) / (hi - lo || 1)) * bins))].count++;
  const report: CalibrationReport = {
    n,
    metric: options.metric,
    rerank: options.rerank,
    minSamples: options.minSamples,
    nearest: quantiles(nearest),
    kDistance: quantiles(kth),
    histogram,
    rhoEps: { rho, eps: rhoEps },
  };
  if (options.identity && options.look) {
    const maxEps = options.rerank ? Math.min(0.95, 1 - rerankOptions.lambda) - 0.01 : options.metric === 'cosine' ? 1 : Math.max(...all) * 1.5;
    const grid: number[] = [];
    const step = options.metric === 'cosine' || options.rerank ? 0.01 : maxEps / 100;
    for (let e = step; e <= maxEps + 1e-9; e += step) grid.push(Math.round(e * 1e6) / 1e6);
    options.onProgress?.(0, 2, 'round 1 grid');
    const first = await neighbourhoods(features, grid[grid.length - 1], options);
    const round1Grid = gridSearch(first.neighbours, grid, options.minSamples, options.identity);
    const best1 = best(round1Grid);
    // round 2 over the medoids and noise of round 1 at the chosen eps, as the pipeline does
    const { labels } = dbscanOnNeighbours(first.neighbours, best1.eps, options.minSamples);
    const kept = clustersWithMedoids(labels, { kind: 'pairwise', distance: first.distance }).map((c) => c.medoid);
    labels.forEach((l, i) => {
      if (l === -1) kept.push(i);
    });
    kept.sort((a, b) => a - b);
    options.onProgress?.(1, 2, 'round 2 grid');
    const second = await neighbourhoods(selectRows(features, kept), grid[grid.length - 1], options);
    const lookOfKept = Int32Array.from(kept, (i) => options.look![i]);
    const round2Grid = gridSearch(second.neighbours, grid.filter((e) => e >= best1.eps), options.minSamples, lookOfKept);
    const best2 = best(round2Grid);
    report.round1 = { grid: round1Grid, best: best1 };
    report.round2 = { grid: round2Grid, best: best2 };
    report.suggested = [best1.eps, best2.eps];
    options.onProgress?.(2, 2, 'done');
  }
  return report;
}

/** A human-readable rendering of a report (for the CLI). */
export function formatCalibrationReport(report: CalibrationReport): string {
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
  const q = (x: Quantiles): string => `p5 ${f(x.p5)}  p25 ${f(x.p25)}  p50 ${f(x.p50)}  p75 ${f(x.p75)}  p95 ${f(x.p95)}`;
  const lines = [
    `calibrate-eps: ${report.n} images, ${report.metric} distance${report.rerank ? ', k-reciprocal re-ranked' : ''}, min-samples ${report.minSamples}`,
    `nearest neighbour      ${q(report.nearest)}`,
    `k-distance (k=${report.minSamples - 1})       ${q(report.kDistance)}`,
    `authors' rho heuristic (rho ${report.rhoEps.rho}): eps ${f(report.rhoEps.eps)}`,
    '',
    'distances to the 20 nearest neighbours:',
  ];
  const max = Math.max(...report.histogram.map((b) => b.count), 1);
  for (const b of report.histogram) lines.push(`  ${f(b.from)}-${f(b.to)} ${'#'.repeat(Math.round((b.count / max) * 50))} ${b.count}`);
  for (const [name, round] of [
    ['round 1 (identities)', report.round1],
    ['round 2 (looks)', report.round2],
  ] as const) {
    if (!round) continue;
    lines.push('', `${name}: eps, clusters, noise, pairwise precision / recall / F`);
    const shown = round.grid.filter((_, k) => k % Math.max(1, Math.floor(round.grid.length / 25)) === 0 || round.grid[k] === round.best);
    for (const p of shown) lines.push(`  ${p.eps.toFixed(2)}  ${String(p.clusters).padStart(5)}  ${String(p.noise).padStart(6)}  ${f(p.precision)} / ${f(p.recall)} / ${f(p.f1)}${p === round.best ? '  <- best' : ''}`);
  }
  lines.push('');
  lines.push(
    report.suggested
      ? `suggested eps: ${report.suggested.map((e) => e.toFixed(2)).join(',')} (put it in the model description's embedding.eps.${report.rerank ? 'rerank' : 'plain'})`
      : 'no labels given: no eps suggestion; label a sample, or calibrate the built-in descriptor on synthetic people',
  );
  return `${lines.join('\n')}\n`;
}
