/**
 * The character the preview golden images show (docs/images/characters/preview-*.png): identity 3
 * of a run with seed 1 drawn by the paper's body rules (a woman), in female_casualsuit02 with its
 * own texture, rigged with cmu_mb. Shared by the golden test and scripts/update-character-previews.ts.
 */
import path from 'node:path';
import { ACCESSORY_DEFAULTS, drawBody } from '../../orchestrator/src/characters/body-generator.js';
import { assembleCharacter } from '../../orchestrator/src/characters/character-assembly.js';
import { renderCharacterPreviews } from '../../orchestrator/src/characters/character-preview.js';
import { solveHeightSlider } from '../../orchestrator/src/characters/character-height.js';
import { writeCharacterGlb } from '../../orchestrator/src/characters/gltf-writer.js';
import { MakeHumanData } from '../../orchestrator/src/characters/makehuman-data.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { createRandom, deriveSeed } from '../../orchestrator/src/shared/random.js';
import { MAKEHUMAN_DATA, REPO_ROOT, SHARED_ASSETS } from '../helpers/asset-paths.js';

export const PREVIEW_GOLDEN = {
  front: path.join(REPO_ROOT, 'docs', 'images', 'characters', 'preview-front.png'),
  side: path.join(REPO_ROOT, 'docs', 'images', 'characters', 'preview-side.png'),
};

export function previewData(): MakeHumanData {
  return new MakeHumanData(
    { user: [], system: [MAKEHUMAN_DATA], missing: [] },
    { targets: 'npz', targetsNpz: path.join(SHARED_ASSETS, 'makehuman', 'release-layout', 'targets.npz') },
  );
}

/** The preview character as .glb bytes and its front and side previews (256 x 512). */
export async function previewCharacter(data: MakeHumanData): Promise<{ glb: Uint8Array; front: RawImage; side: RawImage }> {
  const draw = drawBody(3, createRandom(deriveSeed(1, 'character', 3)));
  const solved = await solveHeightSlider(data, draw.macro, draw.heightCm);
  const character = await assembleCharacter(data, {
    id: 'preview',
    macro: { ...draw.macro, height: solved.slider },
    skeleton: 'cmu_mb',
    skin: draw.skin,
    eyes: ACCESSORY_DEFAULTS.eyes,
    eyeMaterial: draw.eyeMaterial!,
    eyebrows: draw.eyebrows!,
    eyelashes: ACCESSORY_DEFAULTS.eyelashes,
    hair: draw.hair!,
    clothes: [{ asset: 'female_casualsuit02' }, { asset: draw.shoes! }],
    hideFacesUnderClothes: true,
  });
  const glb = await writeCharacterGlb(character, { readTexture: (file) => data.bytes(file) });
  const views = await renderCharacterPreviews(glb, { widthPx: 256, heightPx: 512, views: ['front', 'side'] });
  return { glb, front: views.get('front')!, side: views.get('side')! };
}
