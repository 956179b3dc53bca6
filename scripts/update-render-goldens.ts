/**
 * Rewrites the renderer's golden images (test/golden/render/*.png) from the current renderer.
 * Run only after a deliberate change to the renderer, then LOOK at every image before committing.
 *   npx tsx scripts/update-render-goldens.ts
 */
import path from 'node:path';
import { writePng } from '../orchestrator/src/imaging/image-io.js';
import { GOLDEN_CASES, GOLDEN_DIR } from '../test/helpers/render-scenes.js';

for (const [name, render] of Object.entries(GOLDEN_CASES)) {
  const { image } = await render();
  const file = path.join(GOLDEN_DIR, `${name}.png`);
  await writePng(file, image, 9);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
