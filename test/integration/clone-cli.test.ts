import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readImage, writePng } from '../../orchestrator/src/imaging/image-io.js';
import { OFFICIAL, describeWithAssets } from '../helpers/assets.js';
import { runCliCaptured } from '../helpers/cli.js';
import { RECT_TROUSERS_LANDMARKS, rectGarmentPhoto, rectTrousersTemplate } from '../helpers/garment-fixtures.js';
import { textureSignature } from '../helpers/texture-signature.js';

const SOURCE = path.join(OFFICIAL, 'pipeline/5characters');

interface GoldenTexture {
  templateId: string;
  cellBoxes: number[][];
  homographies: number[][];
  signature: number[];
}

describeWithAssets('clonedperson clone on the authors\' samples (golden)', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof runCliCaptured>>;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'cp-clone-golden-'));
    run = await runCliCaptured([
      'clone',
      '--garments', path.join(SOURCE, 'Source/example.csv'),
      '--catalog', path.join(SOURCE, 'Resources/model.csv'),
      '--out', out,
      '--seed', '7',
      '--size-px', '256',
      '--steps',
    ]);
  });

  it('clones all three outfits', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/clone: 3 outfits: 3 cloned \(\d+ textures\), 0 up to date, 0 failed/);
  });

  it('matches the reviewed golden record: same templates and cells, textures within tolerance', async () => {
    // tolerance: homography entries to 1e-6 relative; 16x16 mean-colour signature within 3 levels
    // for 99% of values and 12 for all (PNG/JPEG decoders and float rounding may differ slightly)
    const golden = JSON.parse(await readFile(new URL('../golden/clone-authors.json', import.meta.url), 'utf8')) as {
      outfits: Record<string, GoldenTexture[]>;
    };
    const files = (await readdir(path.join(out, 'outfits'))).sort();
    expect(files.map((f) => f.replace(/\.json$/, ''))).toEqual(Object.keys(golden.outfits).sort());
    for (const file of files) {
      const record = JSON.parse(await readFile(path.join(out, 'outfits', file), 'utf8')) as {
        outfitId: string;
        textures: { file: string; templateId: string; cells: { cellBox: number[] }[]; parts: { homography: number[] }[] }[];
      };
      const expected = golden.outfits[record.outfitId];
      expect(record.textures.map((t) => t.templateId)).toEqual(expected.map((t) => t.templateId));
      for (const [i, texture] of record.textures.entries()) {
        expect(texture.cells.map((c) => c.cellBox)).toEqual(expected[i].cellBoxes);
        texture.parts.forEach((part, p) =>
          part.homography.forEach((v, k) => expect(Math.abs(v - expected[i].homographies[p][k])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)))),
        );
        const signature = textureSignature(await readImage(path.join(out, texture.file)));
        const differences = signature.map((v, k) => Math.abs(v - expected[i].signature[k]));
        expect(Math.max(...differences)).toBeLessThanOrEqual(12);
        expect(differences.filter((d) => d > 3).length).toBeLessThanOrEqual(Math.floor(0.01 * differences.length));
      }
    }
  });

  it('writes the intermediate images with --steps', async () => {
    const outfits = await readdir(path.join(out, 'steps'));
    expect(outfits).toHaveLength(3);
    const steps = await readdir(path.join(out, 'steps', outfits[0]));
    expect(steps.some((s) => s.endsWith('garment0-cell-box.png'))).toBe(true);
    expect(steps.some((s) => s.endsWith('garment0-tiling.png'))).toBe(true);
  });

  it('resumes: a second run redoes nothing, --force redoes everything', async () => {
    const args = ['clone', '--garments', path.join(SOURCE, 'Source/example.csv'), '--catalog', path.join(SOURCE, 'Resources/model.csv'), '--out', out, '--seed', '7', '--size-px', '256', '--steps'];
    const again = await runCliCaptured(args);
    expect(again.stdout).toMatch(/0 cloned \(0 textures\), 3 up to date/);
    const forced = await runCliCaptured([...args, '--force']);
    expect(forced.stdout).toMatch(/3 cloned/);
    // a different seed is a different input: outfits whose template choice changes are redone
    const reseeded = await runCliCaptured(args.map((a) => (a === '7' ? '8' : a)));
    expect(reseeded.stdout).toMatch(/3 cloned/);
  });
});

describe('clonedperson clone with bad input', () => {
  let dir: string;
  const trousers = RECT_TROUSERS_LANDMARKS;
  const template = rectTrousersTemplate();
  const broken = { ...template, id: 'broken', parts: [{ garment: 0, landmarks: [1, 5, 8], uv: [1, 2, 3, 4] }] };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-clone-bad-'));
    const photo = rectGarmentPhoto();
    await writePng(path.join(dir, 'images/ok.png'), photo);
    await writePng(path.join(dir, 'images/other.png'), photo);
    await writeFile(path.join(dir, 'images/corrupt.png'), 'this is not a png');
    await writeFile(path.join(dir, 'catalog/rect-trousers.json'), JSON.stringify(template)).catch(async () => {
      await (await import('node:fs/promises')).mkdir(path.join(dir, 'catalog'));
      await writeFile(path.join(dir, 'catalog/rect-trousers.json'), JSON.stringify(template));
    });
    await writeFile(path.join(dir, 'catalog/broken.json'), JSON.stringify(broken));
    const line = (image: string, landmarks: unknown, extra: Record<string, unknown> = {}): string =>
      JSON.stringify({ image, category: 8, landmarks, ...extra });
    const collinear = trousers.map(([x], i) => [x, 100 + (i % 3 === 0 ? 0 : 0)]);
    const outside = trousers.map(([x, y], i) => (i === 2 ? [-1, y] : [x, y]));
    await writeFile(
      path.join(dir, 'garments.jsonl'),
      [
        line('ok.png', trousers),
        line('missing.png', trousers),
        line('corrupt.png', trousers),
        line('few.png', trousers.slice(0, 3)),
        line('flat.png', collinear),
        line('outside.png', outside),
        JSON.stringify({ image: 'unknown.png', category: 99, landmarks: trousers }),
        line('other.png', trousers, { template: 'broken' }),
        line('../escape.png', trousers),
        '{oops',
      ].join('\n'),
    );
    // images the per-garment checks need to read exist (they fail on their landmarks, not on the file)
    for (const name of ['few.png', 'flat.png', 'outside.png', 'unknown.png']) await writePng(path.join(dir, 'images', name), photo);
  });

  it('reports every bad item with its code, clones the good one, and exits 1', async () => {
    const out = path.join(dir, 'out');
    const run = await runCliCaptured(['clone', '--garments', path.join(dir, 'garments.jsonl'), '--images', path.join(dir, 'images'), '--catalog', path.join(dir, 'catalog'), '--out', out, '--size-px', '128']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/E_ITEMS_FAILED: 9 item\(s\) failed/);
    expect(run.stderr).toMatch(/template broken is not usable: part 1 pairs 3 landmarks with 4 UV keypoints/);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as {
      cloned: number;
      failed: { image?: string; where?: string; code: string; message: string }[];
    };
    expect(summary.cloned).toBe(1);
    const byImage = Object.fromEntries(summary.failed.map((f) => [f.image ?? f.where, f.code]));
    expect(byImage).toEqual({
      [`${path.join(dir, 'garments.jsonl')}:10`]: 'E_GARMENTS_INVALID',
      'missing.png': 'E_IMAGE_MISSING',
      'corrupt.png': 'E_IMAGE_DECODE',
      'few.png': 'E_BAD_LANDMARKS',
      'flat.png': 'E_DEGENERATE_HOMOGRAPHY',
      'outside.png': 'E_LANDMARKS_OUTSIDE',
      'unknown.png': 'E_UNKNOWN_CATEGORY',
      'other.png': 'E_TEMPLATE_GROUPS',
      '../escape.png': 'E_ARGUMENT',
    });
    expect(run.stdout).toContain('outside.png: E_LANDMARKS_OUTSIDE: garment 1 (trousers) landmark 3 at (-1, 100) lies outside the 200x400 image (-1 usually marks an undetected landmark)');
    // nothing is written for failed outfits
    expect(await readdir(path.join(out, 'outfits'))).toEqual(['ok.png.json']);
    expect(await readdir(path.join(out, 'textures'))).toEqual(['ok.png']);
  });

  it('refuses a missing catalog or garment list with a clear error', async () => {
    const noCatalog = await runCliCaptured(['clone', '--garments', path.join(dir, 'garments.jsonl'), '--catalog', path.join(dir, 'nope'), '--out', path.join(dir, 'o2')]);
    expect(noCatalog.code).toBe(3);
    expect(noCatalog.stderr).toBe(`E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'nope')} (--catalog)\n`);
    const noList = await runCliCaptured(['clone', '--garments', path.join(dir, 'nope.jsonl'), '--catalog', path.join(dir, 'catalog'), '--out', path.join(dir, 'o3')]);
    expect(noList.code).toBe(3);
    expect(noList.stderr).toBe(`E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'nope.jsonl')} (--garments)\n`);
    const usage = await runCliCaptured(['clone', '--garments', 'x.jsonl']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('E_USAGE: Expected a value for --out but received nothing\n');
  });
});
