import { describe, expect, it } from '@jest/globals';
import { flipHorizontal, onnxEmbeddingExtractor } from '../../../orchestrator/src/features/feature-extractor.js';
import type { ModelDescription } from '../../../orchestrator/src/models/model-description.js';
import { parseModelDescription } from '../../../orchestrator/src/models/model-description.js';
import { loadModel } from '../../../orchestrator/src/models/model-session.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { noiseImage, pixel } from '../../helpers/images.js';
import { reidEmbeddingModel } from '../../helpers/onnx-builder.js';

const description: ModelDescription = parseModelDescription(
  {
    formatVersion: 1,
    id: 'tiny-reid',
    kind: 'reid-embedding',
    input: { name: 'images', layout: 'NCHW', widthPx: 16, heightPx: 32, colourOrder: 'RGB', scale: 255, mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25], resize: 'stretch' },
    outputs: { embedding: 'embedding' },
    embedding: { dim: 12, metric: 'cosine', normalize: true, eps: { plain: [0.05, 0.1], rerank: [0.3, 0.5] } },
  },
  'tiny-reid.json',
);

describe('flipHorizontal', () => {
  it('mirrors left and right', () => {
    const image = noiseImage(5, 3, 3, 2);
    const flipped = flipHorizontal(image);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) expect(pixel(flipped, x, y)).toEqual(pixel(image, 4 - x, y));
  });
});

describe('onnxEmbeddingExtractor with flip averaging', () => {
  it('averages the embeddings of the image and its mirror before normalising', async () => {
    const files = createMemoryFileStore({ '/m/reid.onnx': reidEmbeddingModel({ heightPx: 32, widthPx: 16, dim: 12 }) });
    const plain = await onnxEmbeddingExtractor(await loadModel({ ...description, embedding: { ...description.embedding!, normalize: false } }, '/m/reid.onnx', { files }), { batchSize: 2 });
    const flip = await onnxEmbeddingExtractor(await loadModel(description, '/m/reid.onnx', { files }), { batchSize: 2, flip: true });
    const images = [noiseImage(16, 32, 3, 1), noiseImage(20, 40, 3, 2), noiseImage(16, 32, 3, 3)];
    const raw = await plain.extract(images);
    const mirrored = await plain.extract(images.map(flipHorizontal));
    const averaged = await flip.extract(images);
    images.forEach((_, i) => {
      const mean = raw[i].map((v, k) => (v + mirrored[i][k]) / 2);
      const norm = Math.hypot(...mean);
      mean.forEach((v, k) => expect(averaged[i][k]).toBeCloseTo(v / norm, 5));
    });
    // the mirror does change the embedding of this model, so the test can tell
    expect(Math.abs(raw[0][0] - mirrored[0][0])).toBeGreaterThan(1e-4);
    expect(flip.fingerprint).not.toBe(plain.fingerprint);
    await plain.close();
    await flip.close();
  });
});
