/**
 * The character the preview golden images show (docs/images/characters/preview-*.png): identity 3
 * of a run with seed 1 drawn by the paper's body rules (a woman), in female_casualsuit02 with its
 * own texture, rigged with cmu_mb. Shared by the golden test and scripts/update-character-previews.ts.
 */
import path from 'node:path';
import { assembleCharacter } from '../../orchestrator/src/characters/character-assembly.js';
import { renderCharacterPreviews } from '../../orchestrator/src/characters/character-preview.js';
import { writeCharacterGlb } from '../../orchestrator/src/characters/gltf-writer.js';
import { MakeHumanData } from '../../orchestrator/src/makehuman/makehuman-data.js';
import { randomCharacterSpec } from '../../orchestrator/src/characters/random-character.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
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
  const { spec } = await randomCharacterSpec(data, {
    id: 'preview',
    identity: 3,
    seed: 1,
    skeleton: 'cmu_mb',
    clothes: [{ asset: 'female_casualsuit02' }],
  });
  const character = await assembleCharacter(data, spec);
  const glb = await writeCharacterGlb(character, { readTexture: (file) => data.bytes(file) });
  const views = await renderCharacterPreviews(glb, { widthPx: 256, heightPx: 512, views: ['front', 'side'] });
  return { glb, front: views.get('front')!, side: views.get('side')! };
}
