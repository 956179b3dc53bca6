/**
 * Contract: the outfit record `outfits/<outfit>.json`, written last for each outfit by the clone
 * stage (its presence with a matching `inputKey` means the outfit is done) and read by the
 * characters stage, which dresses a character in `textures[].model` with `textures[].file` as
 * the diffuse texture. Paths are relative to the clone folder (layout in outfit-id.ts).
 */
import { defineJsonContract } from './contract.js';
import type { GarmentCategory } from './garment-categories.js';
import type { Count, ImageBoxPx } from './selection.js';

/** One garment of the outfit as it was cloned. */
export interface OutfitGarmentRecord {
  category: GarmentCategory;
  /** Landmarks in photo pixels (ClonedPerson scheme). */
  landmarks: [number, number][];
  /** Where the garment came from in the garment list (`file:line`). */
  where?: string;
}

/** One registered part's mapping. */
export interface PartRecord {
  /**
   * 1-based part number in the template.
   * @asType integer
   * @minimum 1
   */
  part: number;
  garment: 0 | 1;
  /**
   * Photo pixels -> texture pixels, row-major 3x3, h[8] = 1.
   * @minItems 9
   * @maxItems 9
   */
  homography: number[];
  /** Reprojection RMS of the part's landmarks, texture pixels. */
  rmsPx: number;
  /** Texture pixels inside the part's UV polygon. */
  polygonPx: Count;
  /** Texture pixels this part painted. */
  paintedPx: Count;
}

/** The cloth cell found for one garment and how it was tiled. */
export interface CellRecord {
  garment: Count;
  /** The garment's landmark bounding box in photo pixels. */
  garmentBox: ImageBoxPx;
  /** The cell in photo pixels. */
  cellBox: ImageBoxPx;
  /** The winning block on the feature grid. */
  block: { row: Count; col: Count; size: Count; score: number };
  grid: { width: Count; height: Count; channels: Count };
  /** Texture area whose size sets the cell's density, [x1, y1, x2, y2] in texture pixels. */
  frontAreaPx: ImageBoxPx;
  /** The cell's size on the texture after density-preserving scaling, [width, height]. */
  cellSizePx: [number, number];
}

/** One UV texture of the outfit. */
export interface OutfitTextureRecord {
  /** The PNG, relative to the clone folder (`textures/<outfit>/<template>.png`). */
  file: string;
  templateId: string;
  /** The clothes asset it dresses (`clothes/<name>` or `<name>`). */
  model: string;
  categories: GarmentCategory[];
  /** Indices into `garments` this texture was cloned from. */
  garments: Count[];
  /** False for an irregular map (tiling only). */
  regular: boolean;
  /**
   * Side of the square texture, pixels.
   * @asType integer
   * @minimum 1
   */
  sizePx: number;
  parts: PartRecord[];
  cells: CellRecord[];
}

export interface OutfitRecord {
  formatVersion: 1;
  outfitId: string;
  /** The source image as the garment list named it. */
  image: string;
  /** Input key over everything that shaped this outfit (shared/input-key.ts). */
  inputKey: string;
  /** The feature extractor of the cell search. */
  extractor: string;
  garments: OutfitGarmentRecord[];
  /** @minItems 1 */
  textures: OutfitTextureRecord[];
}

export const OUTFIT_RECORD_CONTRACT = defineJsonContract<OutfitRecord>({
  type: 'OutfitRecord',
  formatVersion: 1,
  errorCode: 'E_OUTFIT_INVALID',
  check(record, fail) {
    record.textures.forEach((texture, i) => {
      texture.garments.forEach((g, j) => {
        if (g >= record.garments.length) fail(`/textures/${i}/garments/${j}`, `garment ${g} does not exist (the outfit has ${record.garments.length})`);
      });
      if (texture.file.startsWith('/') || texture.file.split('/').includes('..')) fail(`/textures/${i}/file`, 'must be a path inside the clone folder');
    });
  },
});
