/**
 * The onnxruntime GEMM engine: each block of rows x columns is one run of a small graph built
 * in code (Gemm with transB, then TopK / ReduceMin, or GreaterOrEqual + NonZero + GatherND),
 * so the N^2 scores never leave native code. The radius search computes only the upper
 * triangle (a block of rows [r0, r1) meets columns [r0, N); each pair found is stored both
 * ways); the kNN search computes full rows, because a column-wise TopK would cost more than
 * the halved GEMM saves (measured: 211 ms vs 71 ms for a 1024 x 8192 block).
 *
 * Measured on the 2-core development machine: about 120-300 GFLOP/s for GEMM + TopK (MLAS,
 * AVX-512; the spread is other people's load), against a few GFLOP/s for the typed-array
 * kernels, so this is the default.
 */
import { encodeOnnxModel, onnxFloat } from '../models/onnx-encoder.js';
import type { OnnxNode, OnnxValueInfo } from '../models/onnx-encoder.js';
import os from 'node:os';
import { createOrtSession, float32Tensor, int64LowWords, int64Tensor, runOrtSession } from '../models/onnx-runtime.js';
import type { OrtSession, OrtTensor, TensorInput } from '../models/onnx-runtime.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { FeatureMetric, PreparedFeatures } from './distance-metric.js';
import type { KnnScores, NeighbourEngine } from './neighbour-engine.js';
import { TopKAccumulator } from './neighbour-engine.js';
import type { NeighbourPairCollector } from './sparse-neighbours.js';

export interface OnnxEngineOptions {
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
  /** Rows per block (default 512). */
  rowBlock?: number;
  /** Columns per block (default 16384). */
  columnBlock?: number;
}

/** Score nodes shared by both graphs: `score` [M, C] from `a` [M, D] and `b` [C, D]. */
function scoreNodes(metric: FeatureMetric): { nodes: OnnxNode[]; inputs: (d: number) => OnnxValueInfo[] } {
  if (metric === 'cosine') {
    return {
      nodes: [{ opType: 'Gemm', inputs: ['a', 'b'], outputs: ['score'], attributes: { transB: 1 } }],
      inputs: (d) => [
        { name: 'a', type: 'float32', shape: ['m', d] },
        { name: 'b', type: 'float32', shape: ['c', d] },
      ],
    };
  }
  return {
    nodes: [
      { opType: 'Gemm', inputs: ['a', 'b'], outputs: ['twice'], attributes: { transB: 1, alpha: onnxFloat(2) } },
      { opType: 'Sub', inputs: ['twice', 'na'], outputs: ['partial'] },
      { opType: 'Sub', inputs: ['partial', 'nb'], outputs: ['score'] },
    ],
    inputs: (d) => [
      { name: 'a', type: 'float32', shape: ['m', d] },
      { name: 'b', type: 'float32', shape: ['c', d] },
      { name: 'na', type: 'float32', shape: ['m', 1] },
      { name: 'nb', type: 'float32', shape: [1, 'c'] },
    ],
  };
}

function knnGraph(metric: FeatureMetric, d: number): Uint8Array {
  const score = scoreNodes(metric);
  return encodeOnnxModel({
    opset: 17,
    graph: {
      name: `knn_${metric}`,
      inputs: [...score.inputs(d), { name: 'kr', type: 'int64', shape: [1] }],
      outputs: [
        { name: 'rowScores', type: 'float32', shape: ['m', 'kr'] },
        { name: 'rowIndices', type: 'int64', shape: ['m', 'kr'] },
        { name: 'rowMin', type: 'float32', shape: ['m'] },
      ],
      nodes: [
        ...score.nodes,
        { opType: 'TopK', inputs: ['score', 'kr'], outputs: ['rowScores', 'rowIndices'], attributes: { axis: 1, largest: 1, sorted: 1 } },
        { opType: 'ReduceMin', inputs: ['score'], outputs: ['rowMin'], attributes: { axes: [1], keepdims: 0 } },
      ],
    },
  });
}

function radiusGraph(metric: FeatureMetric, d: number): Uint8Array {
  const score = scoreNodes(metric);
  return encodeOnnxModel({
    opset: 17,
    graph: {
      name: `radius_${metric}`,
      inputs: [...score.inputs(d), { name: 'threshold', type: 'float32', shape: [] }],
      outputs: [
        { name: 'pairs', type: 'int64', shape: [2, 'nnz'] },
        { name: 'pairScores', type: 'float32', shape: ['nnz'] },
      ],
      nodes: [
        ...score.nodes,
        { opType: 'GreaterOrEqual', inputs: ['score', 'threshold'], outputs: ['mask'] },
        { opType: 'NonZero', inputs: ['mask'], outputs: ['pairs'] },
        { opType: 'Transpose', inputs: ['pairs'], outputs: ['pairsT'], attributes: { perm: [1, 0] } },
        { opType: 'GatherND', inputs: ['score', 'pairsT'], outputs: ['pairScores'] },
      ],
    },
  });
}

interface Block {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

/** Blocks in row-major order: rows [r0, r1) x columns [c0, c1); `upper` keeps c0 >= r0 only. */
function blocksOf(n: number, rowBlock: number, columnBlock: number, upper: boolean): Block[] {
  const blocks: Block[] = [];
  for (let r0 = 0; r0 < n; r0 += rowBlock) {
    const r1 = Math.min(n, r0 + rowBlock);
    for (let c0 = upper ? r0 : 0; c0 < n; c0 += columnBlock) blocks.push({ r0, r1, c0, c1: Math.min(n, c0 + columnBlock) });
  }
  return blocks;
}

export class OnnxNeighbourEngine implements NeighbourEngine {
  readonly name = 'onnx' as const;
  private readonly sessions = new Map<string, Promise<OrtSession>>();
  private readonly threads: number;
  private readonly rowBlock: number;
  private readonly columnBlock: number;

  constructor(options: OnnxEngineOptions = {}) {
    this.threads = options.threads ?? os.availableParallelism();
    this.rowBlock = options.rowBlock ?? 512;
    this.columnBlock = Math.max(options.columnBlock ?? 16384, this.rowBlock);
  }

  private session(kind: 'knn' | 'radius', metric: FeatureMetric, d: number): Promise<OrtSession> {
    const key = `${kind}:${metric}:${d}`;
    let session = this.sessions.get(key);
    if (!session) {
      const bytes = kind === 'knn' ? knnGraph(metric, d) : radiusGraph(metric, d);
      session = createOrtSession(bytes, { threads: this.threads, label: `${kind} graph` });
      this.sessions.set(key, session);
    }
    return session;
  }

  private feeds(features: PreparedFeatures, block: Block): Record<string, TensorInput> {
    const { d, data, normsSq } = features;
    const feeds: Record<string, TensorInput> = {
      a: float32Tensor(data.subarray(block.r0 * d, block.r1 * d), [block.r1 - block.r0, d]),
      b: float32Tensor(data.subarray(block.c0 * d, block.c1 * d), [block.c1 - block.c0, d]),
    };
    if (features.metric === 'euclidean') {
      feeds.na = float32Tensor(normsSq.subarray(block.r0, block.r1), [block.r1 - block.r0, 1]);
      feeds.nb = float32Tensor(normsSq.subarray(block.c0, block.c1), [1, block.c1 - block.c0]);
    }
    return feeds;
  }

  /** Runs all blocks with one run in flight while the previous result is merged. */
  private async forEachBlock(
    blocks: Block[],
    run: (block: Block) => Promise<Record<string, OrtTensor>>,
    merge: (block: Block, outputs: Record<string, OrtTensor>) => void,
    onProgress?: ProgressCallback,
  ): Promise<void> {
    let pending = blocks.length > 0 ? run(blocks[0]) : undefined;
    for (let b = 0; b < blocks.length; b++) {
      const outputs = await pending!;
      pending = b + 1 < blocks.length ? run(blocks[b + 1]) : undefined;
      merge(blocks[b], outputs);
      onProgress?.(b + 1, blocks.length, 'blocks');
    }
  }

  async knn(features: PreparedFeatures, k: number, onProgress?: ProgressCallback): Promise<KnnScores> {
    const { n, d } = features;
    const kk = Math.min(k, n);
    const session = await this.session('knn', features.metric, d);
    const top = new TopKAccumulator(n, kk);
    const minScore = new Float32Array(n).fill(Infinity);
    // full rows: a column-wise TopK (axis 0) costs onnxruntime more than the GEMM it would save
    await this.forEachBlock(
      blocksOf(n, this.rowBlock, this.columnBlock, false),
      (block) => {
        const feeds = this.feeds(features, block);
        feeds.kr = int64Tensor([Math.min(kk, block.c1 - block.c0)], [1]);
        return runOrtSession(session, feeds, 'knn graph');
      },
      (block, out) => {
        const rows = block.r1 - block.r0;
        const kr = out.rowScores.dims[1];
        const rowScores = out.rowScores.data as Float32Array;
        const rowIdx = int64LowWords(out.rowIndices).words;
        for (let r = 0; r < rows; r++) {
          for (let t = 0; t < kr; t++) top.offer(block.r0 + r, block.c0 + rowIdx[2 * (r * kr + t)], rowScores[r * kr + t]);
        }
        const rowMin = out.rowMin.data as Float32Array;
        for (let r = 0; r < rows; r++) if (rowMin[r] < minScore[block.r0 + r]) minScore[block.r0 + r] = rowMin[r];
      },
      onProgress,
    );
    return { k: kk, indices: top.indices, scores: top.scores, minScore };
  }

  async radius(features: PreparedFeatures, threshold: number, pairs: NeighbourPairCollector, onProgress?: ProgressCallback): Promise<void> {
    const { n, d } = features;
    const session = await this.session('radius', features.metric, d);
    const thresholdTensor = float32Tensor(new Float32Array([threshold]), []);
    await this.forEachBlock(
      blocksOf(n, this.rowBlock, this.columnBlock, true),
      (block) => runOrtSession(session, { ...this.feeds(features, block), threshold: thresholdTensor }, 'radius graph'),
      (block, out) => {
        const nnz = out.pairScores.dims[0];
        const scores = out.pairScores.data as Float32Array;
        const words = int64LowWords(out.pairs).words;
        for (let e = 0; e < nnz; e++) {
          const i = block.r0 + words[2 * e];
          const j = block.c0 + words[2 * (nnz + e)];
          if (j > i) pairs.addSymmetric(i, j, scores[e]);
        }
      },
      onProgress,
    );
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) await (await session).release();
  }
}
