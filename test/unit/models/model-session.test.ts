import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { parseModelDescription } from '../../../orchestrator/src/models/model-description.js';
import type { ModelDescription } from '../../../orchestrator/src/models/model-description.js';
import { loadModel } from '../../../orchestrator/src/models/model-session.js';
import { findModelDescription } from '../../../orchestrator/src/models/model-registry.js';
import { OnnxGraphBuilder, reidEmbeddingModel } from '../../helpers/onnx-builder.js';

function description(overrides: Partial<ModelDescription> = {}, input: Partial<NonNullable<ModelDescription['input']>> = {}): ModelDescription {
  return parseModelDescription({
    formatVersion: 1,
    id: 'tiny-reid',
    kind: 'reid-embedding',
    input: { name: 'images', layout: 'NCHW', widthPx: 8, heightPx: 16, colourOrder: 'RGB', scale: 255, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], resize: 'stretch', ...input },
    outputs: { embedding: 'embedding' },
    embedding: { dim: 6, metric: 'cosine', normalize: true, eps: { plain: [0.2, 0.3], rerank: [0.4, 0.5] } },
    ...overrides,
  });
}

async function withModel<T>(bytes: Uint8Array, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-model-'));
  try {
    const file = path.join(dir, 'model.onnx');
    await writeFile(file, bytes);
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function solid(width: number, height: number, rgb: [number, number, number]): RawImage {
  const image = createRawImage(width, height, 3);
  for (let p = 0; p < width * height; p++) image.data.set(rgb, 3 * p);
  return image;
}

describe('loadModel', () => {
  it('checks the session against the description and runs batches', async () => {
    await withModel(reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 6 }), async (file) => {
      const model = await loadModel(description(), file, { threads: 1 });
      expect(model.fixedBatch).toBeUndefined();
      const out = await model.runImages([solid(20, 40, [10, 200, 30]), solid(8, 16, [255, 0, 0]), solid(8, 16, [10, 200, 30])]);
      expect(out.embedding.dims).toEqual([3, 6]);
      // the same picture at another size gives (nearly) the same embedding: resizing a constant image keeps it constant
      for (let k = 0; k < 6; k++) expect(out.embedding.data[k]).toBeCloseTo(out.embedding.data[12 + k], 4);
      expect(out.embedding.data[0]).not.toBeCloseTo(out.embedding.data[6], 3);
      await model.close();
    });
  });

  it('accepts NHWC models and fixed batch sizes', async () => {
    await withModel(reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 6, layout: 'NHWC', batch: 2 }), async (file) => {
      const model = await loadModel(description({}, { layout: 'NHWC' }), file, { threads: 1 });
      expect(model.fixedBatch).toBe(2);
      const images = [solid(8, 16, [1, 2, 3]), solid(8, 16, [200, 100, 0]), solid(8, 16, [1, 2, 3])];
      const out = await model.runImages(images);
      expect(out.embedding.dims).toEqual([3, 6]);
      for (let k = 0; k < 6; k++) expect(out.embedding.data[12 + k]).toBeCloseTo(out.embedding.data[k], 5);
      await model.close();
    });
  });

  it.each([
    ['a wrong input name', {}, { name: 'pixels' }, /no input "pixels"/],
    ['a wrong input size', {}, { heightPx: 32 }, /height is 16, the description says 32/],
    ['a wrong layout', {}, { layout: 'NHWC' as const }, /layout NHWC/],
    ['a missing output', { outputs: { embedding: 'feat' } }, {}, /names "feat"/],
    ['a wrong embedding dim', { embedding: { dim: 7, metric: 'cosine' as const, normalize: true, eps: { plain: [0.2, 0.3] as [number, number], rerank: [0.4, 0.5] as [number, number] } } }, {}, /dim 6, the description says 7/],
  ])('refuses %s with E_MODEL', async (_name, overrides, input, message) => {
    await withModel(reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 6 }), async (file) => {
      await expect(loadModel(description(overrides, input), file, { threads: 1 })).rejects.toMatchObject({ code: 'E_MODEL', message: expect.stringMatching(message) as unknown as string });
    });
  });

  it('refuses models with unfed inputs, non-float inputs, a wrong hash or bad bytes', async () => {
    const b = new OnnxGraphBuilder();
    b.input('images', 'float32', ['batch', 3, 16, 8]);
    b.input('extra', 'float32', [1]);
    b.output(b.node('ReduceMean', ['images'], { axes: [2, 3], keepdims: 0 }, ['embedding']), 'float32', ['batch', 3]);
    await withModel(b.build(), async (file) => {
      expect(() => description({ embedding: undefined as never })).toThrow(/needs an "embedding" section/);
      await expect(loadModel(description(), file)).rejects.toMatchObject({ code: 'E_MODEL', message: expect.stringMatching(/does not feed: extra/) as unknown as string });
    });
    const u = new OnnxGraphBuilder();
    u.input('images', 'uint8', ['batch', 3, 16, 8]);
    u.output(u.node('Cast', ['images'], { to: 1 }, ['embedding']), 'float32');
    await withModel(u.build(), async (file) => {
      await expect(loadModel(description(), file)).rejects.toMatchObject({ code: 'E_MODEL', message: expect.stringMatching(/uint8, expected float32/) as unknown as string });
    });
    await withModel(reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 6 }), async (file) => {
      await expect(loadModel(description({ sha256: '0'.repeat(64) }), file)).rejects.toMatchObject({ code: 'E_MODEL', message: expect.stringMatching(/SHA-256/) as unknown as string });
    });
    await withModel(new TextEncoder().encode('not a model'), async (file) => {
      await expect(loadModel(description(), file)).rejects.toMatchObject({ code: 'E_MODEL' });
    });
  });

  it('finds a description beside the model file', async () => {
    const bytes = reidEmbeddingModel({ heightPx: 16, widthPx: 8, dim: 6 });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await withModel(bytes, async (file) => {
      await expect(findModelDescription(file)).rejects.toMatchObject({ code: 'E_MODEL_DESCRIPTION' });
      await writeFile(file.replace(/\.onnx$/, '.json'), JSON.stringify({ ...description(), sha256 }));
      const entry = await findModelDescription(file);
      expect(entry.description.id).toBe('tiny-reid');
      const model = await loadModel(entry.description, file, { threads: 1 });
      expect(model.modelHash).toBe(sha256);
      await model.close();
    });
  });
});
