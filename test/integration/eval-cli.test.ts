import { beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../orchestrator/src/cli/run-cli.js';
import { createMemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import { reidEmbeddingModel } from '../helpers/onnx-builder.js';
import { renderedStore, ROOT } from '../unit/dataset/dataset-fixtures.js';

const REID_DESCRIPTION = {
  formatVersion: 1,
  id: 'tiny-reid',
  kind: 'reid-embedding',
  input: { name: 'images', layout: 'NCHW', widthPx: 16, heightPx: 32, colourOrder: 'RGB', scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], resize: 'stretch' },
  outputs: { embedding: 'embedding' },
  embedding: { dim: 12, metric: 'euclidean', normalize: true, eps: { plain: [0.05, 0.1], rerank: [0.3, 0.5] } },
};

/** Inputs with two datasets of the same render: ours (`dataset/`) and its Market-layout twin (`market/`). */
let datasets: MemoryFileStore;

async function cli(argv: string[], files: MemoryFileStore = createMemoryFileStore(Object.fromEntries(datasets.files))) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT, env: {}, files });
  return { code, stdout, stderr, files };
}

beforeAll(async () => {
  datasets = await renderedStore();
  for (const [layout, out] of [
    ['clonedperson', 'dataset'],
    ['market', 'market'],
  ]) {
    const run = await cli(['dataset', '--render', 'render', '--characters', 'characters', '--out', out, '--layout', layout, '--min-height-px', '40'], datasets);
    if (run.code !== 0) throw new Error(run.stderr);
  }
}, 60_000);

describe('clonedperson eval', () => {
  it('prints one JSON object with the metrics as fractions and the whole CMC', async () => {
    const run = await cli(['eval', '--dataset', 'dataset', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(result).slice(0, 6)).toEqual(['mAP', 'rank1', 'rank5', 'rank10', 'rank20', 'cmc']);
    for (const key of ['mAP', 'rank1', 'rank5', 'rank10', 'rank20']) {
      expect(result[key]).toBeGreaterThanOrEqual(0);
      expect(result[key]).toBeLessThanOrEqual(1);
    }
    const cmc = result.cmc as number[];
    expect(cmc).toHaveLength(Math.min(50, result.gallery as number));
    expect(cmc[0]).toBe(result.rank1);
    expect(result).toMatchObject({ source: { kind: 'dataset', layout: 'clonedperson' }, features: 'appearance-v1', metric: 'cosine', rerank: null });
  });

  it('evaluates saved features with list files to the same numbers', async () => {
    const files = createMemoryFileStore(Object.fromEntries(datasets.files));
    const direct = JSON.parse((await cli(['eval', '--dataset', 'dataset', '--json', '--save-features', 'features'], files)).stdout) as Record<string, unknown>;
    const fromFiles = await cli(
      ['eval', '--query-features', 'features/query.npy', '--gallery-features', 'features/gallery.npy', '--query-list', 'features/query.txt', '--gallery-list', 'features/gallery.txt', '--json'],
      files,
    );
    expect(fromFiles.code).toBe(0);
    const parsed = JSON.parse(fromFiles.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({ mAP: direct.mAP, cmc: direct.cmc, queries: direct.queries, source: { kind: 'features', naming: 'clonedperson' } });
  });

  it('detects the layouts: our market layout with dataset.json, Market-1501 without', async () => {
    const files = createMemoryFileStore(Object.fromEntries(datasets.files));
    const ours = JSON.parse((await cli(['eval', '--dataset', 'market', '--json'], files)).stdout) as { source: { layout: string; naming: string } };
    expect(ours.source).toMatchObject({ layout: 'clonedperson', naming: 'clonedperson-market' });
    await files.remove('/work/market/dataset.json');
    const market = JSON.parse((await cli(['eval', '--dataset', 'market', '--json'], files)).stdout) as { source: { layout: string } };
    expect(market.source.layout).toBe('market1501');
  });

  it('takes features from an ONNX re-ID model, in batches, with flip averaging', async () => {
    const files = createMemoryFileStore(Object.fromEntries(datasets.files));
    await files.writeAtomic('/work/reid.onnx', reidEmbeddingModel({ heightPx: 32, widthPx: 16, dim: 12 }));
    await files.writeAtomic('/work/reid.json', JSON.stringify(REID_DESCRIPTION));
    const plain = await cli(['eval', '--dataset', 'dataset', '--model', 'reid.onnx', '--batch-size', '3', '--json'], files);
    expect(plain.code).toBe(0);
    const result = JSON.parse(plain.stdout) as { features: string; metric: string; mAP: number };
    // the description's metric is the default
    expect(result).toMatchObject({ features: 'tiny-reid', metric: 'euclidean' });
    const flipped = JSON.parse((await cli(['eval', '--dataset', 'dataset', '--model', 'reid.onnx', '--flip', '--metric', 'cosine', '--json'], files)).stdout) as { metric: string };
    expect(flipped.metric).toBe('cosine');
  });

  it('writes the report and a summary line', async () => {
    const run = await cli(['eval', '--dataset', 'dataset', '--report', 'report', '--rerank', '--k1', '4', '--k2', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^eval: \/work\/dataset \(clonedperson\): mAP [\d.]+ %, rank-1 [\d.]+ %, .*re-ranked; report -> \/work\/report\/index.html\n$/);
    const html = new TextDecoder().decode(run.files.files.get('/work/report/index.html'));
    expect(html).toContain('<img src="cmc.svg"');
    expect(html.match(/class="row"/g)?.length).toBeGreaterThan(0);
    expect(html).toContain('thumbs/q');
    expect(new TextDecoder().decode(run.files.files.get('/work/report/cmc.svg'))).toMatch(/^<svg .*<polyline/s);
  });

  it.each([
    [['--dataset', 'dataset', '--query-features', 'q.npy'], 'E_USAGE: Expected either --dataset or the four feature flags for eval but received --dataset and --query-features'],
    [['--query-features', 'q.npy', '--gallery-features', 'g.npy'], 'E_USAGE: Expected --dataset, or all of --query-features, --gallery-features, --query-list, --gallery-list for eval but received --query-features, --gallery-features'],
    [[], 'E_USAGE: Expected --dataset, or all of'],
    [['--dataset', 'dataset', '--lambda', '1'], 'E_USAGE: Expected a number in [0, 1) for --lambda but received 1'],
    [['--dataset', 'dataset', '--metric', 'manhattan'], 'E_USAGE'],
  ])('refuses %j', async (extra, message) => {
    const run = await cli(['eval', ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('names missing inputs and folders in no layout', async () => {
    const missing = await cli(['eval', '--dataset', 'nowhere']);
    expect([missing.code, missing.stderr]).toEqual([3, 'E_INPUT_MISSING: no such file or folder: /work/nowhere (--dataset)\n']);
    const none = await cli(['eval', '--dataset', 'characters']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^E_DATASET_INVALID: \/work\/characters is in no supported dataset layout/);
  });
});
