/**
 * File-name conventions of re-ID datasets: what identity and camera a name says. Pure.
 *
 * | naming | example | camera |
 * | --- | --- | --- |
 * | `market1501` | `0001_c1s1_000151_00.jpg` (pid -1: junk, 0: distractors) | `c` |
 * | `dukemtmc` | `0005_c2_f0046985.jpg` | `c` |
 * | `cuhk03-np` | `0001_c1_1.png` | `c` |
 * | `msmt17` | `0000_000_01_0303morning_0015_0.jpg` (pid from the list file) | third field |
 * | `clonedperson` | `0003_s01_c02_f000015.jpg` | (scene, camera) |
 * | `clonedperson-market` | our `--layout market`: `0003_c2s1_000015_00.jpg` | (scene, camera) |
 *
 * Market-1501 and our market layout write the same pattern, but Market's `s` is a recording
 * sequence of one camera while ours is a scene with its own cameras, so the caller says which.
 */
import { datasetCameraKey, parseDatasetImageName } from '../contracts/dataset-record.js';

export type ImageNaming = 'market1501' | 'dukemtmc' | 'cuhk03-np' | 'msmt17' | 'clonedperson' | 'clonedperson-market';

export interface ParsedImageName {
  pid: number;
  /** The camera as a key: `c` alone, or `scene/camera` for ours. */
  camera: string;
}

const IMAGE_EXTENSION = /\.(jpe?g|png|bmp)$/i;

/** Whether a file name is an image the loaders look at. */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSION.test(name);
}

const PATTERNS: Record<Exclude<ImageNaming, 'clonedperson' | 'clonedperson-market' | 'msmt17'>, RegExp> = {
  market1501: /^(-1|\d+)_c(\d+)s(\d+)_(\d+)_(\d+)\.jpe?g$/i,
  dukemtmc: /^(\d+)_c(\d+)_f(\d+)\.jpe?g$/i,
  'cuhk03-np': /^(\d+)_c(\d+)_(\d+)\.(png|jpe?g)$/i,
};

/** What a base name says under `naming`; undefined when it does not follow it. MSMT17's pid comes from its list, so pass it. */
export function parseImageName(naming: ImageNaming, name: string, listPid?: number): ParsedImageName | undefined {
  switch (naming) {
    case 'clonedperson':
    case 'clonedperson-market': {
      const parsed = parseDatasetImageName(naming === 'clonedperson' ? 'clonedperson' : 'market', name);
      return parsed && { pid: parsed.pid, camera: datasetCameraKey(parsed.scene, parsed.camera) };
    }
    case 'msmt17': {
      const fields = name.replace(IMAGE_EXTENSION, '').split('_');
      if (fields.length < 3 || !/^\d+$/.test(fields[0]) || !/^\d+$/.test(fields[2])) return undefined;
      return { pid: listPid ?? Number(fields[0]), camera: String(Number(fields[2])) };
    }
    default: {
      const m = PATTERNS[naming].exec(name);
      return m ? { pid: Number(m[1]), camera: String(Number(m[2])) } : undefined;
    }
  }
}

/**
 * The naming most of `names` follow, among `candidates` (in order of preference on a tie);
 * undefined when none parses any.
 */
export function detectNaming(names: readonly string[], candidates: readonly ImageNaming[]): ImageNaming | undefined {
  let best: ImageNaming | undefined;
  let bestCount = 0;
  for (const naming of candidates) {
    const count = names.filter((name) => parseImageName(naming, name) !== undefined).length;
    if (count > bestCount) {
      best = naming;
      bestCount = count;
    }
  }
  return best;
}
