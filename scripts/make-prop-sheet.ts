/**
 * A sheet of the bundled procedural props (docs/images/scenes/props.png): every generator with
 * its default parameters (and the building in each style), rendered by the embedded renderer in
 * sun and shadow.
 *   npx tsx scripts/make-prop-sheet.ts [out.png]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROP_KINDS, generatePropGlb, resolvePropParameters } from '../orchestrator/src/environments/prop-generators.js';
import type { PropKind } from '../orchestrator/src/environments/prop-generators.js';
import { writePng } from '../orchestrator/src/imaging/image-io.js';
import { createRawImage, pasteImage } from '../orchestrator/src/imaging/raw-image.js';
import { createPerspectiveCamera } from '../orchestrator/src/render/camera.js';
import { createRenderEnvironment } from '../orchestrator/src/render/environment.js';
import { parsePropGlb } from '../orchestrator/src/render/prop-loader.js';
import { renderView } from '../orchestrator/src/render/scene-view.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(ROOT, 'docs/images/scenes/props.png');
const CELL = { widthPx: 320, heightPx: 240 };
const cells: { kind: PropKind; parameters: Record<string, unknown>; distanceM: number }[] = [
  ...(['shops', 'offices', 'residential', 'station'] as const).map((style) => ({ kind: 'building' as const, parameters: { style, widthM: 14, floors: 3 }, distanceM: 26 })),
  ...PROP_KINDS.filter((k) => k !== 'building').map((kind) => ({ kind, parameters: {}, distanceM: kind === 'wall' ? 14 : kind === 'tree' || kind === 'lamp-post' || kind === 'pillar' ? 9 : 5 })),
];
const columns = 4;
const sheet = createRawImage(CELL.widthPx * columns, CELL.heightPx * Math.ceil(cells.length / columns), 3);
sheet.data.fill(255);
for (const [i, cell] of cells.entries()) {
  const parameters = resolvePropParameters(cell.kind, cell.parameters, (field, message) => {
    throw new Error(`${field}: ${message}`);
  });
  const glb = await generatePropGlb(cell.kind, parameters, 7 + i);
  const prop = await parsePropGlb(glb, cell.kind, { positionM: [0, 0, 0], rotation: [0, 0, 0, 1], scale: [1, 1, 1] });
  const height = prop.boundsMax[1];
  const environment = createRenderEnvironment(
    {
      ground: { color: [0.6, 0.6, 0.58], tileM: 1, halfSizeM: 100 },
      background: { zenithColor: [0.45, 0.62, 0.88], horizonColor: [0.82, 0.87, 0.93] },
      lighting: { ambient: [0.28, 0.3, 0.34], groundAmbient: [0.12, 0.11, 0.1], sunDirection: [-0.45, -0.7, -0.55], sunColor: [0.95, 0.92, 0.85] },
    },
    {},
    [prop],
  );
  const camera = createPerspectiveCamera({
    positionM: [cell.distanceM * 0.55, Math.max(1.6, height * 0.7), cell.distanceM * 0.85],
    lookAtM: [0, height * 0.42, 0],
    fovDeg: 45,
    aspect: CELL.widthPx / CELL.heightPx,
  });
  const { image } = renderView(environment, [], camera, { ...CELL, samplesPerPixel: 2, annotations: false });
  pasteImage(sheet, image, (i % columns) * CELL.widthPx, Math.floor(i / columns) * CELL.heightPx);
  console.log(`${cell.kind} ${JSON.stringify(cell.parameters)}: ${glb.length} bytes, ${prop.primitives.reduce((a, p) => a + p.indices.length / 3, 0)} triangles`);
}
await writePng(out, sheet, 9);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
