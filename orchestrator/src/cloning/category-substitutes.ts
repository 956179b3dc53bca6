/**
 * Nearest templates for garments the catalog has no template for: the documented mapping from
 * every DeepFashion2 category to the categories whose templates may dress it, with a cost (lower
 * is nearer) and how the garment's landmarks carry over (landmark-schemes.ts names them).
 *
 * Steps (directed; a path of steps adds their costs):
 *
 * | from | to | cost | landmarks |
 * | --- | --- | ---: | --- |
 * | 3 short-sleeve outwear, 5 vest, 6 sling | 1 short-sleeve top | 1 | same names; a vest has no sleeves, so the template's sleeves are tiled |
 * | 4 long-sleeve outwear | 2 long-sleeve top | 1 | same names |
 * | 5 vest, 6 sling | 2 long-sleeve top | 2 | same names (sleeves tiled) |
 * | 1 short-sleeve top | 2 long-sleeve top | 2 | the short cuffs become the elbows; forearms tiled |
 * | 2 long-sleeve top | 1 short-sleeve top | 2 | the elbows become the short cuffs |
 * | 7 shorts | 8 trousers | 2 | the shorts' hems become the knees; lower legs tiled |
 * | 8 trousers | 7 shorts | 2 | the knees become the hems |
 * | 9 skirt | 7 shorts / 8 trousers | 3 / 4 | the skirt's hem corners become the outer hems (knees), its front centre both inner ones; no crotch |
 * | 7 shorts / 8 trousers | 9 skirt | 3 / 4 | the outer hems (knees) become the hem corners; no front centre |
 * | 10 short-sleeve dress <-> 11 long-sleeve dress, 12 vest dress <-> 13 sling dress | | 1 | same names |
 * | 10 short-sleeve dress <-> 12 vest dress | | 2 | same names (sleeves tiled) |
 * | a dress | a top + a skirt, as one suit or a pair | 2 + the top's path from the dress's own top (1 for 10, 2 for 11, 5 for 12 and 13) | the top ends at the dress's waist, the skirt runs from the waist to the hem |
 * | a top alone | a suit of that top (or its substitute) + any bottom | 6 + the top's path | the bottom is tiled from the top's cloth cell |
 * | a bottom alone | a suit of any top + that bottom (or its substitute) | 6 + the bottom's path | the top is tiled from the bottom's cloth cell |
 *
 * With the bundled catalog (suits: short-sleeve top + trousers or shorts, long-sleeve top +
 * trousers or skirt) that makes a vest + skirt a long-sleeve top + skirt suit (cost 2), a vest +
 * shorts a short-sleeve top + shorts suit (1), a dress a long-sleeve top + skirt suit.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { garmentRole } from '../contracts/garment-categories.js';
import { extendedLandmarkNames, landmarkNames } from './landmark-schemes.js';

/**
 * Target landmark name -> the source landmark it takes (by name), or null when the source has no
 * such point. Names not listed take the source landmark of the same name, if there is one.
 */
export type LandmarkRenames = Readonly<Record<string, string | null>>;

interface Step {
  from: GarmentCategory;
  to: GarmentCategory;
  cost: number;
  renames: LandmarkRenames;
}

const SHORT_CUFFS_TO_ELBOWS: LandmarkRenames = {
  leftElbowOuter: 'leftCuffOuter', leftElbowInner: 'leftCuffInner', rightElbowInner: 'rightCuffInner', rightElbowOuter: 'rightCuffOuter',
  leftCuffOuter: null, leftCuffInner: null, rightCuffInner: null, rightCuffOuter: null,
};
const ELBOWS_TO_SHORT_CUFFS: LandmarkRenames = {
  leftCuffOuter: 'leftElbowOuter', leftCuffInner: 'leftElbowInner', rightCuffInner: 'rightElbowInner', rightCuffOuter: 'rightElbowOuter',
};
const SHORT_HEMS_TO_KNEES: LandmarkRenames = {
  leftKneeOuter: 'leftHemOuter', leftKneeInner: 'leftHemInner', rightKneeInner: 'rightHemInner', rightKneeOuter: 'rightHemOuter',
  leftHemOuter: null, leftHemInner: null, rightHemInner: null, rightHemOuter: null,
};
const KNEES_TO_SHORT_HEMS: LandmarkRenames = {
  leftHemOuter: 'leftKneeOuter', leftHemInner: 'leftKneeInner', rightHemInner: 'rightKneeInner', rightHemOuter: 'rightKneeOuter',
};
const SKIRT_TO_SHORTS: LandmarkRenames = { leftHemOuter: 'leftHem', leftHemInner: 'hemCentre', rightHemInner: 'hemCentre', rightHemOuter: 'rightHem', crotch: null };
const SKIRT_TO_TROUSERS: LandmarkRenames = {
  leftKneeOuter: 'leftHem', leftKneeInner: 'hemCentre', rightKneeInner: 'hemCentre', rightKneeOuter: 'rightHem',
  leftHemOuter: null, leftHemInner: null, rightHemInner: null, rightHemOuter: null, crotch: null,
};
const SHORTS_TO_SKIRT: LandmarkRenames = { leftHem: 'leftHemOuter', rightHem: 'rightHemOuter', hemCentre: null };
const TROUSERS_TO_SKIRT: LandmarkRenames = { leftHem: 'leftKneeOuter', rightHem: 'rightKneeOuter', hemCentre: null };

const STEPS: readonly Step[] = [
  { from: 3, to: 1, cost: 1, renames: {} },
  { from: 5, to: 1, cost: 1, renames: {} },
  { from: 6, to: 1, cost: 1, renames: {} },
  { from: 4, to: 2, cost: 1, renames: {} },
  { from: 5, to: 2, cost: 2, renames: {} },
  { from: 6, to: 2, cost: 2, renames: {} },
  { from: 1, to: 2, cost: 2, renames: SHORT_CUFFS_TO_ELBOWS },
  { from: 2, to: 1, cost: 2, renames: ELBOWS_TO_SHORT_CUFFS },
  { from: 7, to: 8, cost: 2, renames: SHORT_HEMS_TO_KNEES },
  { from: 8, to: 7, cost: 2, renames: KNEES_TO_SHORT_HEMS },
  { from: 9, to: 7, cost: 3, renames: SKIRT_TO_SHORTS },
  { from: 9, to: 8, cost: 4, renames: SKIRT_TO_TROUSERS },
  { from: 7, to: 9, cost: 3, renames: SHORTS_TO_SKIRT },
  { from: 8, to: 9, cost: 4, renames: TROUSERS_TO_SKIRT },
  { from: 10, to: 11, cost: 1, renames: {} },
  { from: 11, to: 10, cost: 1, renames: {} },
  { from: 12, to: 13, cost: 1, renames: {} },
  { from: 13, to: 12, cost: 1, renames: {} },
  { from: 10, to: 12, cost: 2, renames: {} },
  { from: 12, to: 10, cost: 2, renames: {} },
];

/** How a dress splits into a top and a skirt: the dress's own top category and both renames. */
interface DressSplit {
  top: GarmentCategory;
  topRenames: LandmarkRenames;
  skirtRenames: LandmarkRenames;
}

const SLEEVED_DRESS_TOP: LandmarkRenames = { leftWaist: 'leftSideUpper', leftHem: 'leftWaist', rightHem: 'rightWaist', rightWaist: 'rightSideUpper' };
const SLEEVELESS_DRESS_TOP: LandmarkRenames = { leftWaist: null, leftHem: 'leftWaist', rightHem: 'rightWaist', rightWaist: null };
const DRESS_SKIRT: LandmarkRenames = { leftSide: 'leftHip', rightSide: 'rightHip' };
// a long-sleeve dress's cuffs are at the wrists: its top is a long-sleeve top without elbows
const LONG_SLEEVED_DRESS_TOP: LandmarkRenames = { ...SLEEVED_DRESS_TOP, leftElbowOuter: null, leftElbowInner: null, rightElbowInner: null, rightElbowOuter: null };

const DRESS_SPLITS: Partial<Record<GarmentCategory, DressSplit>> = {
  10: { top: 1, topRenames: SLEEVED_DRESS_TOP, skirtRenames: DRESS_SKIRT },
  11: { top: 2, topRenames: LONG_SLEEVED_DRESS_TOP, skirtRenames: DRESS_SKIRT },
  12: { top: 5, topRenames: SLEEVELESS_DRESS_TOP, skirtRenames: DRESS_SKIRT },
  13: { top: 5, topRenames: SLEEVELESS_DRESS_TOP, skirtRenames: DRESS_SKIRT },
};

/** Cost of splitting a dress into a top and a skirt. */
export const DRESS_SPLIT_COST = 2;
/** Cost of tiling a missing top or bottom from the other garment's cloth cell. */
export const CLOTH_ONLY_COST = 6;

/** One link of a chain: the category it leaves and the renames into the next one. */
export interface CarryLink {
  from: GarmentCategory;
  renames: LandmarkRenames;
}

/** A category reachable from another, with the cheapest chain of links (empty for itself). */
export interface Reach {
  category: GarmentCategory;
  cost: number;
  links: readonly CarryLink[];
}

/** Every category reachable from `from` by {@link STEPS} (itself at cost 0), cheapest first. */
export function reachable(from: GarmentCategory): Reach[] {
  const best = new Map<GarmentCategory, Reach>([[from, { category: from, cost: 0, links: [] }]]);
  const open: Reach[] = [best.get(from)!];
  while (open.length > 0) {
    open.sort((a, b) => a.cost - b.cost || a.category - b.category);
    const here = open.shift()!;
    if (best.get(here.category) !== here) continue;
    for (const step of STEPS) {
      if (step.from !== here.category) continue;
      const cost = here.cost + step.cost;
      const known = best.get(step.to);
      if (known && known.cost <= cost) continue;
      const reach = { category: step.to, cost, links: [...here.links, { from: step.from, renames: step.renames }] };
      best.set(step.to, reach);
      open.push(reach);
    }
  }
  return [...best.values()].sort((a, b) => a.cost - b.cost || a.category - b.category);
}

/** One way to dress a lone dress as a top + skirt: the two carries and the cost. */
export interface DressSplitReach {
  top: Reach;
  bottom: Reach;
  cost: number;
}

/** Ways to split a dress into a top and a bottom (each carried on by {@link reachable}), cheapest first. */
export function dressSplits(dress: GarmentCategory): DressSplitReach[] {
  const split = DRESS_SPLITS[dress];
  if (!split) return [];
  const out: DressSplitReach[] = [];
  for (const top of reachable(split.top)) {
    for (const bottom of reachable(9)) {
      out.push({
        top: { category: top.category, cost: top.cost, links: [{ from: dress, renames: split.topRenames }, ...top.links] },
        bottom: { category: bottom.category, cost: bottom.cost, links: [{ from: dress, renames: split.skirtRenames }, ...bottom.links] },
        cost: DRESS_SPLIT_COST + top.cost + bottom.cost,
      });
    }
  }
  return out.sort((a, b) => a.cost - b.cost);
}

/** The categories of a role (top, bottom, dress). */
export function categoriesOfRole(role: 'top' | 'bottom' | 'dress'): GarmentCategory[] {
  return ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as GarmentCategory[]).filter((c) => garmentRole(c) === role);
}

/**
 * For each landmark of `to`'s scheme (detected, in order), the 1-based index of the source
 * landmark it takes in the extended list of the chain's first category (`to` itself for an empty
 * chain), or null. The names are walked back link by link; a name that is not a landmark of the
 * category a link leaves is unobserved from there on.
 */
export function carriedIndices(to: GarmentCategory, links: readonly CarryLink[]): (number | null)[] {
  const source = links.length > 0 ? links[0].from : to;
  return landmarkNames(to).map((name) => {
    let current: string | null = name;
    for (let l = links.length - 1; l >= 0 && current !== null; l--) {
      const { from, renames } = links[l];
      current = Object.hasOwn(renames, current) ? renames[current] : current;
      if (current !== null && !extendedLandmarkNames(from).includes(current)) current = null;
    }
    if (current === null) return null;
    const index = extendedLandmarkNames(source).indexOf(current);
    return index < 0 ? null : index + 1;
  });
}
