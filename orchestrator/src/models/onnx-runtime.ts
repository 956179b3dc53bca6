/**
 * The one place that imports onnxruntime-node. Everything else talks to ONNX models through
 * this edge (model-session.ts for described models, the clustering GEMM engine for graphs
 * built in code), so the native dependency stays at the border of the code base.
 *
 * The runtime is imported on first use (the first session), not when this module loads:
 * importing the package or a stage core must not map the native library, which costs a few
 * hundred milliseconds and is not needed by most commands.
 */
import type * as ortModule from 'onnxruntime-node';
import type { InferenceSession as OrtSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { createRequire } from 'node:module';
import os from 'node:os';
import { ClonedPersonError } from '../shared/errors.js';

export type { OrtSession, OrtTensor };

type OrtModule = typeof ortModule;

export interface OrtSessionOptions {
  /** Threads for one operator (GEMM, convolution); default: all cores. */
  threads?: number;
  /** A label for error messages (file name or graph name). */
  label?: string;
  /**
   * Whether idle intra-op threads spin (onnxruntime's default). With several threads on few
   * cores, spinning threads steal the cores the work needs; small per-crop models run faster
   * with it off.
   */
  allowSpinning?: boolean;
}

let loading: Promise<OrtModule> | undefined;

/** onnxruntime-node, imported once on first call. */
function loadRuntime(): Promise<OrtModule> {
  // the named exports, not `default`: loaders that honour `__esModule` (tsx) leave `default` unset
  loading ??= import('onnxruntime-node');
  return loading;
}

/**
 * An input tensor as plain data. {@link runOrtSession} turns it into onnxruntime's Tensor, so
 * feeds can be built before (or without) the runtime being loaded.
 */
export type TensorInput =
  | { type: 'float32'; data: Float32Array; dims: readonly number[] }
  | { type: 'int64'; data: BigInt64Array; dims: readonly number[] };

/** Creates a CPU session from a file path or model bytes; E_MODEL when onnxruntime refuses it. */
export async function createOrtSession(model: string | Uint8Array, options: OrtSessionOptions = {}): Promise<OrtSession> {
  const ort = await loadRuntime();
  const sessionOptions: OrtSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    logSeverityLevel: 3,
    ...(options.allowSpinning === false ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}),
  };
  try {
    return typeof model === 'string'
      ? await ort.InferenceSession.create(model, sessionOptions)
      : await ort.InferenceSession.create(model, sessionOptions);
  } catch (cause) {
    const label = options.label ?? (typeof model === 'string' ? model : 'in-memory model');
    throw new ClonedPersonError('E_MODEL', `onnxruntime could not load ${label}: ${(cause as Error).message}`, {
      cause,
      details: { model: label },
    });
  }
}

/** A float32 tensor over `data` (no copy). */
export function float32Tensor(data: Float32Array, dims: readonly number[]): TensorInput {
  return { type: 'float32', data, dims };
}

/** An int64 tensor from small integers. */
export function int64Tensor(values: readonly number[], dims: readonly number[]): TensorInput {
  return { type: 'int64', data: BigInt64Array.from(values.map((v) => BigInt(v))), dims };
}

/** Runs a session; E_MODEL (with the runtime's message) when the run fails. */
export async function runOrtSession(session: OrtSession, feeds: Record<string, TensorInput>, label: string): Promise<Record<string, OrtTensor>> {
  // the session exists, so the runtime is loaded and this settles at once (onnxruntime-node
  // runs the session in a later setImmediate anyway, so nothing is held back)
  const ort = await loadRuntime();
  const tensors: Record<string, OrtTensor> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    tensors[name] = feed.type === 'float32' ? new ort.Tensor('float32', feed.data, feed.dims) : new ort.Tensor('int64', feed.data, feed.dims);
  }
  try {
    return await session.run(tensors);
  } catch (cause) {
    throw new ClonedPersonError('E_MODEL', `${label}: onnxruntime run failed: ${(cause as Error).message}`, { cause, details: { model: label } });
  }
}

/**
 * The low 32 bits of every element of an int64 tensor as an Int32Array view (no copy). Valid
 * for indices below 2^31, which is all the graphs here produce.
 */
export function int64LowWords(tensor: OrtTensor): { words: Int32Array; stride: 2 } {
  const data = tensor.data as BigInt64Array;
  return { words: new Int32Array(data.buffer, data.byteOffset, data.length * 2), stride: 2 };
}

/**
 * Where onnxruntime-node lives, for a worker thread that runs a session of its own (the
 * evaluation's distance GEMM): resolving does not load the native library.
 */
export function ortModulePath(): string {
  return createRequire(import.meta.url).resolve('onnxruntime-node');
}
