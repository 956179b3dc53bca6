/**
 * Carrying a garment onto a template of another category (category-substitutes.ts says which and
 * how): the garment's landmarks are rewritten in the template category's scheme, landmarks the
 * source does not have are marked unobserved, and the template loses the points (and the parts
 * left with fewer than four) that would need them. The registered mapping then paints what the
 * photo shows; the rest of the UV map keeps the tiling of the garment's own cloth cell.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { CLONEDPERSON_LANDMARK_COUNTS, DERIVED_LANDMARKS, DEEPFASHION2_CATEGORIES, extendLandmarks } from '../contracts/garment-categories.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';
import { carriedIndices } from './category-substitutes.js';
import type { CarryLink } from './category-substitutes.js';
import type { OutfitGarment } from './clone-texture.js';
import { landmarkNames } from './landmark-schemes.js';

/** A garment carried to a template category. */
export interface CarriedGarment {
  /** In the template category's scheme; unobserved landmarks hold placeholders no part uses. */
  garment: OutfitGarment;
  /** Per landmark of the template category's extended list: whether the photo supplies it. */
  observed: boolean[];
}

/** How a template garment is made from an outfit garment. */
export interface Carry {
  /** The template category. */
  category: GarmentCategory;
  /** The chain from the garment's category (empty: the garment's own category). */
  links: readonly CarryLink[];
  /** No landmark carries over; only the garment's cloth is used (a suit half the outfit lacks). */
  clothOnly?: boolean;
}

function centroid(points: readonly (readonly [number, number])[]): [number, number] {
  const n = Math.max(1, points.length);
  return [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
}

/** The extended-list length a category's templates index into. */
function extendedCount(category: GarmentCategory): number {
  return landmarkNames(category).length + (DERIVED_LANDMARKS[category] && CLONEDPERSON_LANDMARK_COUNTS[category] !== undefined ? 1 : 0);
}

/**
 * Rewrites `garment` for a template of `carry.category`. A garment whose landmark count does not
 * fit its category's scheme carries no landmark (only its cloth). The own category with an empty
 * chain returns the garment unchanged.
 */
export function carryGarment(garment: OutfitGarment, carry: Carry): CarriedGarment {
  const target = carry.category;
  if (!carry.clothOnly && carry.links.length === 0 && garment.category === target) {
    return { garment, observed: new Array<boolean>(extendedCount(target)).fill(true) };
  }
  const fits = garment.landmarks.length === landmarkNames(garment.category).length;
  const source = fits ? extendLandmarks(garment.category, garment.landmarks) : [];
  const indices = carry.clothOnly || !fits ? landmarkNames(target).map(() => null) : carriedIndices(target, carry.links);
  const outline = garment.outline ?? garment.landmarks;
  const carriedOutline = indices.flatMap((i) => (i === null ? [] : [source[i - 1]]));
  const placeholder = centroid(outline);
  const landmarks = indices.map((i): [number, number] => (i === null ? [...placeholder] : [source[i - 1][0], source[i - 1][1]]));
  const observed = indices.map((i) => i !== null);
  const derived = DERIVED_LANDMARKS[target];
  if (derived && CLONEDPERSON_LANDMARK_COUNTS[target] === landmarks.length) observed.push(observed[derived[0] - 1] && observed[derived[1] - 1]);
  // the carried points outline the part of the garment the template dresses (a dress's bodice);
  // too few of them, and the cell comes from the whole garment
  return { garment: { category: target, landmarks, outline: carriedOutline.length >= 3 ? carriedOutline : outline }, observed };
}

/**
 * The template without the points its garments do not supply (`observed[g]` per template
 * garment), parts with fewer than four points left dropped; `suffix` makes its id (the texture's
 * file name) tell it apart from the original.
 */
export function restrictTemplate(template: GarmentTemplate, observed: readonly (readonly boolean[])[], suffix: string): GarmentTemplate {
  const parts = template.parts.flatMap((part) => {
    const keep = part.landmarks.map((index) => observed[part.garment]?.[index - 1] === true);
    if (keep.every(Boolean)) return [part];
    const landmarks = part.landmarks.filter((_, i) => keep[i]);
    const uv = part.uv.filter((_, i) => keep[i]);
    return landmarks.length >= 4 ? [{ garment: part.garment, landmarks, uv }] : [];
  });
  return { ...template, id: `${template.id}.${suffix}`, parts };
}

/** The id suffix of a template dressing garments of other categories, e.g. `from-vest-skirt`. */
export function substitutionSuffix(sources: readonly GarmentCategory[]): string {
  return `from-${sources.map((c) => DEEPFASHION2_CATEGORIES[c]).join('-')}`;
}
