/**
 * The session edge for described models: loads an ONNX file with onnxruntime, checks the
 * session's input/output metadata against the description (input name, element type, rank,
 * channels and size per layout; output names per role; kind-specific output shapes), and runs
 * batches of images. Problems are E_MODEL errors that name the model and the mismatch.
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { RawImage } from '../imaging/raw-image.js';
import { imagesToTensor } from './image-tensor.js';
import type { ModelDescription } from './model-description.js';
import { createOrtSession, float32Tensor, runOrtSession } from './onnx-runtime.js';
import type { OrtSession } from './onnx-runtime.js';

type Dim = number | string;

/** A model output: float data and its dims. */
export interface ModelOutput {
  data: Float32Array;
  dims: number[];
}

export interface LoadedModel {
  description: ModelDescription;
  /** SHA-256 of the ONNX bytes (part of feature cache keys). */
  modelHash: string;
  /** The batch size the model accepts: a number when fixed, undefined when dynamic. */
  fixedBatch: number | undefined;
  /** Runs images through the model; outputs by role. */
  runImages(images: readonly RawImage[]): Promise<Record<string, ModelOutput>>;
  /** Runs an input tensor prepared by the caller (already resized and normalised); outputs by role. */
  runTensor(data: Float32Array, dims: readonly number[]): Promise<Record<string, ModelOutput>>;
  /** Frees the onnxruntime session. */
  close(): Promise<void>;
}

interface TensorMeta {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly Dim[];
}

function metadata(session: OrtSession, kind: 'input' | 'output'): TensorMeta[] {
  const list = (kind === 'input' ? session.inputMetadata : session.outputMetadata) as readonly TensorMeta[] | undefined;
  const names = kind === 'input' ? session.inputNames : session.outputNames;
  return list && list.length === names.length ? [...list] : names.map((name) => ({ name, isTensor: true }));
}

/** Checks a session against a description; returns the fixed batch size, if any. */
function checkSessionAgainstDescription(session: OrtSession, description: ModelDescription, label: string): number | undefined {
  const fail = (message: string): never => {
    throw new ClonedPersonError('E_MODEL', `${label} (${description.id}): ${message}`, { details: { model: label, id: description.id } });
  };
  const input = description.input;
  if (!input) return fail('the description has no "input" section');
  const inputs = metadata(session, 'input');
  const meta = inputs.find((m) => m.name === input.name);
  if (!meta) return fail(`the model has no input "${input.name}" (it has ${inputs.map((m) => m.name).join(', ')})`);
  const others = inputs.filter((m) => m.name !== input.name);
  if (others.length > 0) fail(`the model has inputs the description does not feed: ${others.map((m) => m.name).join(', ')}`);
  let fixedBatch: number | undefined;
  if (meta.isTensor && meta.type !== undefined && meta.type !== 'float32') fail(`input "${input.name}" is ${meta.type}, expected float32`);
  if (meta.shape && meta.shape.length > 0) {
    if (meta.shape.length !== 4) fail(`input "${input.name}" has rank ${meta.shape.length}, expected 4 (${input.layout})`);
    const expected: Dim[] = input.layout === 'NCHW' ? ['N', 3, input.heightPx, input.widthPx] : ['N', input.heightPx, input.widthPx, 3];
    const names = input.layout === 'NCHW' ? ['batch', 'channels', 'height', 'width'] : ['batch', 'height', 'width', 'channels'];
    for (let a = 1; a < 4; a++) {
      const actual = meta.shape[a];
      if (typeof actual === 'number' && actual > 0 && actual !== expected[a]) {
        fail(`input "${input.name}" ${names[a]} is ${actual}, the description says ${expected[a]} (layout ${input.layout})`);
      }
    }
    const batch = meta.shape[0];
    if (typeof batch === 'number' && batch > 0) fixedBatch = batch;
  }
  const outputs = metadata(session, 'output');
  for (const [role, name] of Object.entries(description.outputs)) {
    const out = outputs.find((m) => m.name === name);
    if (!out) fail(`output role "${role}" names "${name}", but the model's outputs are ${outputs.map((m) => m.name).join(', ')}`);
    if (out!.isTensor && out!.type !== undefined && out!.type !== 'float32') fail(`output "${name}" is ${out!.type}, expected float32`);
    const shape = out!.shape;
    if (!shape || shape.length === 0) continue;
    if (description.kind === 'reid-embedding' && role === 'embedding') {
      if (shape.length !== 2) fail(`embedding output "${name}" has rank ${shape.length}, expected 2 ([batch, dim])`);
      const dim = description.embedding?.dim;
      if (dim !== undefined && typeof shape[1] === 'number' && shape[1] > 0 && shape[1] !== dim) fail(`embedding output "${name}" has dim ${shape[1]}, the description says ${dim}`);
    }
    if (description.kind === 'feature-map' && role === 'featureMap') {
      if (shape.length !== 4) fail(`feature-map output "${name}" has rank ${shape.length}, expected 4 ([batch, C, H, W])`);
      const spec = description.featureMap ?? {};
      const checks: [number | undefined, Dim, string][] = [
        [spec.channels, shape[1], 'channels'],
        [spec.heightCells, shape[2], 'height'],
        [spec.widthCells, shape[3], 'width'],
      ];
      for (const [want, got, what] of checks) {
        if (want !== undefined && typeof got === 'number' && got > 0 && got !== want) fail(`feature-map output "${name}" ${what} is ${got}, the description says ${want}`);
      }
    }
  }
  return fixedBatch;
}

export interface LoadModelOptions {
  threads?: number;
  /** onnxruntime's intra-op spinning (see OrtSessionOptions.allowSpinning); default on. */
  allowSpinning?: boolean;
  files?: FileStore;
}

/** Loads `modelFile` for `description`, verifying its hash (when given) and metadata. */
export async function loadModel(description: ModelDescription, modelFile: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  if (description.builtin !== undefined) {
    throw new ClonedPersonError('E_MODEL', `${description.id} is the built-in extractor "${description.builtin}", not an ONNX model`);
  }
  const bytes = await (options.files ?? nodeFileStore).read(modelFile, 'E_MODEL');
  const modelHash = contentHash(bytes);
  if (description.sha256 && description.sha256.toLowerCase() !== modelHash) {
    throw new ClonedPersonError('E_MODEL', `${modelFile}: SHA-256 ${modelHash} does not match the description's ${description.sha256}`, {
      details: { model: modelFile },
    });
  }
  const session = await createOrtSession(bytes, { threads: options.threads, allowSpinning: options.allowSpinning, label: modelFile });
  let fixedBatch: number | undefined;
  try {
    fixedBatch = checkSessionAgainstDescription(session, description, modelFile);
  } catch (error) {
    await session.release();
    throw error;
  }
  const input = description.input!;
  const runTensor = async (data: Float32Array, dims: readonly number[]): Promise<Record<string, ModelOutput>> => {
    const outputs = await runOrtSession(session, { [input.name]: float32Tensor(data, dims) }, modelFile);
    const result: Record<string, ModelOutput> = {};
    for (const [role, name] of Object.entries(description.outputs)) {
      const out = outputs[name];
      result[role] = { data: out.data as Float32Array, dims: out.dims.map(Number) };
    }
    return result;
  };
  const runBatch = (images: readonly RawImage[]): Promise<Record<string, ModelOutput>> => {
    const tensor = imagesToTensor(images, input);
    return runTensor(tensor.data, tensor.dims);
  };
  return {
    description,
    modelHash,
    fixedBatch,
    async runImages(images) {
      if (fixedBatch === undefined || images.length === fixedBatch) return runBatch(images);
      // fixed-batch models: run in chunks, padding the last one by repeating an image
      const parts: Record<string, ModelOutput>[] = [];
      for (let start = 0; start < images.length; start += fixedBatch) {
        const chunk = images.slice(start, start + fixedBatch);
        while (chunk.length < fixedBatch) chunk.push(chunk[0]);
        parts.push(await runBatch(chunk));
      }
      const merged: Record<string, ModelOutput> = {};
      for (const role of Object.keys(description.outputs)) {
        const per = parts[0][role].data.length / fixedBatch;
        const data = new Float32Array(images.length * per);
        parts.forEach((part, k) => data.set(part[role].data.subarray(0, Math.min(fixedBatch, images.length - k * fixedBatch) * per), k * fixedBatch * per));
        merged[role] = { data, dims: [images.length, ...parts[0][role].dims.slice(1)] };
      }
      return merged;
    },
    runTensor,
    close: () => session.release(),
  };
}
