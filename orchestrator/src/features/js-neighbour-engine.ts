/**
 * The typed-array GEMM engine: full rows of scores computed by plain JavaScript kernels in
 * worker threads (one per core) over shared memory. It has no native dependency and serves as
 * the reference and fallback for the onnxruntime engine, which is much faster (see the README's
 * Performance section); pick it with `engine: 'js'`.
 *
 * The worker body is a self-contained function turned into source with `toString()`, so it
 * runs the same from TypeScript sources (tests, tsx) and from the built `dist/`.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ClonedPersonError } from '../shared/errors.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { PreparedFeatures } from './distance-metric.js';
import type { KnnScores, NeighbourEngine } from './neighbour-engine.js';
import type { NeighbourPairCollector } from './sparse-neighbours.js';

interface WorkerInit {
  features: SharedArrayBuffer;
  normsSq: SharedArrayBuffer;
  n: number;
  d: number;
  euclidean: boolean;
}

interface KnnTask {
  op: 'knn';
  r0: number;
  r1: number;
  k: number;
}

interface RadiusTask {
  op: 'radius';
  r0: number;
  r1: number;
  threshold: number;
}

interface KnnReply {
  indices: Int32Array;
  scores: Float32Array;
  minScore: Float32Array;
}

interface RadiusReply {
  rows: Int32Array;
  cols: Int32Array;
  scores: Float32Array;
  count: number;
}

/* The worker body; must not reference anything outside itself. */
function neighbourWorkerMain(): void {
  // eval'd workers are CommonJS scripts: `require` is how they reach worker_threads
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as { parentPort: MessagePort | null; workerData: WorkerInit };
  const parentPort = threads.parentPort;
  const init = threads.workerData;
  const F = new Float32Array(init.features);
  const norms = new Float32Array(init.normsSq);
  const { n, d, euclidean } = init;
  const TILE = 32;
  const block = new Float32Array(TILE * n);

  /** Scores of rows [r0, r1) (at most TILE) against all columns into `block`. */
  function scoreTile(r0: number, r1: number): void {
    const rows = r1 - r0;
    for (let j = 0; j < n; j++) {
      const b = j * d;
      let r = 0;
      for (; r + 4 <= rows; r += 4) {
        const a0 = (r0 + r) * d;
        const a1 = a0 + d;
        const a2 = a1 + d;
        const a3 = a2 + d;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t < d; t++) {
          const v = F[b + t];
          s0 += F[a0 + t] * v;
          s1 += F[a1 + t] * v;
          s2 += F[a2 + t] * v;
          s3 += F[a3 + t] * v;
        }
        block[r * n + j] = s0;
        block[(r + 1) * n + j] = s1;
        block[(r + 2) * n + j] = s2;
        block[(r + 3) * n + j] = s3;
      }
      for (; r < rows; r++) {
        const a = (r0 + r) * d;
        let s = 0;
        for (let t = 0; t < d; t++) s += F[a + t] * F[b + t];
        block[r * n + j] = s;
      }
    }
    if (euclidean) {
      for (let r = 0; r < rows; r++) {
        const ni = norms[r0 + r];
        for (let j = 0; j < n; j++) block[r * n + j] = 2 * block[r * n + j] - ni - norms[j];
      }
    }
  }

  parentPort!.on('message', (task: KnnTask | RadiusTask) => {
    if (task.op === 'knn') {
      const rowsTotal = task.r1 - task.r0;
      const k = task.k;
      const indices = new Int32Array(rowsTotal * k).fill(-1);
      const scores = new Float32Array(rowsTotal * k).fill(-Infinity);
      const minScore = new Float32Array(rowsTotal).fill(Infinity);
      for (let t0 = task.r0; t0 < task.r1; t0 += TILE) {
        const t1 = Math.min(task.r1, t0 + TILE);
        scoreTile(t0, t1);
        for (let r = 0; r < t1 - t0; r++) {
          const out = (t0 - task.r0 + r) * k;
          const row = r * n;
          let min = Infinity;
          for (let j = 0; j < n; j++) {
            const s = block[row + j];
            if (s < min) min = s;
            const last = out + k - 1;
            if (indices[last] !== -1 && s <= scores[last]) continue;
            let p = last;
            while (p > out && (scores[p - 1] < s || indices[p - 1] === -1)) {
              scores[p] = scores[p - 1];
              indices[p] = indices[p - 1];
              p--;
            }
            scores[p] = s;
            indices[p] = j;
          }
          minScore[t0 - task.r0 + r] = min;
        }
      }
      const reply: KnnReply = { indices, scores, minScore };
      parentPort!.postMessage(reply, [indices.buffer, scores.buffer, minScore.buffer]);
      return;
    }
    let capacity = 1024;
    let rows = new Int32Array(capacity);
    let cols = new Int32Array(capacity);
    let scores = new Float32Array(capacity);
    let count = 0;
    for (let t0 = task.r0; t0 < task.r1; t0 += TILE) {
      const t1 = Math.min(task.r1, t0 + TILE);
      scoreTile(t0, t1);
      for (let r = 0; r < t1 - t0; r++) {
        const i = t0 + r;
        for (let j = 0; j < n; j++) {
          const s = block[r * n + j];
          if (s < task.threshold || j === i) continue;
          if (count === capacity) {
            capacity *= 2;
            const nr = new Int32Array(capacity);
            nr.set(rows);
            rows = nr;
            const nc = new Int32Array(capacity);
            nc.set(cols);
            cols = nc;
            const ns = new Float32Array(capacity);
            ns.set(scores);
            scores = ns;
          }
          rows[count] = i;
          cols[count] = j;
          scores[count] = s;
          count++;
        }
      }
    }
    const reply: RadiusReply = { rows, cols, scores, count };
    parentPort!.postMessage(reply, [rows.buffer, cols.buffer, scores.buffer]);
  });
}

/** `__name` is the helper esbuild (tsx) inserts to keep function names; a no-op here. */
const WORKER_SOURCE = `var __name = (fn) => fn;\n(${neighbourWorkerMain.toString()})()`;

export interface JsEngineOptions {
  /** Worker threads (default: all cores). */
  threads?: number;
  /** Rows per task (default 64). */
  rowsPerTask?: number;
}

export class JsNeighbourEngine implements NeighbourEngine {
  readonly name = 'js' as const;
  private readonly threads: number;
  private readonly rowsPerTask: number;

  constructor(options: JsEngineOptions = {}) {
    this.threads = options.threads ?? os.availableParallelism();
    this.rowsPerTask = options.rowsPerTask ?? 64;
  }

  /** Starts workers over shared copies of the features, runs tasks, stops the workers. */
  private async withWorkers<T extends KnnTask | RadiusTask, R>(
    features: PreparedFeatures,
    tasks: T[],
    onReply: (task: T, reply: R) => void,
    onProgress?: ProgressCallback,
  ): Promise<void> {
    const shared = new SharedArrayBuffer(features.data.byteLength);
    new Float32Array(shared).set(features.data);
    const sharedNorms = new SharedArrayBuffer(features.normsSq.byteLength);
    new Float32Array(sharedNorms).set(features.normsSq);
    const init: WorkerInit = { features: shared, normsSq: sharedNorms, n: features.n, d: features.d, euclidean: features.metric === 'euclidean' };
    const workerCount = Math.max(1, Math.min(this.threads, tasks.length));
    const workers = Array.from({ length: workerCount }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: init }));
    let next = 0;
    let done = 0;
    try {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              const dispatch = (): void => {
                if (next >= tasks.length) {
                  resolve();
                  return;
                }
                const task = tasks[next++];
                worker.once('message', (reply: R) => {
                  onReply(task, reply);
                  onProgress?.(++done, tasks.length, 'row blocks');
                  dispatch();
                });
                worker.postMessage(task);
              };
              worker.once('error', (cause) =>
                reject(new ClonedPersonError('E_INTERNAL', `neighbour worker failed: ${cause.message}`, { cause })),
              );
              dispatch();
            }),
        ),
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  }

  private rowTasks(n: number): { r0: number; r1: number }[] {
    const tasks: { r0: number; r1: number }[] = [];
    for (let r0 = 0; r0 < n; r0 += this.rowsPerTask) tasks.push({ r0, r1: Math.min(n, r0 + this.rowsPerTask) });
    return tasks;
  }

  async knn(features: PreparedFeatures, k: number, onProgress?: ProgressCallback): Promise<KnnScores> {
    const kk = Math.min(k, features.n);
    const indices = new Int32Array(features.n * kk);
    const scores = new Float32Array(features.n * kk);
    const minScore = new Float32Array(features.n);
    const tasks: KnnTask[] = this.rowTasks(features.n).map((range) => ({ op: 'knn', ...range, k: kk }));
    await this.withWorkers<KnnTask, KnnReply>(
      features,
      tasks,
      (task, reply) => {
        indices.set(reply.indices, task.r0 * kk);
        scores.set(reply.scores, task.r0 * kk);
        minScore.set(reply.minScore, task.r0);
      },
      onProgress,
    );
    // ties: the worker keeps the first (smaller) index; same order as the onnx engine's merge
    return { k: kk, indices, scores, minScore };
  }

  async radius(features: PreparedFeatures, threshold: number, pairs: NeighbourPairCollector, onProgress?: ProgressCallback): Promise<void> {
    const tasks: RadiusTask[] = this.rowTasks(features.n).map((range) => ({ op: 'radius', ...range, threshold }));
    await this.withWorkers<RadiusTask, RadiusReply>(
      features,
      tasks,
      (_task, reply) => {
        for (let e = 0; e < reply.count; e++) pairs.add(reply.rows[e], reply.cols[e], reply.scores[e]);
      },
      onProgress,
    );
  }

  async close(): Promise<void> {
    // workers live only for the duration of one search
  }
}
