/**
 * `npx tsx scripts/eval-detect-ccp.ts [--out dir] [--ids 0001,0002] [--limit N] [--qualification '{"armsMargin": 0}'] [--sheets] [--figure 0004,0006] [--no-cache]`:
 * the detect stage with the built-in models on the 600 Clothing Co-Parsing photos of
 * ../shared/assets/ccp, scored against their pixel labels (test/helpers/ccp-ground-truth.ts):
 * (a) garment category accuracy of qualified people, (b) the share of each estimated landmark
 * polygon on the labelled garment, (c) the precision of the qualification. Writes report.json
 * and report.md to --out (default out/eval-detect-ccp), with --sheets contact sheets of the
 * detections drawn over the photos, and with --figure the README's picture of the given photos
 * (docs/images/detect/ccp-detections.jpg). Model outputs are cached in <out>/model-cache (they depend
 * only on the photo and the models), so reruns after a change to the estimate are quick.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEEPFASHION2_CATEGORIES } from '../orchestrator/src/contracts/garment-categories.js';
import type { GarmentCategory } from '../orchestrator/src/contracts/garment-categories.js';
import { DETECT_PHOTO_DEFAULTS } from '../orchestrator/src/detect/detect-photo.js';
import type { DetectPhotoOptions } from '../orchestrator/src/detect/detect-photo.js';
import { drawDetections } from '../orchestrator/src/detect/detection-overlay.js';
import { loadBuiltinPersonModels } from '../orchestrator/src/detect/models/person-models.js';
import { encodeJpeg } from '../orchestrator/src/imaging/image-io.js';
import { createRawImage, pasteImage } from '../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../orchestrator/src/imaging/raw-image.js';
import { resizeLanczos } from '../orchestrator/src/imaging/resize.js';
import { CCP_DIR, ccpMetrics, evaluateCcpPhoto, readCcpPhoto } from '../test/helpers/ccp-evaluation.js';
import type { CcpMetrics, CcpPhotoResult } from '../test/helpers/ccp-evaluation.js';
import { REPO_ROOT } from '../test/helpers/asset-paths.js';
import { cachedPersonModels } from '../test/helpers/cached-person-models.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = path.resolve(flag('--out') ?? path.join(REPO_ROOT, 'out', 'eval-detect-ccp'));
const cacheDir = args.includes('--no-cache') ? undefined : path.join(outDir, 'model-cache');
const options: DetectPhotoOptions = { ...DETECT_PHOTO_DEFAULTS, qualification: { ...DETECT_PHOTO_DEFAULTS.qualification, ...(JSON.parse(flag('--qualification') ?? '{}') as object) } };

function percent(v: number): string {
  return Number.isNaN(v) ? 'n/a' : `${(100 * v).toFixed(1)}%`;
}

function name(c: GarmentCategory | string): string {
  return String(c)
    .split('+')
    .map((part) => (part === '-' ? 'none' : `${part} ${DEEPFASHION2_CATEGORIES[Number(part) as GarmentCategory] ?? ''}`.trim()))
    .join(' + ');
}

function markdown(metrics: CcpMetrics, results: readonly CcpPhotoResult[], seconds: number): string {
  const rejections: Record<string, number> = {};
  for (const r of results) for (const p of r.people) for (const reason of p.rejections) rejections[reason] = (rejections[reason] ?? 0) + 1;
  const keepProblems: Record<string, number> = {};
  for (const r of results) for (const p of r.truth?.keepProblems ?? []) keepProblems[p] = (keepProblems[p] ?? 0) + 1;
  const lines = [
    '# detect on Clothing Co-Parsing',
    '',
    `${metrics.photos} photos, ${metrics.people} people found, ${metrics.qualified} qualified (${metrics.qualifiedMatched} of them the labelled person), ${seconds.toFixed(0)} s.`,
    'Ground truth from the pixel labels (test/helpers/ccp-ground-truth.ts); built-in models, garments estimated.',
    '',
    '| measure | value | target |',
    '| --- | ---: | ---: |',
    `| (a) garment category accuracy, qualified people (${metrics.scoredOutfits} outfits) | ${percent(metrics.garmentAccuracy)} | >= 85% |`,
    `| (a) whole outfits right | ${percent(metrics.outfitAccuracy)} | |`,
    `| (b) polygon share on the labelled garment, median (${metrics.polygonSharesCount} garments) | ${metrics.polygonShareMedian.toFixed(3)} | >= 0.8 |`,
    `| (b) polygon share, 25th percentile | ${metrics.polygonShareP25.toFixed(3)} | |`,
    `| (c) qualification precision (qualified labelled people a person would keep) | ${percent(metrics.precision)} | |`,
    `| (c) qualification recall (of the ${metrics.keptByLabels} a person would keep) | ${percent(metrics.recall)} | |`,
    `| qualified people the labels do not cover (background) | ${metrics.qualifiedUnlabelled} | |`,
    `| (d) qualified people whose garments clone (bundled catalog, seeds 1-3) | ${metrics.cloned} of ${metrics.cloned + metrics.cloneErrors.length} | all |`,
    '',
    ...(metrics.cloneErrors.length > 0 ? ['## Clone failures', '', ...metrics.cloneErrors.map((e) => `- ${e}`), ''] : []),
    '## Categories (truth > estimate)',
    '',
    '| truth | estimate | people |',
    '| --- | --- | ---: |',
    ...Object.entries(metrics.confusion)
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => {
        const [t, e] = key.split('>');
        return `| ${name(t)} | ${name(e)} | ${n} |`;
      }),
    '',
    '## Rejections (all people found)',
    '',
    ...Object.entries(rejections).sort((a, b) => b[1] - a[1]).map(([reason, n]) => `- ${reason}: ${n}`),
    '',
    '## Why the labels say a person would not keep a photo',
    '',
    ...Object.entries(keepProblems).sort((a, b) => b[1] - a[1]).map(([problem, n]) => `- ${problem}: ${n}`),
    '',
  ];
  return lines.join('\n');
}

async function sheets(results: readonly CcpPhotoResult[], perSheet: number): Promise<void> {
  for (let start = 0; start < results.length; start += perSheet) {
    const batch = results.slice(start, start + perSheet);
    const tiles: RawImage[] = [];
    for (const r of batch) {
      const { photo } = await readCcpPhoto(r.id);
      const drawn = drawDetections(photo, r.people);
      tiles.push(resizeLanczos(drawn, 220, Math.round((220 * photo.height) / photo.width)));
    }
    const height = Math.max(...tiles.map((t) => t.height));
    const sheet = createRawImage(220 * tiles.length, height, 3);
    tiles.forEach((t, i) => pasteImage(sheet, t, 220 * i, 0));
    await writeFile(path.join(outDir, 'sheets', `${batch[0].id}.jpg`), await encodeJpeg(sheet, 85));
  }
}

/** One row of photos with their detections, 180 px wide each, for the README. */
async function figure(ids: readonly string[], byId: ReadonlyMap<string, CcpPhotoResult>): Promise<void> {
  const tiles: RawImage[] = [];
  for (const id of ids) {
    const { photo } = await readCcpPhoto(id);
    tiles.push(resizeLanczos(drawDetections(photo, byId.get(id)?.people ?? []), 180, Math.round((180 * photo.height) / photo.width)));
  }
  const sheet = createRawImage(180 * tiles.length, Math.max(...tiles.map((t) => t.height)), 3);
  tiles.forEach((t, i) => pasteImage(sheet, t, 180 * i, 0));
  const file = path.join(REPO_ROOT, 'docs', 'images', 'detect', 'ccp-detections.jpg');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, await encodeJpeg(sheet, 80));
}

const started = Date.now();
const all = (await readdir(path.join(CCP_DIR, 'photos'))).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)).sort();
const figureIds = flag('--figure')?.split(',') ?? [];
const ids = [...new Set([...(flag('--ids')?.split(',') ?? all.slice(0, Number(flag('--limit') ?? all.length))), ...figureIds])].sort();
const base = await loadBuiltinPersonModels({});
const models = cacheDir ? cachedPersonModels(base, cacheDir) : base;
const results: CcpPhotoResult[] = [];
try {
  for (const [i, id] of ids.entries()) {
    results.push(await evaluateCcpPhoto(id, models, options));
    if ((i + 1) % 50 === 0) process.stderr.write(`${i + 1}/${ids.length}\n`);
  }
} finally {
  await models.close();
}
const seconds = (Date.now() - started) / 1000;
const metrics = ccpMetrics(results);
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, 'report.json'), `${JSON.stringify({ metrics, results: results.map((r) => ({ ...r, people: r.people.map((p) => ({ ...p, keypoints: undefined })) })) }, null, 1)}\n`);
await writeFile(path.join(outDir, 'report.md'), markdown(metrics, results, seconds));
if (figureIds.length > 0) await figure(figureIds, new Map(results.map((r) => [r.id, r])));
if (args.includes('--sheets')) {
  await mkdir(path.join(outDir, 'sheets'), { recursive: true });
  await sheets(results, 8);
}
console.log(markdown(metrics, results, seconds));
