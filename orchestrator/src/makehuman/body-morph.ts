/**
 * The body for a set of macro slider values: the base mesh plus its macro targets, each scaled
 * by the weight MakeHuman's rules give it (macro-modifiers.ts), and its height as MakeHuman
 * measures it. Positions are in MakeHuman units (decimetres, y up, facing +z), all vertices
 * (helpers and joint cubes included, which the skeleton needs).
 */
import { macroTargetWeights } from './macro-modifiers.js';
import type { MacroValues } from './macro-modifiers.js';
import type { MakeHumanAssets } from './makehuman-assets.js';
import type { ObjMesh } from './obj-parser.js';
import { applyTarget } from './target-parser.js';

/** Body positions (decimetres) for the macro values: base + weighted macro targets. */
export async function morphBody(assets: MakeHumanAssets, macro: MacroValues): Promise<Float32Array> {
  const base = await assets.baseMesh();
  const positions = base.positions.slice();
  for (const { path, weight } of macroTargetWeights(await assets.targetCatalog(), macro)) {
    applyTarget(positions, await assets.target(path), weight);
  }
  return positions;
}

/** Height as MakeHuman measures it: the y extent of the `body` group, decimetres x 10 = centimetres. */
export function bodyHeightCm(base: ObjMesh, positions: Float32Array): number {
  const bodyGroup = base.groupNames.indexOf('body');
  let min = Infinity;
  let max = -Infinity;
  for (let f = 0; f < base.faceSizes.length; f++) {
    if (base.faceGroups[f] !== bodyGroup) continue;
    for (let c = 0; c < base.faceSizes[f]; c++) {
      const y = positions[base.faceVerts[f * 4 + c] * 3 + 1];
      if (y < min) min = y;
      if (y > max) max = y;
    }
  }
  return (max - min) * 10;
}
