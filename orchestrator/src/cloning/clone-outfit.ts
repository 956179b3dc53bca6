/**
 * The whole per-outfit operation, without file I/O: check the garments against the photo,
 * choose templates (seeded by the run seed and the outfit id), and clone one texture per
 * template.
 */
import type { HomographyOptions } from '../geometry/homography.js';
import type { RawImage } from '../imaging/raw-image.js';
import { ClonedPersonError } from '../shared/errors.js';
import { createRandom, DEFAULT_SEED, deriveSeed } from '../shared/random.js';
import type { GarmentCatalog } from './catalog.js';
import { chooseTemplates } from './choose-templates.js';
import type { TemplateAssignment } from './choose-templates.js';
import { cloneTexture } from './clone-texture.js';
import type { ClonedTexture, OutfitGarment } from './clone-texture.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import { carryGarment, restrictTemplate, substitutionSuffix } from './garment-substitution.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';
import { CLONEDPERSON_LANDMARK_COUNTS, DEEPFASHION2_CATEGORIES, garmentRole } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';

export interface CloneOptions {
  /** Side of the square output textures in pixels (default 1024). */
  sizePx: number;
  /** Run seed; template choices derive from it and the outfit id (default 0). */
  seed: number;
  /** Levenberg-Marquardt refinement of the part homographies (default true). */
  refine: boolean;
  /** Return intermediate images (default false). */
  steps: boolean;
  /**
   * Dress garments the catalog has no template of their category for by the nearest templates
   * (category-substitutes.ts); false keeps the authors' rule (E_NO_TEMPLATE). Default true.
   */
  nearestTemplates: boolean;
}

export const CLONE_DEFAULTS: CloneOptions = { sizePx: 1024, seed: DEFAULT_SEED, refine: true, steps: false, nearestTemplates: true };

export interface OutfitGarmentInput extends OutfitGarment {
  /** Template id this garment is pinned to, if any. */
  template?: string;
}

export interface ClonedOutfit {
  outfitId: string;
  assignments: TemplateAssignment[];
  textures: (ClonedTexture & { garments: number[] })[];
}

function categoryLabel(category: GarmentCategory): string {
  return `${category} (${DEEPFASHION2_CATEGORIES[category]})`;
}

/**
 * Checks that the garments form an outfit (at most one top and one bottom, or one dress alone)
 * and that each garment's landmarks fit its category and lie inside the photo. Throws
 * E_GARMENTS_INVALID, E_BAD_LANDMARKS or E_LANDMARKS_OUTSIDE.
 */
function checkOutfitGarments(garments: readonly OutfitGarmentInput[], photo: Pick<RawImage, 'width' | 'height'>): void {
  if (garments.length === 0) throw new ClonedPersonError('E_GARMENTS_INVALID', 'the outfit has no garments');
  const roles = garments.map((g) => garmentRole(g.category));
  const count = (role: string): number => roles.filter((r) => r === role).length;
  if (count('dress') > 1 || (count('dress') === 1 && garments.length > 1) || count('top') > 1 || count('bottom') > 1) {
    throw new ClonedPersonError(
      'E_GARMENTS_INVALID',
      `an outfit is one top and/or one bottom, or one dress; got ${garments.map((g) => categoryLabel(g.category)).join(', ')}`,
    );
  }
  garments.forEach((garment, index) => {
    const expected = CLONEDPERSON_LANDMARK_COUNTS[garment.category];
    const name = `garment ${index + 1} (${DEEPFASHION2_CATEGORIES[garment.category]})`;
    if (expected !== undefined && garment.landmarks.length !== expected) {
      throw new ClonedPersonError(
        'E_BAD_LANDMARKS',
        `${name} has ${garment.landmarks.length} landmarks; the ClonedPerson scheme has ${expected} for this category`,
        { details: { garment: index, count: garment.landmarks.length, expected } },
      );
    }
    if (garment.landmarks.length < 3) {
      throw new ClonedPersonError('E_BAD_LANDMARKS', `${name} has ${garment.landmarks.length} landmarks; an outline needs at least 3`);
    }
    garment.landmarks.forEach(([x, y], i) => {
      if (x < 0 || y < 0 || x > photo.width || y > photo.height) {
        throw new ClonedPersonError(
          'E_LANDMARKS_OUTSIDE',
          `${name} landmark ${i + 1} at (${x}, ${y}) lies outside the ${photo.width}x${photo.height} image` +
            (x === -1 || y === -1 ? ' (-1 usually marks an undetected landmark)' : ''),
          { details: { garment: index, landmark: i + 1, x, y } },
        );
      }
    });
  });
}

/** Clones one outfit of `photo` (RGB): one texture per chosen template. */
export async function cloneOutfit(
  outfitId: string,
  photo: RawImage,
  garments: readonly OutfitGarmentInput[],
  catalog: GarmentCatalog,
  extractor: FeatureMapExtractor,
  options: Partial<CloneOptions> = {},
  homographyOptions: HomographyOptions = {},
): Promise<ClonedOutfit> {
  const settings = { ...CLONE_DEFAULTS, ...options };
  checkOutfitGarments(garments, photo);
  const random = createRandom(deriveSeed(settings.seed, outfitId));
  const assignments = chooseTemplates(garments, catalog, random, { nearest: settings.nearestTemplates });
  const textures: ClonedOutfit['textures'] = [];
  for (const assignment of assignments) {
    const { template, inputs } = dressedInputs(assignment, garments);
    const texture = await cloneTexture(photo, inputs, template, extractor, settings, homographyOptions);
    textures.push({ ...texture, garments: assignment.garments });
  }
  return { outfitId, assignments, textures };
}

/** The template and garments one texture is cloned from: as chosen, or carried to the template's categories. */
function dressedInputs(assignment: TemplateAssignment, garments: readonly OutfitGarmentInput[]): { template: GarmentTemplate; inputs: OutfitGarment[] } {
  const sources = assignment.garments.map((i) => garments[i]);
  if (!assignment.carries) return { template: assignment.template, inputs: sources };
  const carried = assignment.carries.map((carry, i) => carryGarment(sources[i], carry));
  const categories = [...new Set(sources.map((g) => g.category))];
  return {
    template: restrictTemplate(assignment.template, carried.map((c) => c.observed), substitutionSuffix(categories)),
    inputs: carried.map((c) => c.garment),
  };
}
