import { beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../orchestrator/src/cli/run-cli.js';
import { DATASET_RECORD_CONTRACT } from '../../orchestrator/src/contracts/dataset-record.js';
import { createMemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import { renderedStore, ROOT } from '../unit/dataset/dataset-fixtures.js';

let rendered: MemoryFileStore;
beforeAll(async () => {
  rendered = await renderedStore();
}, 60_000);

/** Runs the CLI in-process on a memory copy of the rendered inputs (cwd /work). */
async function cli(argv: string[], files: MemoryFileStore = createMemoryFileStore(Object.fromEntries(rendered.files))) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT, env: {}, files });
  return { code, stdout, stderr, files };
}

describe('clonedperson dataset', () => {
  it('writes a dataset and says what it holds; a rerun is up to date', async () => {
    const first = await cli(['dataset', '--render', 'render', '--characters', 'characters', '--out', 'dataset', '--min-height-px', '40']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^dataset: \d+ train \(2 ids\), \d+ query, \d+ gallery \(2 ids\) images; 2 cameras in 1 scene\(s\); dropped: .*; \d+ crops written in [\d.]+ s -> \/work\/dataset\n$/);
    const record = DATASET_RECORD_CONTRACT.parse(await first.files.read('/work/dataset/dataset.json'), 'dataset.json');
    expect(record.images.every((image) => first.files.files.has(`/work/dataset/${image.file}`))).toBe(true);
    const again = await cli(['dataset', '--render', 'render', '--characters', 'characters', '--out', 'dataset', '--min-height-px', '40'], first.files);
    expect(again.stdout).toMatch(/up to date -> \/work\/dataset/);
  });

  it('takes the layout, the crop rule, the size and the COCO option', async () => {
    const run = await cli(['dataset', '--render', 'render', '--characters', 'characters/characters.json', '--selection', 'selection.json', '--out', 'market', '--layout', 'market', '--crop-rule', 'authors', '--resize-px', '64x128', '--coco', '--frame-interval-s', '0']);
    expect(run.code).toBe(0);
    const record = DATASET_RECORD_CONTRACT.parse(await run.files.read('/work/market/dataset.json'), 'dataset.json');
    expect(record).toMatchObject({ layout: 'market', resizePx: [64, 128], cropRule: { name: 'authors', frameIntervalS: 0 }, coco: 'coco.json' });
    expect(record.rejections['not-sampled']).toBeUndefined();
    expect(run.files.files.has('/work/market/coco.json')).toBe(true);
  });

  it.each([
    [['--resize-px', '128'], 2, 'E_USAGE: Expected a size like 128x256 (width x height, 1-16384 px) for --resize-px but received "128"'],
    [['--min-visible-fraction', '1.5'], 2, 'E_USAGE: Expected a number in [0, 1] for --min-visible-fraction but received 1.5'],
    [['--crop-rule', 'mine'], 2, 'E_USAGE'],
    [['--jpeg-quality', '0'], 2, 'E_USAGE: Expected an integer from 1 to 100 for --jpeg-quality but received 0'],
  ])('refuses %j', async (extra, code, message) => {
    const run = await cli(['dataset', '--render', 'render', '--characters', 'characters', '--out', 'dataset', ...extra]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });

  it('names a missing input by its flag', async () => {
    const run = await cli(['dataset', '--render', 'render', '--render', 'elsewhere', '--characters', 'characters', '--out', 'dataset']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('E_INPUT_MISSING: no such file or folder: /work/elsewhere (--render)\n');
  });
});
