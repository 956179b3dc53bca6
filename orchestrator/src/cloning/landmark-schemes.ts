/**
 * What each landmark of the ClonedPerson scheme is, by name, so garments can be carried from one
 * category's landmark layout to another's (category-substitutes.ts). "Right" and "left" are the
 * person's (a front view shows the person's right on the image's left).
 *
 * Sources: the tops, vests, shorts, trousers and skirts follow the bundled catalog's derivation
 * (garments/top-landmarks.ts, garments/bottom-landmarks.ts) and the authors' sample garment list;
 * the dresses are read off the part groups of the authors' model.csv (short-sleeve dress rows
 * 109-114, vest dress rows 115-139: sleeves "1 20 21 22" and "5 8 7 6", halves "1 2 3 11 12 14
 * 16" and "4 5 6 8 10 11 3"), and the derived midpoint of short-sleeve dress landmarks 10 and 18
 * (garment-categories.ts) is taken as the waist centre; which of a dress's side points is the
 * waist and which the hip is our reading, not the authors' word.
 *
 * Categories without a scheme of their own (3 and 4 outwear, 6 sling, 11 long-sleeve dress, 13
 * sling dress) are read in the scheme of the category they look like ({@link schemeCategory}):
 * outwear like the top with the same sleeves, a sling like a vest, a long-sleeve dress like a
 * short-sleeve dress whose cuff landmarks mark wherever its sleeves end, a sling dress like a
 * vest dress.
 */
import { DERIVED_LANDMARKS } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';

const NECK = ['rightShoulder', 'neckRight', 'neckCentre', 'neckLeft', 'leftShoulder'] as const;

const SHORT_SLEEVE_TOP = [
  ...NECK, 'leftCuffOuter', 'leftCuffInner', 'leftArmpit', 'leftWaist', 'leftHem',
  'rightHem', 'rightWaist', 'rightArmpit', 'rightCuffInner', 'rightCuffOuter',
] as const;

const LONG_SLEEVE_TOP = [
  ...NECK, 'leftElbowOuter', 'leftCuffOuter', 'leftCuffInner', 'leftElbowInner', 'leftArmpit', 'leftWaist', 'leftHem',
  'rightHem', 'rightWaist', 'rightArmpit', 'rightElbowInner', 'rightCuffInner', 'rightCuffOuter', 'rightElbowOuter',
] as const;

const VEST = [...NECK, 'leftArmpit', 'leftWaist', 'leftHem', 'rightHem', 'rightWaist', 'rightArmpit'] as const;

const SHORTS = [
  'rightWaist', 'waistCentre', 'leftWaist', 'leftSide', 'leftHemOuter', 'leftHemInner', 'crotch', 'rightHemInner', 'rightHemOuter', 'rightSide',
] as const;

const TROUSERS = [
  'rightWaist', 'waistCentre', 'leftWaist', 'leftSide', 'leftKneeOuter', 'leftHemOuter', 'leftHemInner', 'leftKneeInner',
  'crotch', 'rightKneeInner', 'rightHemInner', 'rightHemOuter', 'rightKneeOuter', 'rightSide',
] as const;

const SKIRT = ['rightWaist', 'leftWaist', 'leftSide', 'leftHem', 'hemCentre', 'rightHem', 'rightSide'] as const;

const SHORT_SLEEVE_DRESS = [
  ...NECK, 'leftCuffOuter', 'leftCuffInner', 'leftArmpit', 'leftSideUpper', 'leftWaist', 'leftHip', 'leftSideLower', 'leftHem',
  'hemCentre', 'rightHem', 'rightSideLower', 'rightHip', 'rightWaist', 'rightSideUpper', 'rightArmpit', 'rightCuffInner', 'rightCuffOuter',
] as const;

const VEST_DRESS = [
  ...NECK, 'leftArmpit', 'leftWaist', 'leftHip', 'leftSideLower', 'leftHem', 'hemCentre', 'rightHem', 'rightSideLower', 'rightHip', 'rightWaist', 'rightArmpit',
] as const;

/** The categories that have a scheme of their own, with its landmark names in order. */
const SCHEMES: Partial<Record<GarmentCategory, readonly string[]>> = {
  1: SHORT_SLEEVE_TOP,
  2: LONG_SLEEVE_TOP,
  5: VEST,
  7: SHORTS,
  8: TROUSERS,
  9: SKIRT,
  10: SHORT_SLEEVE_DRESS,
  12: VEST_DRESS,
};

/** The category whose scheme a category's landmarks are read in (see the module doc). */
export function schemeCategory(category: GarmentCategory): GarmentCategory {
  const twin: Partial<Record<GarmentCategory, GarmentCategory>> = { 3: 1, 4: 2, 6: 5, 11: 10, 13: 12 };
  return twin[category] ?? category;
}

/** Names of the detected landmarks of a category, in scheme order (1-based index = position + 1). */
export function landmarkNames(category: GarmentCategory): readonly string[] {
  return SCHEMES[schemeCategory(category)]!;
}

/** Names of a derived landmark (garment-categories.ts), by category. */
const DERIVED_NAMES: Partial<Record<GarmentCategory, string>> = { 2: 'hemCentre', 9: 'waistCentre', 10: 'waistCentre' };

/**
 * Names of the extended landmark list templates index into: the detected ones plus the derived
 * midpoint where the category has one. Only a category with its own scheme derives a point
 * (extendLandmarks does the same), so a long-sleeve dress read as a short-sleeve dress has none.
 */
export function extendedLandmarkNames(category: GarmentCategory): readonly string[] {
  const names = landmarkNames(category);
  const derived = DERIVED_NAMES[category];
  return derived && DERIVED_LANDMARKS[category] ? [...names, derived] : names;
}
