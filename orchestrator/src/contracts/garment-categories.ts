/**
 * Contract: garment categories and the landmark scheme that detections, garment lists, the
 * garment catalog and the clone stage share.
 *
 * Categories are DeepFashion2's 13 ids. Landmarks follow the ClonedPerson scheme: the authors'
 * per-category landmark detectors (PIPNet) predict reduced DeepFashion2 landmark sets whose
 * counts are in {@link CLONEDPERSON_LANDMARK_COUNTS}. Some categories get one derived landmark
 * appended (a midpoint of two detected ones) before templates index into them
 * ({@link DERIVED_LANDMARKS}); template indices are 1-based into the extended list.
 *
 * The authors' CSV files do not use DeepFashion2 ids but their own garment type codes
 * ({@link AUTHORS_TYPE_TO_CATEGORY}); found in their clothes-detection script, which maps
 * detector labels to these codes and landmark counts.
 */
import { ClonedPersonError } from '../shared/errors.js';

export const DEEPFASHION2_CATEGORIES = {
  1: 'short_sleeve_top',
  2: 'long_sleeve_top',
  3: 'short_sleeve_outwear',
  4: 'long_sleeve_outwear',
  5: 'vest',
  6: 'sling',
  7: 'shorts',
  8: 'trousers',
  9: 'skirt',
  10: 'short_sleeve_dress',
  11: 'long_sleeve_dress',
  12: 'vest_dress',
  13: 'sling_dress',
} as const satisfies Record<GarmentCategory, string>;

/** A DeepFashion2 garment category id. */
export type GarmentCategory = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;
export type GarmentCategoryName = (typeof DEEPFASHION2_CATEGORIES)[GarmentCategory];

/** Where a garment sits on the body; an outfit is a top + a bottom, or one dress. */
export type GarmentRole = 'top' | 'bottom' | 'dress';

export function garmentRole(category: GarmentCategory): GarmentRole {
  if (category <= 6) return 'top';
  if (category <= 9) return 'bottom';
  return 'dress';
}

/** Detected landmark counts per category in the ClonedPerson scheme (categories it covers). */
export const CLONEDPERSON_LANDMARK_COUNTS: Partial<Record<GarmentCategory, number>> = {
  1: 15,
  2: 19,
  5: 11,
  7: 10,
  8: 14,
  9: 7,
  10: 22,
  12: 16,
};

/**
 * Landmarks appended before template lookup: the midpoint of two detected landmarks (1-based).
 * The authors' code computes these for lists of 38, 14 and 44 values; for the last two (and the
 * y of the first) a misplaced parenthesis makes it `a + b / 2` instead of `(a + b) / 2`; we use
 * true midpoints.
 */
export const DERIVED_LANDMARKS: Partial<Record<GarmentCategory, readonly [number, number]>> = {
  2: [12, 13],
  9: [1, 2],
  10: [10, 18],
};

/** The authors' garment type codes (example.csv, model.csv) -> DeepFashion2 categories. */
export const AUTHORS_TYPE_TO_CATEGORY: Readonly<Record<number, GarmentCategory>> = {
  1: 2,
  2: 1,
  3: 5,
  4: 8,
  5: 7,
  8: 9,
  13: 10,
  17: 12,
};

const NAME_TO_CATEGORY = new Map<string, GarmentCategory>(
  Object.entries(DEEPFASHION2_CATEGORIES).map(([id, name]) => [name, Number(id) as GarmentCategory]),
);

export function isGarmentCategory(value: unknown): value is GarmentCategory {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 13;
}

/** Accepts a DeepFashion2 id (1-13, number or numeric string) or name (`trousers`). */
export function parseGarmentCategory(value: unknown, where = 'category'): GarmentCategory {
  if (typeof value === 'string') {
    const byName = NAME_TO_CATEGORY.get(value.trim().toLowerCase().replace(/[\s-]+/g, '_'));
    if (byName) return byName;
    if (/^\d+$/.test(value.trim())) value = Number(value.trim());
  }
  if (isGarmentCategory(value)) return value;
  throw new ClonedPersonError(
    'E_UNKNOWN_CATEGORY',
    `${where}: ${JSON.stringify(value)} is not a DeepFashion2 category (1-13 or one of ${[...NAME_TO_CATEGORY.keys()].join(', ')})`,
    { details: { value } },
  );
}

/** Maps one of the authors' type codes to a category, or throws E_UNKNOWN_CATEGORY. */
export function categoryFromAuthorsType(code: number, where = 'type'): GarmentCategory {
  const category = AUTHORS_TYPE_TO_CATEGORY[code];
  if (category === undefined) {
    throw new ClonedPersonError('E_UNKNOWN_CATEGORY', `${where}: unknown ClonedPerson garment type code ${code}`, {
      details: { code },
    });
  }
  return category;
}

/** The authors' type code of a category (inverse of {@link AUTHORS_TYPE_TO_CATEGORY}). */
export function authorsTypeOf(category: GarmentCategory): number | undefined {
  for (const [code, c] of Object.entries(AUTHORS_TYPE_TO_CATEGORY)) if (c === category) return Number(code);
  return undefined;
}

/**
 * The landmark list templates index into: the detected landmarks plus the derived ones
 * ({@link DERIVED_LANDMARKS}) when the list has the scheme's count for its category.
 */
export function extendLandmarks(
  category: GarmentCategory,
  landmarks: readonly (readonly [number, number])[],
): [number, number][] {
  const extended = landmarks.map(([x, y]) => [x, y] as [number, number]);
  const derived = DERIVED_LANDMARKS[category];
  if (derived && landmarks.length === CLONEDPERSON_LANDMARK_COUNTS[category]) {
    const a = landmarks[derived[0] - 1];
    const b = landmarks[derived[1] - 1];
    extended.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  }
  return extended;
}
