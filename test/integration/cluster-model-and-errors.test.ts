import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeNpy, parseNpy } from '../../orchestrator/src/features/npy.js';
import { runCliCaptured } from '../helpers/cli.js';
import { reidEmbeddingModel } from '../helpers/onnx-builder.js';
import { writeSyntheticPeople } from './cluster-fixtures.js';

const DESCRIPTION = {
  formatVersion: 1,
  id: 'tiny-reid',
  kind: 'reid-embedding',
  input: { name: 'images', layout: 'NCHW', widthPx: 16, heightPx: 32, colourOrder: 'RGB', scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], resize: 'stretch' },
  outputs: { embedding: 'embedding' },
  embedding: { dim: 12, metric: 'cosine', normalize: true, eps: { plain: [0.05, 0.1], rerank: [0.3, 0.5] } },
};

async function exists(file: string): Promise<boolean> {
  try {
    await readdir(path.dirname(file)).then((names) => names.includes(path.basename(file)) || Promise.reject(new Error('no')));
    return true;
  } catch {
    return false;
  }
}

describe('clonedperson cluster with an ONNX model, and bad input', () => {
  let dir = '';
  let count = 0;
  beforeAll(async () => {
    const fixture = await writeSyntheticPeople(3, 5);
    dir = fixture.dir;
    count = fixture.images.length;
    await writeFile(path.join(dir, 'reid.onnx'), reidEmbeddingModel({ heightPx: 32, widthPx: 16, dim: 12 }));
    await writeFile(path.join(dir, 'reid.json'), JSON.stringify(DESCRIPTION));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('extracts unit-length embeddings with the described model and uses its eps pair', async () => {
    const out = path.join(dir, 'out-model');
    const run = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--model', path.join(dir, 'reid.onnx'), '--out', out, '--no-report']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/round 1 \(eps 0\.3\)/);
    const features = parseNpy(await readFile(path.join(out, 'features.npy')));
    expect(features.shape).toEqual([count, 12]);
    for (let i = 0; i < count; i++) {
      let norm = 0;
      for (let k = 0; k < 12; k++) norm += features.data[i * 12 + k] ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { model: string; eps: number[] };
    expect(summary).toMatchObject({ model: 'tiny-reid', eps: [0.3, 0.5] });
  });

  it('refuses a model that does not fit its description, writing nothing', async () => {
    const config = path.join(dir, 'wrong.json');
    await writeFile(config, JSON.stringify({ ...DESCRIPTION, input: { ...DESCRIPTION.input, heightPx: 64 } }));
    const out = path.join(dir, 'out-wrong');
    const run = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--model', path.join(dir, 'reid.onnx'), '--model-config', config, '--out', out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^E_MODEL: .*height is 32, the description says 64/m);
    expect(await exists(out)).toBe(false);
  });

  it.each([
    ['an empty image folder', (d: string) => ['--images', path.join(d, 'empty')], 3, /^E_IMAGE_LIST_INVALID: no images/m],
    ['a malformed detections file', (d: string) => ['--images', path.join(d, 'bad.jsonl')], 3, /^E_IMAGE_LIST_INVALID: .*bad\.jsonl:2/m],
    ['features with another row count', (d: string) => ['--images', path.join(d, 'images'), '--features', path.join(d, 'short.npy'), '--eps', '0.1,0.2'], 3, /^E_FEATURES_INVALID: .*rows but the image list has/m],
    ['features with NaN', (d: string) => ['--images', path.join(d, 'images'), '--features', path.join(d, 'nan.npy'), '--eps', '0.1,0.2'], 3, /^E_FEATURES_INVALID: .*non-finite/m],
    ['a zero feature row (cosine)', (d: string) => ['--images', path.join(d, 'images'), '--features', path.join(d, 'zero.npy'), '--eps', '0.1,0.2'], 3, /^E_FEATURES_INVALID: .*zero norm/m],
    ['features of another dimension than the model', (d: string) => ['--images', path.join(d, 'images'), '--features', path.join(d, 'wide.npy'), '--model-config', path.join(d, 'reid.json'), '--model', path.join(d, 'reid.onnx')], 3, /^E_FEATURES_INVALID: .*dimension 13 does not match the expected 12/m],
    ['features without eps', (d: string) => ['--images', path.join(d, 'images'), '--features', path.join(d, 'nan.npy')], 2, /^E_USAGE: Expected two positive numbers like 0\.4,0\.5 for --eps with --features/m],
    ['eps out of the cosine range', (d: string) => ['--images', path.join(d, 'images'), '--eps', '0.4,2.5', '--no-rerank'], 2, /^E_USAGE: Expected number in \(0, 2\] .* for --eps \(eps of round 2\) but received 2\.5$/m],
    ['eps at 1 - lambda with re-ranking', (d: string) => ['--images', path.join(d, 'images'), '--eps', '0.4,0.7'], 2, /^E_USAGE: .*1 - lambda.* for --eps .*but received 0\.7$/m],
    ['three eps values', (d: string) => ['--images', path.join(d, 'images'), '--eps', '0.1,0.2,0.3'], 2, /^E_USAGE: Expected two positive numbers like 0\.4,0\.5 for --eps but received "0\.1,0\.2,0\.3"$/m],
    ['a negative eps', (d: string) => ['--images', path.join(d, 'images'), '--eps=-0.1,0.2'], 2, /^E_USAGE: Expected two positive numbers like 0\.4,0\.5 for --eps but received "-0\.1,0\.2"$/m],
  ])('refuses %s with a clear error and no outputs', async (_name, args, code, message) => {
    await mkdir(path.join(dir, 'empty'), { recursive: true });
    await writeFile(path.join(dir, 'bad.jsonl'), '{"image": "images/x.png"}\n{"box": [1, 2, 3, 4]}\n');
    const row = (n: number, d: number, fill: (i: number, k: number) => number): Uint8Array => encodeNpy(Float32Array.from({ length: n * d }, (_, e) => fill(Math.floor(e / d), e % d)), [n, d]);
    await writeFile(path.join(dir, 'short.npy'), row(count - 1, 12, () => 1));
    await writeFile(path.join(dir, 'nan.npy'), row(count, 12, (i, k) => (i === 3 && k === 2 ? NaN : 1)));
    await writeFile(path.join(dir, 'zero.npy'), row(count, 12, (i) => (i === 5 ? 0 : 1)));
    await writeFile(path.join(dir, 'wide.npy'), row(count, 13, () => 1));
    const out = path.join(dir, `out-bad-${code}-${Math.random().toString(36).slice(2)}`);
    const run = await runCliCaptured(['cluster', ...args(dir), '--out', out]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(code);
    expect(await exists(out)).toBe(false);
  });

  it('calibrates eps on synthetic people and on a labelled folder', async () => {
    const synthetic = await runCliCaptured(['calibrate-eps', '--synthetic', '6', '--no-rerank', '--min-samples', '3']);
    expect(synthetic.code).toBe(0);
    expect(synthetic.stdout).toMatch(/suggested eps: \d\.\d\d,\d\.\d\d/);
    const folder = await runCliCaptured(['calibrate-eps', '--images', path.join(dir, 'images'), '--labels-from-folders', '--json-out', path.join(dir, 'calibration.json')]);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toMatch(/round 1 \(identities\)/);
    const report = JSON.parse(await readFile(path.join(dir, 'calibration.json'), 'utf8')) as { suggested: number[]; n: number };
    expect(report.n).toBe(count);
    expect(report.suggested).toHaveLength(2);
  });
});
