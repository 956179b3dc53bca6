/**
 * A contact sheet of the walk cycle (docs/images/scenes/walk-cycle.png): a MakeHuman character
 * (bench-results/render-characters, made by `npm run bench -- render`, or the box test figure)
 * seen from the side at 8 phases of the cycle, one row per speed, plus a front row. The camera
 * follows the body; the ground marks (every 10 cm) move back by the distance walked, so a
 * planted foot stays on its mark from frame to frame.
 *   npx tsx scripts/make-walk-contact-sheet.ts [character.glb] [out.png]
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawLine } from '../orchestrator/src/imaging/draw.js';
import { writePng } from '../orchestrator/src/imaging/image-io.js';
import { createRawImage, pasteImage } from '../orchestrator/src/imaging/raw-image.js';
import { gaitSeed, walkCycleLengthM } from '../orchestrator/src/pose/walk-pose.js';
import { createOrthographicCamera } from '../orchestrator/src/render/camera.js';
import { parseCharacterGlb } from '../orchestrator/src/render/character-loader.js';
import { createRenderEnvironment } from '../orchestrator/src/render/environment.js';
import { createPoseBuffers, posePerson } from '../orchestrator/src/render/pose-person.js';
import { renderView } from '../orchestrator/src/render/scene-view.js';
import { buildSkinnedFigureGlb } from '../test/helpers/gltf-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? path.join(ROOT, 'bench-results/render-characters/mh0.glb');
const out = process.argv[3] ?? path.join(ROOT, 'docs/images/scenes/walk-cycle.png');
const bytes = existsSync(input) ? new Uint8Array(await readFile(input)) : await buildSkinnedFigureGlb();
const model = await parseCharacterGlb(bytes, 'walker');
const seed = gaitSeed('walker');
const environment = createRenderEnvironment({
  ground: { color: [0.8, 0.8, 0.8], tileM: 1, halfSizeM: 50 },
  background: { zenithColor: [0.93, 0.94, 0.96], horizonColor: [0.93, 0.94, 0.96] },
  lighting: { ambient: [0.5, 0.5, 0.5], sunDirection: [-0.3, -1, -0.6], sunColor: [0.55, 0.55, 0.55] },
});
const CELL = { widthPx: 150, heightPx: 230 };
const PHASES = 8;
const rows: { speedMps: number; view: 'side' | 'front' }[] = [
  { speedMps: 0, view: 'side' },
  { speedMps: 0.7, view: 'side' },
  { speedMps: 1.1, view: 'side' },
  { speedMps: 1.5, view: 'side' },
  { speedMps: 1.3, view: 'front' },
];
const sheet = createRawImage(CELL.widthPx * PHASES, CELL.heightPx * rows.length, 3);
const buffers = createPoseBuffers(model);
for (const [r, row] of rows.entries()) {
  const cycleM = walkCycleLengthM(model.skeleton, row.speedMps, seed);
  for (let c = 0; c < PHASES; c++) {
    const phase = c / PHASES;
    const walkedM = phase * cycleM;
    const person = posePerson(model, { positionM: [0, 0, 0], headingDeg: 0, walkPhase: phase, speedMps: row.speedMps, personSeed: seed }, 1, buffers);
    const camera =
      row.view === 'side'
        ? createOrthographicCamera({ positionM: [6, 0.95, 0], lookAtM: [0, 0.95, 0], halfHeightM: 1.05, aspect: CELL.widthPx / CELL.heightPx })
        : createOrthographicCamera({ positionM: [0, 0.95, 6], lookAtM: [0, 0.95, 0], halfHeightM: 1.05, aspect: CELL.widthPx / CELL.heightPx });
    const { image } = renderView(environment, [person], camera, { ...CELL, samplesPerPixel: 2, shadows: false, annotations: false });
    // Ground marks every 10 cm, fixed to the ground: the body has walked `walkedM` towards -x in the image.
    const pxPerM = CELL.heightPx / 2.1;
    const groundY = Math.round(CELL.heightPx / 2 + 0.95 * pxPerM);
    drawLine(image, [0, groundY], [CELL.widthPx, groundY], [90, 90, 90]);
    if (row.view === 'side') {
      for (let k = -30; k <= 30; k++) {
        const x = CELL.widthPx / 2 + (k * 0.1 + (walkedM % 0.1)) * pxPerM;
        drawLine(image, [x, groundY], [x, groundY + (k % 5 === 0 ? 7 : 4)], [90, 90, 90]);
      }
    }
    pasteImage(sheet, image, c * CELL.widthPx, r * CELL.heightPx);
  }
}
await writePng(out, sheet, 9);
console.log(`wrote ${path.relative(process.cwd(), out)}: rows ${rows.map((r) => `${r.view} ${r.speedMps} m/s`).join(', ')}; columns phases 0, 1/8, ... 7/8`);
