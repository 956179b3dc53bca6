/**
 * Query x gallery distances in blocks of query rows, for evaluation: each block of
 * `rowBlock x galleryCount` float32 distances is handed to a callback and dropped, so the full
 * matrix is never held (Market-1501: 3,368 x 19,732; MSMT17: 11,659 x 82,161). The onnxruntime
 * engine runs one small graph per block (Gemm with transB, then the metric; MLAS GEMM). A run
 * occupies the calling thread (onnxruntime-node runs sessions synchronously), so for large
 * problems the session lives in a worker thread that computes the next block while the
 * callback reads the current one (two blocks in flight at most, so memory stays bounded); small
 * ones run in this thread. The typed-array engine is a fallback without native code.
 *
 * Distances: cosine 1 - a.b / (|a| |b|); euclidean |a - b| (from |a|^2 + |b|^2 - 2 a.b, clamped
 * at 0), both in float32.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type * as ortModule from 'onnxruntime-node';
import { invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import { encodeOnnxModel, onnxFloat } from '../models/onnx-encoder.js';
import { createOrtSession, float32Tensor, ortModulePath, runOrtSession } from '../models/onnx-runtime.js';
import type { OrtSession } from '../models/onnx-runtime.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { FeatureMetric, PreparedFeatures } from './distance-metric.js';
import type { EngineName } from './neighbour-engine.js';

/** Called with rows [r0, r1) of the distance matrix, row-major (r1 - r0) x galleryCount; the array is reused after it returns. */
export type DistanceBlockCallback = (r0: number, r1: number, distances: Float32Array) => void | Promise<void>;

export interface DistanceBlockOptions {
  engine?: EngineName;
  /** Threads of the GEMM (default: all cores, or all but one when it runs in a worker). */
  threads?: number;
  /** Query rows per block (default: about 16 M distances per block). */
  rowBlock?: number;
  /**
   * Run the onnxruntime session in a worker thread (default: when the problem has more than
   * 2^30 multiply-adds, where overlapping the GEMM with the callback pays for starting it).
   */
  worker?: boolean;
  onProgress?: ProgressCallback;
}

function distanceGraph(metric: FeatureMetric, d: number): Uint8Array {
  const nodes =
    metric === 'cosine'
      ? [
          { opType: 'Gemm', inputs: ['a', 'b'], outputs: ['dot'], attributes: { transB: 1 } },
          { opType: 'Sub', inputs: ['one', 'dot'], outputs: ['distance'] },
        ]
      : [
          { opType: 'Gemm', inputs: ['a', 'b'], outputs: ['twice'], attributes: { transB: 1, alpha: onnxFloat(-2) } },
          { opType: 'Add', inputs: ['twice', 'na'], outputs: ['partial'] },
          { opType: 'Add', inputs: ['partial', 'nb'], outputs: ['squared'] },
          { opType: 'Max', inputs: ['squared', 'zero'], outputs: ['clamped'] },
          { opType: 'Sqrt', inputs: ['clamped'], outputs: ['distance'] },
        ];
  return encodeOnnxModel({
    opset: 17,
    graph: {
      name: `distances_${metric}`,
      inputs: [
        { name: 'a', type: 'float32', shape: ['m', d] },
        { name: 'b', type: 'float32', shape: ['c', d] },
        ...(metric === 'euclidean'
          ? [
              { name: 'na', type: 'float32' as const, shape: ['m', 1] },
              { name: 'nb', type: 'float32' as const, shape: [1, 'c'] },
            ]
          : []),
      ],
      outputs: [{ name: 'distance', type: 'float32', shape: ['m', 'c'] }],
      initializers: [metric === 'cosine' ? { name: 'one', type: 'float32', dims: [], values: [1] } : { name: 'zero', type: 'float32', dims: [], values: [0] }],
      nodes,
    },
  });
}

/** Rows [r0, r1) of query x gallery distances in float32 by plain loops (the fallback engine). */
function jsBlock(query: PreparedFeatures, gallery: PreparedFeatures, r0: number, r1: number, out: Float32Array): void {
  const { d } = query;
  const ng = gallery.n;
  const a = query.data;
  const b = gallery.data;
  for (let r = r0; r < r1; r++) {
    const row = (r - r0) * ng;
    for (let j = 0; j < ng; j++) {
      let dot = 0;
      for (let k = 0, p = r * d, q = j * d; k < d; k++, p++, q++) dot += a[p] * b[q];
      out[row + j] = query.metric === 'cosine' ? 1 - dot : Math.sqrt(Math.max(0, query.normsSq[r] + gallery.normsSq[j] - 2 * dot));
    }
  }
}

interface WorkerInit {
  ortPath: string;
  model: Uint8Array;
  threads: number;
  d: number;
  euclidean: boolean;
  query: Float32Array;
  gallery: Float32Array;
  queryNorms: Float32Array;
  galleryNorms: Float32Array;
  blocks: [number, number][];
}

type WorkerMessage = { r0: number; r1: number; data: Float32Array } | { done: true } | { error: string };

/** The worker's code: self-contained, it runs as an eval'd script (see WORKER_SOURCE). */
function distanceWorkerMain(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as { parentPort: MessagePort; workerData: WorkerInit };
  const port = threads.parentPort;
  const init = threads.workerData;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require(init.ortPath) as typeof ortModule;
  let credits = 2;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    const resume = wake;
    wake = undefined;
    resume?.();
  });
  const run = async (): Promise<void> => {
    const session = await ort.InferenceSession.create(init.model, { executionProviders: ['cpu'], intraOpNumThreads: init.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential', logSeverityLevel: 3 });
    const ng = init.gallery.length / init.d;
    const b = new ort.Tensor('float32', init.gallery, [ng, init.d]);
    const nb = init.euclidean ? new ort.Tensor('float32', init.galleryNorms, [1, ng]) : undefined;
    for (const [r0, r1] of init.blocks) {
      if (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const feeds: Record<string, ortModule.Tensor> = { a: new ort.Tensor('float32', init.query.subarray(r0 * init.d, r1 * init.d), [r1 - r0, init.d]), b };
      if (nb) {
        feeds.nb = nb;
        feeds.na = new ort.Tensor('float32', init.queryNorms.subarray(r0, r1), [r1 - r0, 1]);
      }
      const out = await session.run(feeds);
      const data = out.distance.data as Float32Array;
      try {
        port.postMessage({ r0, r1, data }, [data.buffer as ArrayBuffer]);
      } catch {
        // an output the runtime owns cannot be transferred: send a copy
        port.postMessage({ r0, r1, data: data.slice() });
      }
    }
    await session.release();
    port.postMessage({ done: true });
  };
  run().catch((error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }));
}

// esbuild's keepNames (tsx) wraps functions in __name(); the eval'd script has no such helper
const WORKER_SOURCE = `var __name = (fn) => fn;\n(${distanceWorkerMain.toString()})()`;

/** The onnxruntime blocks computed in a worker thread, handed to `onBlock` in order on this one. */
async function workerBlocks(query: PreparedFeatures, gallery: PreparedFeatures, blocks: [number, number][], threads: number, onBlock: DistanceBlockCallback, onProgress?: ProgressCallback): Promise<void> {
  const init: WorkerInit = {
    ortPath: ortModulePath(),
    model: distanceGraph(query.metric, query.d),
    threads,
    d: query.d,
    euclidean: query.metric === 'euclidean',
    query: query.data,
    gallery: gallery.data,
    queryNorms: query.normsSq,
    galleryNorms: gallery.normsSq,
    blocks,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: init });
  try {
    let next = 0;
    let chain = Promise.resolve();
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => (next < blocks.length ? reject(new ClonedPersonError('E_INTERNAL', `distance worker stopped (exit code ${code}) after ${next} of ${blocks.length} blocks`)) : undefined));
      worker.on('message', (message: WorkerMessage) => {
        if ('error' in message) return reject(new ClonedPersonError('E_MODEL', `distance graph: onnxruntime run failed: ${message.error}`));
        if ('done' in message) return void chain.then(resolve, reject);
        // callbacks run one at a time and in order; each acknowledgement lets the worker go on
        chain = chain.then(async () => {
          await onBlock(message.r0, message.r1, message.data);
          next++;
          onProgress?.(next, blocks.length, 'distances');
          worker.postMessage('ack');
        });
        chain.catch(reject);
      });
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * Calls `onBlock` for consecutive blocks of query rows, in order, with their distances to every
 * gallery row. Both sides must be prepared with the same metric and dimension.
 */
export async function forEachDistanceBlock(query: PreparedFeatures, gallery: PreparedFeatures, onBlock: DistanceBlockCallback, options: DistanceBlockOptions = {}): Promise<void> {
  if (query.metric !== gallery.metric || query.d !== gallery.d) {
    throw invalidArgument(`gallery features of dimension ${query.d} and metric ${query.metric}`, 'gallery', `dimension ${gallery.d}, metric ${gallery.metric}`);
  }
  const ng = gallery.n;
  const rowBlock = Math.max(1, Math.min(query.n, options.rowBlock ?? Math.floor((16 << 20) / Math.max(1, ng))));
  const blocks: [number, number][] = [];
  for (let r0 = 0; r0 < query.n; r0 += rowBlock) blocks.push([r0, Math.min(query.n, r0 + rowBlock)]);
  if ((options.engine ?? 'onnx') === 'js') {
    const out = new Float32Array(rowBlock * ng);
    for (let b = 0; b < blocks.length; b++) {
      const [r0, r1] = blocks[b];
      jsBlock(query, gallery, r0, r1, out);
      await onBlock(r0, r1, out.subarray(0, (r1 - r0) * ng));
      options.onProgress?.(b + 1, blocks.length, 'distances');
    }
    return;
  }
  if (options.worker ?? query.n * ng * query.d > 2 ** 30) {
    // this thread reads the blocks meanwhile: leave it a core (measured: 2.4 s against 4 s at Market-1501 size on 2 cores)
    await workerBlocks(query, gallery, blocks, options.threads ?? Math.max(1, os.availableParallelism() - 1), onBlock, options.onProgress);
    return;
  }
  const session: OrtSession = await createOrtSession(distanceGraph(query.metric, query.d), { threads: options.threads ?? os.availableParallelism(), label: 'distance graph' });
  try {
    const feedsOf = ([r0, r1]: [number, number]): Parameters<typeof runOrtSession>[1] => ({
      a: float32Tensor(query.data.subarray(r0 * query.d, r1 * query.d), [r1 - r0, query.d]),
      b: float32Tensor(gallery.data, [ng, gallery.d]),
      ...(query.metric === 'euclidean' ? { na: float32Tensor(query.normsSq.subarray(r0, r1), [r1 - r0, 1]), nb: float32Tensor(gallery.normsSq, [1, ng]) } : {}),
    });
    const start = (block: [number, number]): Promise<Record<string, { data: unknown }>> => {
      const run = runOrtSession(session, feedsOf(block), 'distance graph');
      // handled here so that a failing callback does not leave it unhandled; awaited below
      run.catch(() => undefined);
      return run;
    };
    let pending = start(blocks[0]);
    for (let b = 0; b < blocks.length; b++) {
      const outputs = await pending;
      // the next block computes in onnxruntime's threads while this one is read
      if (b + 1 < blocks.length) pending = start(blocks[b + 1]);
      const [r0, r1] = blocks[b];
      await onBlock(r0, r1, outputs.distance.data as Float32Array);
      options.onProgress?.(b + 1, blocks.length, 'distances');
    }
  } finally {
    await session.release();
  }
}
