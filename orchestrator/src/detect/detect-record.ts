/**
 * The detect stage's completion record per photo, `records/<outfit id>.json`: the photo's
 * detection lines and the input key they were made under (shared/input-key.ts: photo bytes,
 * options, model fingerprints, the photo's annotation). Written last for its photo, after the
 * crops; `detections.jsonl` is assembled from the records at the end of a run. Only the detect
 * stage reads it, so it is not a stage contract; its lines are checked against the detections
 * contract when read, and a record that does not parse is simply redone.
 */
import { DETECTION_LINE_CONTRACT } from '../contracts/detections.js';
import type { DetectionLine } from '../contracts/detections.js';
import { outfitIdForImage } from '../contracts/outfit-id.js';

export interface DetectRecord {
  formatVersion: 1;
  image: string;
  inputKey: string;
  lines: DetectionLine[];
}

/** The record of a photo, relative to the detect folder. */
export function detectRecordPath(image: string): string {
  return `records/${outfitIdForImage(image)}.json`;
}

/** The folder of a photo's person crops, relative to the detect folder. */
export function cropsDir(image: string): string {
  return `crops/${outfitIdForImage(image)}`;
}

/** Person `index` (0-based) of a photo's crop, relative to the detect folder. */
export function cropPath(image: string, index: number): string {
  return `${cropsDir(image)}/${index + 1}.jpg`;
}

/** The overlay picture of a photo (`--overlays`), relative to the detect folder. */
export function overlayPath(image: string): string {
  return `overlays/${outfitIdForImage(image)}.jpg`;
}

export function formatDetectRecord(record: DetectRecord): string {
  return `${JSON.stringify(record, null, 1)}\n`;
}

/** The record in `bytes`, or undefined when it is not a readable record. */
export function parseDetectRecord(bytes: Uint8Array | string, where: string): DetectRecord | undefined {
  try {
    const value = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes)) as Partial<DetectRecord>;
    if (value.formatVersion !== 1 || typeof value.inputKey !== 'string' || typeof value.image !== 'string' || !Array.isArray(value.lines)) return undefined;
    const lines = value.lines.map((line, i) => DETECTION_LINE_CONTRACT.parseLine(JSON.stringify(line), where, i + 1));
    return { formatVersion: 1, image: value.image, inputKey: value.inputKey, lines };
  } catch {
    return undefined;
  }
}
