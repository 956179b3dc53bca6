/**
 * Ground truth for the detect stage from Clothing Co-Parsing's pixel labels (../shared/assets/ccp:
 * 600 photos, one labelled person each, 59 labels). No jest imports: scripts/eval-detect-ccp.ts
 * and the CCP tests share it.
 *
 * - Categories. Sleeves: walking down each arm of the pose (shoulder, elbow, wrist), the sleeve
 *   ends where the labels turn to skin; it is no sleeve before 0.35, short before 1.3 (the elbow
 *   plus 30% of the forearm, the template derivation's rule), else long. The bottom: the
 *   clothing label with most pixels below the hip line among trousers (pants, jeans, leggings,
 *   the suit's lower part), shorts, skirt and dress, where a skirt, shorts or a dress holding at
 *   least 25% of those pixels wins over leggings worn under it, and a dress that makes less
 *   than 60% of the clothing on the torso (a jacket or cardigan over it) is seen as a skirt
 *   under that top, which is also how the clone stage would copy it. A dress is category 10 with sleeves, 12
 *   without; otherwise the top is 1, 2 or 5 and the bottom 7, 8 or 9. Rompers, and people whose
 *   arms or lower body the labels do not show, have no ground truth. The labels decide what
 *   is worn; only where the arms are comes from the pose.
 * - Garment areas: a top's polygon should lie on upper-body clothing or a dress; a bottom's on
 *   trousers, shorts, skirts or a dress; a dress's on any of these.
 * - Would a person keep this view? The labelled person (every non-null pixel) is whole: not
 *   within 3 px of the top or bottom border, at most 10 labelled pixels on the side borders;
 *   the head shows (hair, skin, a hat or glasses in the top 12% of the person's box) and so do
 *   the feet (shoes, legwear or skin in the bottom 6%); the face is seen: skin (and glasses)
 *   make at least 25% of the skin + hair + glasses in the top 12%, which back views (hair) do
 *   not reach; and the person is at least 160 px tall.
 */
import type { GarmentCategory } from '../../orchestrator/src/contracts/garment-categories.js';
import { garmentRole } from '../../orchestrator/src/contracts/garment-categories.js';
import { forEachPolygonSpan } from '../../orchestrator/src/geometry/polygon.js';

/** CCP label indices (label_list.json). */
export const CCP = {
  null: 0, blazer: 4, blouse: 5, bodysuit: 6, boots: 7, cape: 10, cardigan: 11, clogs: 12, coat: 13, dress: 14, flats: 16, glasses: 17,
  hair: 19, hat: 20, heels: 21, hoodie: 22, jacket: 24, jeans: 25, jumper: 26, leggings: 27, loafers: 28, pants: 31, pumps: 32, romper: 35,
  sandals: 36, shirt: 38, shoes: 39, shorts: 40, skin: 41, skirt: 42, sneakers: 43, socks: 44, stockings: 45, suit: 46, sunglasses: 47,
  sweater: 48, sweatshirt: 49, tShirt: 51, tights: 53, top: 54, vest: 55, wedges: 58,
} as const;

const set = (...labels: number[]): ReadonlySet<number> => new Set(labels);
export const UPPER = set(CCP.blazer, CCP.blouse, CCP.bodysuit, CCP.cape, CCP.cardigan, CCP.coat, CCP.hoodie, CCP.jacket, CCP.jumper, CCP.shirt, CCP.suit, CCP.sweater, CCP.sweatshirt, CCP.tShirt, CCP.top, CCP.vest);
const TROUSERS = set(CCP.pants, CCP.jeans, CCP.leggings, CCP.suit);
const BOTTOM_CLOTHES = set(CCP.pants, CCP.jeans, CCP.leggings, CCP.suit, CCP.shorts, CCP.skirt, CCP.dress, CCP.romper);
const FEET = set(CCP.boots, CCP.clogs, CCP.flats, CCP.heels, CCP.loafers, CCP.pumps, CCP.sandals, CCP.shoes, CCP.sneakers, CCP.wedges, CCP.socks, CCP.stockings, CCP.tights, CCP.skin);
const FACE = set(CCP.skin, CCP.glasses, CCP.sunglasses);
const HEAD = set(CCP.hair, CCP.skin, CCP.hat, CCP.glasses, CCP.sunglasses);

export interface LabelImage {
  width: number;
  height: number;
  data: Uint8Array;
}

type Keypoints = readonly (readonly [number, number, number])[];

function labelAt(labels: LabelImage, x: number, y: number): number {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= labels.width || yi >= labels.height) return CCP.null;
  return labels.data[yi * labels.width + xi];
}

/** Garment labels along one arm: where the sleeve ends (0 shoulder, 1 elbow, 2 wrist), undefined when unreadable. */
function sleeveEnd(labels: LabelImage, k: Keypoints, shoulder: number, elbow: number, wrist: number, radiusPx: number): number | undefined {
  if ([shoulder, elbow, wrist].some((i) => k[i][2] < 0.3)) return undefined;
  const at = (a: number): [number, number] => {
    const [p, q, t] = a <= 1 ? [k[shoulder], k[elbow], a] : [k[elbow], k[wrist], a - 1];
    return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
  };
  const shares: { a: number; clothed: number }[] = [];
  for (let a = 0.1; a <= 1.9 + 1e-9; a += 0.1) {
    const [cx, cy] = at(a);
    let clothed = 0;
    let skin = 0;
    for (let dy = -radiusPx; dy <= radiusPx; dy++) {
      for (let dx = -radiusPx; dx <= radiusPx; dx++) {
        const label = labelAt(labels, cx + dx, cy + dy);
        if (UPPER.has(label) || label === CCP.dress) clothed++;
        else if (label === CCP.skin) skin++;
      }
    }
    if (clothed + skin > 0) shares.push({ a, clothed: clothed / (clothed + skin) });
  }
  if (shares.length < 9) return undefined;
  for (let i = 0; i < shares.length; i++) {
    if (shares[i].clothed >= 0.5) continue;
    const ahead = shares.slice(i, i + 2);
    if (ahead.reduce((s, x) => s + x.clothed, 0) / ahead.length < 0.5) return shares[i].a;
  }
  return 2;
}

export interface CcpGroundTruth {
  /** The categories worn (top and bottom, or a dress); undefined when the labels cannot tell. */
  categories?: GarmentCategory[];
  sleeveEnd?: number;
  /** What the bottom label is (for reports). */
  bottomLabel?: 'trousers' | 'shorts' | 'skirt' | 'dress' | 'romper';
  /** Whether a person would keep this view, and why not. */
  keep: boolean;
  keepProblems: string[];
  /** The labelled person's box [x1, y1, x2, y2]. */
  box: [number, number, number, number];
}

/** The labelled person's box, or undefined when nothing is labelled. */
export function labelledBox(labels: LabelImage): [number, number, number, number] | undefined {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < labels.height; y++) {
    for (let x = 0; x < labels.width; x++) {
      if (labels.data[y * labels.width + x] === CCP.null) continue;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
    }
  }
  return x2 < 0 ? undefined : [x1, y1, x2 + 1, y2 + 1];
}

function countIn(labels: LabelImage, x1: number, y1: number, x2: number, y2: number, accept: (label: number) => boolean): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(y1)); y < Math.min(labels.height, Math.ceil(y2)); y++) {
    for (let x = Math.max(0, Math.floor(x1)); x < Math.min(labels.width, Math.ceil(x2)); x++) if (accept(labels.data[y * labels.width + x])) n++;
  }
  return n;
}

/** Would a person keep the labelled person (see the module doc)? */
export function keepFromLabels(labels: LabelImage, box: [number, number, number, number]): string[] {
  const problems: string[] = [];
  const [x1, y1, x2, y2] = box;
  const h = y2 - y1;
  if (h < 160) problems.push('small');
  if (y1 <= 3) problems.push('cut-top');
  if (y2 >= labels.height - 3) problems.push('cut-bottom');
  const sideBorder = countIn(labels, 0, 0, 2, labels.height, (l) => l !== CCP.null) + countIn(labels, labels.width - 2, 0, labels.width, labels.height, (l) => l !== CCP.null);
  if (sideBorder > 10) problems.push('cut-side');
  const headBottom = y1 + 0.12 * h;
  if (countIn(labels, x1, y1, x2, headBottom, (l) => HEAD.has(l)) < 50) problems.push('no-head');
  if (countIn(labels, x1, y2 - 0.06 * h, x2, y2, (l) => FEET.has(l)) < 30) problems.push('no-feet');
  const face = countIn(labels, x1, y1, x2, headBottom, (l) => FACE.has(l));
  const hair = countIn(labels, x1, y1, x2, headBottom, (l) => l === CCP.hair);
  if (face + hair > 0 && face / (face + hair) < 0.25) problems.push('face-not-seen');
  return problems;
}

/** Share of the clothing on the torso (the shoulder-hip quad, middle 60%) that is labelled dress. */
function dressShareOnTorso(labels: LabelImage, k: Keypoints): number {
  const quad: [number, number][] = [6, 5, 11, 12].map((i) => [k[i][0], k[i][1]]);
  const cx = quad.reduce((s, p) => s + p[0], 0) / 4;
  const cy = quad.reduce((s, p) => s + p[1], 0) / 4;
  const inner = quad.map(([x, y]) => [cx + 0.6 * (x - cx), cy + 0.6 * (y - cy)] as [number, number]);
  let dress = 0;
  let clothes = 0;
  forEachPolygonSpan(inner, labels.width, labels.height, (y, x0, x1) => {
    for (let x = x0; x < x1; x++) {
      const l = labels.data[y * labels.width + x];
      if (l === CCP.dress) dress++;
      if (l === CCP.dress || UPPER.has(l)) clothes++;
    }
  });
  return clothes === 0 ? 0 : dress / clothes;
}

/** The ground truth for one labelled photo and the pose found on its person. */
export function ccpGroundTruth(labels: LabelImage, keypoints: Keypoints): CcpGroundTruth {
  const box = labelledBox(labels) ?? [0, 0, 1, 1];
  const keepProblems = keepFromLabels(labels, box);
  const truth: CcpGroundTruth = { keep: keepProblems.length === 0, keepProblems, box };
  if (keypoints.length !== 17) return truth;
  const shoulderWidth = Math.hypot(keypoints[5][0] - keypoints[6][0], keypoints[5][1] - keypoints[6][1]);
  const radius = Math.max(1, Math.round(0.07 * shoulderWidth));
  const ends = [sleeveEnd(labels, keypoints, 6, 8, 10, radius), sleeveEnd(labels, keypoints, 5, 7, 9, radius)].filter((e): e is number => e !== undefined);
  // the bottom: the dominant clothing label below the hip line
  const hipY = Math.min(keypoints[11][1], keypoints[12][1]);
  const counts = { trousers: 0, shorts: 0, skirt: 0, dress: 0, romper: 0 };
  for (let y = Math.max(0, Math.round(hipY)); y < labels.height; y++) {
    for (let x = 0; x < labels.width; x++) {
      const l = labels.data[y * labels.width + x];
      if (TROUSERS.has(l)) counts.trousers++;
      else if (l === CCP.shorts) counts.shorts++;
      else if (l === CCP.skirt) counts.skirt++;
      else if (l === CCP.dress) counts.dress++;
      else if (l === CCP.romper) counts.romper++;
    }
  }
  // a skirt, shorts or a dress worn over leggings is the outfit's bottom
  const total = counts.trousers + counts.shorts + counts.skirt + counts.dress + counts.romper;
  const outer = (Object.entries(counts) as [keyof typeof counts, number][]).filter(([label, n]) => label !== 'trousers' && n >= Math.max(300, 0.25 * total));
  const [bottomLabel, pixels] = (outer.length > 0 ? outer : (Object.entries(counts) as [keyof typeof counts, number][])).reduce((best, e) => (e[1] > best[1] ? e : best));
  if (pixels < 200) return truth;
  truth.bottomLabel = bottomLabel;
  if (ends.length === 0 || bottomLabel === 'romper') return truth;
  const end = ends.reduce((s, e) => s + e, 0) / ends.length;
  truth.sleeveEnd = end;
  // a dress under a jacket or cardigan is seen (and cloned) as that top over a skirt
  let visibleBottom = bottomLabel;
  if (bottomLabel === 'dress' && dressShareOnTorso(labels, keypoints) < 0.6) visibleBottom = 'skirt';
  truth.bottomLabel = visibleBottom;
  const sleeves = end < 0.35 ? 'none' : end < 1.3 ? 'short' : 'long';
  if (visibleBottom === 'dress') truth.categories = [sleeves === 'none' ? 12 : 10];
  else {
    const top: GarmentCategory = sleeves === 'none' ? 5 : sleeves === 'short' ? 1 : 2;
    truth.categories = [top, visibleBottom === 'trousers' ? 8 : visibleBottom === 'shorts' ? 7 : 9];
  }
  return truth;
}

/** Share (0..1) of a garment's landmark polygon on the labels its role allows (see the module doc). */
export function polygonOnGarment(labels: LabelImage, category: GarmentCategory, landmarks: readonly (readonly [number, number])[]): number {
  const role = garmentRole(category);
  const allowed = (l: number): boolean => (role === 'top' ? UPPER.has(l) || l === CCP.dress : role === 'bottom' ? BOTTOM_CLOTHES.has(l) : UPPER.has(l) || BOTTOM_CLOTHES.has(l));
  let inside = 0;
  let on = 0;
  forEachPolygonSpan(landmarks, labels.width, labels.height, (y, x0, x1) => {
    for (let x = x0; x < x1; x++) {
      inside++;
      if (allowed(labels.data[y * labels.width + x])) on++;
    }
  });
  return inside === 0 ? 0 : on / inside;
}
