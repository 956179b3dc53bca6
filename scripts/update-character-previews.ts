/**
 * Regenerates the character preview golden images (docs/images/characters/preview-*.png) from
 * ../shared/assets. Look at them before committing: `npx tsx scripts/update-character-previews.ts`.
 */
import { writePng } from '../orchestrator/src/imaging/image-io.js';
import { PREVIEW_GOLDEN, previewCharacter, previewData } from '../test/integration/characters-preview-fixture.js';

const { front, side } = await previewCharacter(previewData());
await writePng(PREVIEW_GOLDEN.front, front, 9);
await writePng(PREVIEW_GOLDEN.side, side, 9);
console.log(`previews written: ${PREVIEW_GOLDEN.front}, ${PREVIEW_GOLDEN.side}`);
