/**
 * Regenerates the bundled garment templates for the CC0 MakeHuman clothes:
 *   orchestrator/data/garments/<model>.json   (the cloning stage's catalogue)
 *   docs/images/garments/<model>.png          (review sheets: front view | UV layout)
 * from the MakeHuman data (default ../shared/assets/makehuman/data) and the hand corrections in
 * orchestrator/data/garments/derivation/corrections.json.
 *
 *   npx tsx scripts/derive-garment-templates.ts [--mh-sys-data <dir>] [model ...]
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataRoots } from '../orchestrator/src/makehuman/data-root.js';
import { bundledGarmentsDir, deriveClothesTemplates, loadCorrections } from '../orchestrator/src/garments/garment-templates.js';
import { MakeHumanData } from '../orchestrator/src/makehuman/makehuman-data.js';
import { writePng } from '../orchestrator/src/imaging/image-io.js';
import { createStreamLogger } from '../orchestrator/src/shared/logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dataFlag = args.indexOf('--mh-sys-data');
const sysData = dataFlag >= 0 ? args.splice(dataFlag, 2)[1] : path.resolve(here, '../../shared/assets/makehuman/data');
const logger = createStreamLogger({ level: 'info', write: (line) => process.stderr.write(line) });
const data = new MakeHumanData(await resolveDataRoots({ mhSysData: sysData, noOsDefaults: true, fetchedDir: '/nonexistent' }), { logger });
const garmentsDir = bundledGarmentsDir();
const reviewsDir = path.resolve(here, '../docs/images/garments');
const result = await deriveClothesTemplates(data, { ...(args.length > 0 ? { models: args } : {}), corrections: await loadCorrections(), reviewPanelPx: 480 });
for (const { model, template, review } of result.templates) {
  await writeFile(path.join(garmentsDir, `${model}.json`), `${JSON.stringify(template, null, 1)}\n`);
  await writePng(path.join(reviewsDir, `${model}.png`), review, 9);
  const notes = (template.source?.notes as string[] | undefined) ?? [];
  console.log(`${model}: categories [${template.categories.join(', ')}], ${template.uvKeypoints.length} UV keypoints, ${template.parts.length} parts${notes.length ? `; ${notes.join('; ')}` : ''}`);
}
for (const { model, reason } of result.skipped) console.log(`${model}: skipped (${reason})`);
