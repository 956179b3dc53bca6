/** Valid contract records for tests that need a stage's output without running the stage. */
import type { OutfitRecord } from '../../orchestrator/src/contracts/outfit-record.js';
import { OUTFIT_RECORD_CONTRACT } from '../../orchestrator/src/contracts/outfit-record.js';
import { outfitIdForImage, outfitTexturePath } from '../../orchestrator/src/contracts/outfit-id.js';

/** An outfit record for `image` with one texture per `{ model, file? }` (a top + trousers by default). */
export function outfitRecordFixture(image: string, textures: { model: string; file?: string }[], inputKey = 'test'): OutfitRecord {
  const outfitId = outfitIdForImage(image);
  return {
    formatVersion: 1,
    outfitId,
    image,
    inputKey,
    extractor: 'test',
    garments: [
      { category: 1, landmarks: [] },
      { category: 8, landmarks: [] },
    ],
    textures: textures.map((t) => ({
      file: t.file ?? outfitTexturePath(outfitId, t.model),
      templateId: t.model,
      model: t.model,
      categories: [1, 8],
      garments: [0, 1],
      regular: false,
      sizePx: 128,
      parts: [],
      cells: [],
    })),
  };
}

/** The record's file text. */
export function outfitRecordText(record: OutfitRecord): string {
  return OUTFIT_RECORD_CONTRACT.format(record);
}
