/**
 * Example frames of the bundled scenes (docs/images/scenes/<scene>.jpg): renders the first
 * sweep variant of each scene with the embedded player and 8 MakeHuman characters
 * (bench-results/render-characters, made by `npm run bench -- render`, or CLONEDPERSON_BENCH_CHARACTERS),
 * a few steps one second apart, and puts the cameras of the last step side by side (2 per row,
 * 640 px wide each, camera looks applied). Prints per scene and camera the median height of the
 * visible and of the whole (amodal) person boxes, in pixels of the camera's own resolution.
 *   npx tsx scripts/make-scene-examples.ts [scene ...]   (all bundled scenes by default)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANNOTATION_LINE_CONTRACT } from '../orchestrator/src/contracts/render-record.js';
import { decodeImage, encodeJpeg } from '../orchestrator/src/imaging/image-io.js';
import { createRawImage, pasteImage } from '../orchestrator/src/imaging/raw-image.js';
import { resizeLanczos } from '../orchestrator/src/imaging/resize.js';
import { getPlayer } from '../orchestrator/src/players/players.js';
import { renderScene } from '../orchestrator/src/render-stage/render-stage.js';
import { listBundledScenes, loadSceneSpec } from '../orchestrator/src/scene/scene-loader.js';
import { expandSceneSweep } from '../orchestrator/src/scene/scene-sweep.js';
import { createStreamLogger } from '../orchestrator/src/shared/logger.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const characters = process.env.CLONEDPERSON_BENCH_CHARACTERS ?? path.join(ROOT, 'bench-results/render-characters');
const STEPS = Number(process.env.EXAMPLE_STEPS ?? 4);
const names = process.argv.slice(2).length ? process.argv.slice(2) : await listBundledScenes();
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

for (const name of names) {
  const spec = await loadSceneSpec(name, ROOT);
  const variant = expandSceneSweep(spec)[0];
  const outDir = path.join(ROOT, 'tmp/scene-examples', variant.id);
  await renderScene({
    scene: variant.spec,
    charactersDir: characters,
    outDir,
    player: getPlayer('embedded'),
    steps: STEPS,
    fps: 1,
    encoding: 'jpeg',
    jpegQuality: 92,
    cwd: ROOT,
    logger: createStreamLogger({ level: 'warn', write: (line) => process.stderr.write(line) }),
  });
  const lines = ANNOTATION_LINE_CONTRACT.parseLines(await readFile(path.join(outDir, 'annotations.jsonl'), 'utf8'), 'annotations.jsonl').flatMap((l) => (l.value ? [l.value] : []));
  const step = STEPS - 1;
  const tileW = 640;
  const tiles = [];
  for (const camera of variant.spec.cameras) {
    const frame = await decodeImage(await readFile(path.join(outDir, 'frames', camera.name, `${String(step).padStart(6, '0')}.jpg`)));
    tiles.push(resizeLanczos(frame, tileW, Math.round((frame.height * tileW) / frame.width)));
    const mine = lines.filter((l) => l.camera === camera.name && l.visibleBox !== null);
    const visible = mine.map((l) => l.visibleBox![3] - l.visibleBox![1]);
    const amodal = mine.map((l) => l.amodalBox![3] - l.amodalBox![1]);
    console.log(`${variant.id} ${camera.name} ${camera.widthPx}x${camera.heightPx}: ${mine.length} person boxes, median height visible ${median(visible).toFixed(0)} px, amodal ${median(amodal).toFixed(0)} px`);
  }
  const rowH = Math.max(...tiles.map((t) => t.height));
  const rows = Math.ceil(tiles.length / 2);
  const sheet = createRawImage(tileW * 2, rowH * rows, 3);
  tiles.forEach((t, i) => pasteImage(sheet, t, (i % 2) * tileW, Math.floor(i / 2) * rowH));
  await mkdir(path.join(ROOT, 'docs/images/scenes'), { recursive: true });
  await writeFile(path.join(ROOT, 'docs/images/scenes', `${name}.jpg`), await encodeJpeg(sheet, 85));
  console.log(`wrote docs/images/scenes/${name}.jpg`);
}
