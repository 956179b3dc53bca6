import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createOnnxFeatureExtractor } from '../../../orchestrator/src/cloning/onnx-feature-extractor.js';
import { writePng } from '../../../orchestrator/src/imaging/image-io.js';
import { runCliCaptured } from '../../helpers/cli.js';
import { RECT_TROUSERS_LANDMARKS, rectGarmentPhoto, rectTrousersTemplate } from '../../helpers/garment-fixtures.js';
import { noiseImage } from '../../helpers/images.js';
import { OnnxGraphBuilder } from '../../helpers/onnx-builder.js';

/** A "backbone" whose feature map is the mean colour of each 16 x 16 cell: a known answer. */
function averagePoolModel(): Uint8Array {
  const b = new OnnxGraphBuilder('avgpool');
  const x = b.input('image', 'float32', [1, 3, 384, 128]);
  b.node('AveragePool', [x], { kernel_shape: [16, 16], strides: [16, 16] }, ['features']);
  b.output('features', 'float32', [1, 3, 24, 8]);
  return b.build(13);
}

function description(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    formatVersion: 1,
    id: 'avgpool16',
    kind: 'feature-map',
    file: 'avgpool.onnx',
    input: { name: 'image', layout: 'NCHW', widthPx: 128, heightPx: 384, colourOrder: 'RGB', scale: 255, mean: [0, 0, 0], std: [1, 1, 1], resize: 'stretch' },
    outputs: { featureMap: 'features' },
    ...patch,
  });
}

describe('createOnnxFeatureExtractor', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-onnx-fm-'));
    await writeFile(path.join(dir, 'avgpool.onnx'), averagePoolModel());
    await writeFile(path.join(dir, 'avgpool.json'), description());
    await writeFile(path.join(dir, 'embedding.json'), description({ kind: 'reid-embedding', embedding: { metric: 'cosine', normalize: true, eps: { plain: [0.4, 0.5], rerank: [0.4, 0.5] } }, outputs: { embedding: 'features' } }));
    await writeFile(path.join(dir, 'square.json'), description({ input: { name: 'image', layout: 'NCHW', widthPx: 128, heightPx: 128, colourOrder: 'RGB', scale: 255, mean: [0, 0, 0], std: [1, 1, 1], resize: 'stretch' } }));
  });

  it('returns the model\'s [C, H, W] map of the search canvas', async () => {
    const extractor = await createOnnxFeatureExtractor(path.join(dir, 'avgpool.onnx'));
    const canvas = noiseImage(128, 384, 3, 4);
    const map = await extractor.extract(canvas, new Uint8Array(128 * 384).fill(1));
    await extractor.close();
    expect([map.channels, map.height, map.width]).toEqual([3, 24, 8]);
    expect(extractor.name).toMatch(/^onnx\/avgpool16@[0-9a-f]{12}$/);
    for (const [c, gy, gx] of [[0, 0, 0], [1, 5, 3], [2, 23, 7]]) {
      let sum = 0;
      for (let y = gy * 16; y < gy * 16 + 16; y++) for (let x = gx * 16; x < gx * 16 + 16; x++) sum += canvas.data[(y * 128 + x) * 3 + c];
      expect(map.data[c * 192 + gy * 8 + gx]).toBeCloseTo(sum / 256 / 255, 5);
    }
  });

  it('refuses models of another kind or aspect with E_MODEL', async () => {
    await expect(createOnnxFeatureExtractor(path.join(dir, 'avgpool.onnx'), { config: path.join(dir, 'embedding.json') })).rejects.toThrow(
      expect.objectContaining({ code: 'E_MODEL', message: expect.stringContaining('needs a "feature-map" model') }),
    );
    await expect(createOnnxFeatureExtractor(path.join(dir, 'avgpool.onnx'), { config: path.join(dir, 'square.json') })).rejects.toThrow(
      expect.objectContaining({ code: 'E_MODEL', message: expect.stringContaining('another aspect') }),
    );
  });

  it('drives the clone command with --model', async () => {
    await writePng(path.join(dir, 'images/a.png'), rectGarmentPhoto());
    await writeFile(path.join(dir, 'garments.jsonl'), JSON.stringify({ image: 'a.png', category: 8, landmarks: RECT_TROUSERS_LANDMARKS }));
    await writeFile(path.join(dir, 'catalog.json'), JSON.stringify(rectTrousersTemplate({ uvKeypoints: [], parts: [] })));
    const out = path.join(dir, 'out');
    const run = await runCliCaptured(['clone', '--garments', path.join(dir, 'garments.jsonl'), '--images', path.join(dir, 'images'), '--catalog', path.join(dir, 'catalog.json'), '--out', out, '--size-px', '64', '--model', path.join(dir, 'avgpool.onnx')]);
    expect(run.code).toBe(0);
    const record = JSON.parse(await readFile(path.join(out, 'outfits/a.png.json'), 'utf8')) as { extractor: string; textures: { cells: { grid: unknown }[] }[] };
    expect(record.extractor).toMatch(/^onnx\/avgpool16@/);
    expect(record.textures[0].cells[0].grid).toEqual({ width: 8, height: 24, channels: 3 });
  });
});
