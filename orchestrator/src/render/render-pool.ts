/**
 * Renders the camera views of a step on worker threads. Characters and environment textures are
 * copied once into SharedArrayBuffers that every worker reads; each step the caller poses the
 * people into shared buffers (see pose-person.ts) and the pool renders one camera per job, so
 * all cores work on a step's cameras at once. Each camera keeps to one worker (its index modulo
 * the live workers), so every worker builds and caches the static background of its own cameras
 * only. Views are independent and rendered by the same code in any thread, so results are
 * identical whichever worker takes a job (deterministic). With `workers: 0` views render inline
 * on the calling thread.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderCamera } from './camera.js';
import type { CharacterModel, CharacterPrimitive } from './character-model.js';
import type { RenderEnvironment } from './environment.js';
import { renderView } from './scene-view.js';
import type { PosedPerson, ViewOptions, ViewResult } from './scene-view.js';

export interface RenderPoolOptions {
  /** Worker threads (default: CPU count; 0 renders inline). */
  workers?: number;
}

/** What a worker needs of a character (no bind-space geometry: people arrive posed). */
interface SharedCharacter {
  id: string;
  primitives: Pick<CharacterPrimitive, 'uvs' | 'indices' | 'shadowVertices' | 'shadowIndices' | 'material'>[];
}

export interface ViewJob {
  camera: RenderCamera;
  persons: PosedPerson[];
  options: ViewOptions;
  /** Jobs with the same affinity (a camera index) go to the same worker while it lives. */
  affinity?: number;
}

type WorkerRequest =
  | { kind: 'environment'; environment: RenderEnvironment }
  | { kind: 'character'; character: SharedCharacter }
  | { kind: 'view'; id: number; camera: RenderCamera; persons: (Omit<PosedPerson, 'model'> & { characterId: string })[]; options: ViewOptions };

export type WorkerReply = { kind: 'view'; id: number; result: ViewResult } | { kind: 'error'; id: number; message: string; stack?: string };

function toShared<T extends Float32Array | Uint32Array | Uint16Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(array.byteLength));
  out.set(array);
  return out;
}

/**
 * Starts a worker running render-worker.js beside this module (dist), or, when this module
 * runs from TypeScript sources (tsx, jest), a bootstrap that registers tsx's loader inside the
 * worker first (Node 20 does not pass `--import` loaders on to worker threads).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./render-worker.js', here));
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./render-worker.ts', here).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { job: WorkerRequest & { kind: 'view' }; affinity: number; resolve: (r: ViewResult) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<number, { resolve: (r: ViewResult) => void; reject: (e: Error) => void; worker: Worker }>();
  private nextId = 1;
  private environment: RenderEnvironment | null = null;
  private closed = false;
  private readonly dead = new Set<Worker>();
  private readonly backlog = new Map<Worker, WorkerRequest[]>();

  private post(worker: Worker, message: WorkerRequest): void {
    const waiting = this.backlog.get(worker);
    if (waiting) waiting.push(message);
    else worker.postMessage(message);
  }

  constructor(options: RenderPoolOptions = {}) {
    const count = options.workers ?? Math.max(1, os.availableParallelism());
    for (let i = 0; i < count; i++) {
      const worker = startWorker();
      this.backlog.set(worker, []);
      worker.on('message', (reply: WorkerReply | { kind: 'ready' }) => {
        if (reply.kind === 'ready') {
          // Messages wait until the worker listens (it loads its modules asynchronously).
          for (const message of this.backlog.get(worker) ?? []) worker.postMessage(message);
          this.backlog.delete(worker);
        } else this.onReply(worker, reply);
      });
      worker.on('error', (error) => this.onWorkerError(worker, error));
      worker.on('exit', () => this.onWorkerError(worker, new Error('render worker exited')));
      worker.unref();
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Number of worker threads (0 = inline). */
  get size(): number {
    return this.workers.length;
  }

  /** Sets the environment for following views (textures are already shared). */
  setEnvironment(environment: RenderEnvironment): void {
    this.environment = environment;
    for (const worker of this.workers) this.post(worker, { kind: 'environment', environment });
  }

  /** Shares a character's static data with the workers (call once per character, before views). */
  addCharacter(model: CharacterModel): void {
    model.primitives.forEach((p) => {
      if (p.uvs) p.uvs = toShared(p.uvs);
      p.indices = toShared(p.indices);
      p.shadowIndices = toShared(p.shadowIndices);
      p.shadowVertices = toShared(p.shadowVertices);
    });
    const character: SharedCharacter = {
      id: model.id,
      primitives: model.primitives.map((p) => ({ uvs: p.uvs, indices: p.indices, shadowVertices: p.shadowVertices, shadowIndices: p.shadowIndices, material: p.material })),
    };
    for (const worker of this.workers) this.post(worker, { kind: 'character', character });
  }

  /** Renders one view (in a worker when there are workers). Posed buffers must be shared. */
  async render(job: ViewJob): Promise<ViewResult> {
    if (this.closed) throw new Error('render pool is closed');
    if (this.workers.length > 0 && this.dead.size === this.workers.length) throw new Error('all render workers died');
    if (!this.environment) throw new Error('render pool has no environment');
    if (this.workers.length === 0) return renderView(this.environment, job.persons, job.camera, job.options);
    const request: WorkerRequest & { kind: 'view' } = {
      kind: 'view',
      id: this.nextId++,
      camera: job.camera,
      options: job.options,
      persons: job.persons.map(({ model, ...rest }) => ({ ...rest, characterId: model.id })),
    };
    return new Promise<ViewResult>((resolve, reject) => {
      this.queue.push({ job: request, affinity: job.affinity ?? request.id, resolve, reject });
      this.pump();
    });
  }

  /** The worker a job of this affinity belongs to: its index modulo the live workers. */
  private workerFor(affinity: number): Worker | undefined {
    const live = this.workers.filter((w) => !this.dead.has(w));
    return live.length ? live[affinity % live.length] : undefined;
  }

  /** Hands each idle worker the oldest queued job that belongs to it. */
  private pump(): void {
    for (let i = 0; i < this.queue.length && this.idle.length > 0; ) {
      const entry = this.queue[i];
      const worker = this.workerFor(entry.affinity);
      const at = worker ? this.idle.indexOf(worker) : -1;
      if (at < 0) {
        i++;
        continue;
      }
      this.idle.splice(at, 1);
      this.queue.splice(i, 1);
      this.pending.set(entry.job.id, { resolve: entry.resolve, reject: entry.reject, worker: worker! });
      // A busy worker keeps the process alive; idle ones do not (see the constructor).
      worker!.ref();
      this.post(worker!, entry.job);
    }
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    worker.unref();
    this.idle.push(worker);
    if (reply.kind === 'view') entry.resolve(reply.result);
    else {
      const error = new Error(`render worker: ${reply.message}`);
      if (reply.stack) error.stack = reply.stack;
      entry.reject(error);
    }
    this.pump();
  }

  /** A dead worker fails its job; when none is left, queued jobs fail too (no silent hang). */
  private onWorkerError(worker: Worker, error: Error): void {
    this.dead.add(worker);
    const idle = this.idle.indexOf(worker);
    if (idle >= 0) this.idle.splice(idle, 1);
    for (const [id, entry] of this.pending) {
      if (entry.worker === worker) {
        this.pending.delete(id);
        entry.reject(error);
      }
    }
    if (this.dead.size === this.workers.length) {
      for (const { reject } of this.queue.splice(0)) reject(new Error(`all render workers died; last: ${error.message}`));
    } else this.pump(); // its queued jobs belong to the live workers now
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    for (const { reject } of this.queue) reject(new Error('render pool closed'));
    this.queue.length = 0;
  }
}
