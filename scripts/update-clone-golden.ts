/**
 * Regenerates test/golden/clone-authors.json from the authors' samples in ../shared/assets.
 * Run only after looking at the new textures (out/golden-clone/textures) and agreeing they are
 * right: `npx tsx scripts/update-clone-golden.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../orchestrator/src/cloning/catalog.js';
import { cloneBatch } from '../orchestrator/src/cloning/clone-batch.js';
import { readImage } from '../orchestrator/src/imaging/image-io.js';
import { OFFICIAL, REPO_ROOT } from '../test/helpers/asset-paths.js';
import { textureSignature } from '../test/helpers/texture-signature.js';

const source = path.join(OFFICIAL, 'pipeline/5characters');
const out = path.join(REPO_ROOT, 'out/golden-clone');
const catalog = await loadCatalog(path.join(source, 'Resources/model.csv'));
await cloneBatch({ garmentsFile: path.join(source, 'Source/example.csv'), imagesDir: path.join(source, 'Source'), catalog, outDir: out, seed: 7, sizePx: 256, force: true });
const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as { outfits: number };
const golden: Record<string, unknown> = { note: 'written by scripts/update-clone-golden.ts; seed 7, 256 px', outfits: {} };
for (const file of (await import('node:fs')).readdirSync(path.join(out, 'outfits')).sort()) {
  const record = JSON.parse(await readFile(path.join(out, 'outfits', file), 'utf8')) as {
    outfitId: string;
    textures: { file: string; templateId: string; cells: { cellBox: number[] }[]; parts: { homography: number[] }[] }[];
  };
  (golden.outfits as Record<string, unknown>)[record.outfitId] = await Promise.all(
    record.textures.map(async (t) => ({
      templateId: t.templateId,
      cellBoxes: t.cells.map((c) => c.cellBox),
      homographies: t.parts.map((p) => p.homography.map((v) => Number(v.toPrecision(8)))),
      signature: textureSignature(await readImage(path.join(out, t.file))),
    })),
  );
}
await writeFile(path.join(REPO_ROOT, 'test/golden/clone-authors.json'), `${JSON.stringify(golden)}\n`);
console.log(`golden: ${summary.outfits} outfits written`);
