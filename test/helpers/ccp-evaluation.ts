/**
 * The detect stage measured on Clothing Co-Parsing photos against their labels
 * (ccp-ground-truth.ts): per photo, the detections, the labelled person's match (the detection
 * whose box overlaps the labelled box most, IoU at least 0.5), its ground truth, and the share
 * of each estimated garment polygon on the labelled garment; over photos, (a) the category
 * accuracy of qualified people, (b) the median polygon share, (c) the precision of the
 * qualification; and (d) whether the clone stage can map every qualified person's garments (a
 * polygon that no homography maps loses the person downstream). No jest imports: the
 * evaluation script and the CCP tests share it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bundledCatalogPath, loadCatalog } from '../../orchestrator/src/cloning/catalog.js';
import type { GarmentCatalog } from '../../orchestrator/src/cloning/catalog.js';
import { cloneOutfit } from '../../orchestrator/src/cloning/clone-outfit.js';
import { createAppearanceExtractor } from '../../orchestrator/src/cloning/feature-extractor.js';
import type { GarmentCategory } from '../../orchestrator/src/contracts/garment-categories.js';
import { detectPhoto } from '../../orchestrator/src/detect/detect-photo.js';
import type { DetectPhotoOptions, PersonDetection } from '../../orchestrator/src/detect/detect-photo.js';
import type { PersonModels } from '../../orchestrator/src/detect/models/person-models.js';
import { decodeImage } from '../../orchestrator/src/imaging/image-io.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { convertChannels } from '../../orchestrator/src/imaging/raw-image.js';
import { SHARED_ASSETS } from './asset-paths.js';
import { ccpGroundTruth, polygonOnGarment } from './ccp-ground-truth.js';
import type { CcpGroundTruth, LabelImage } from './ccp-ground-truth.js';

export const CCP_DIR = path.join(SHARED_ASSETS, 'ccp');

/** The fixed photos the tests gate on (every 20th photo: 30 of the 600). */
export const CCP_GATE_SUBSET: readonly string[] = Array.from({ length: 30 }, (_, i) => String(1 + 20 * i).padStart(4, '0'));

export interface CcpPhotoResult {
  id: string;
  people: PersonDetection[];
  /** Index in `people` of the labelled person, or -1. */
  matched: number;
  truth?: CcpGroundTruth;
  /** The matched person's categories (empty when not qualified). */
  estimated: GarmentCategory[];
  /** Polygon share on the labelled garment for each garment of the matched qualified person. */
  polygonShares: { category: GarmentCategory; share: number }[];
  /** (d) Qualified people of the photo cloned, and the errors of those that could not be. */
  cloned: number;
  cloneErrors: string[];
}

/** Seeds the clone check tries: each picks templates (and so part polygons) differently. */
const CLONE_CHECK_SEEDS = [1, 2, 3];

let catalog: Promise<GarmentCatalog> | undefined;

/** Clones each qualified person's garments with the bundled catalog at a small size, for each seed. */
async function cloneCheck(photo: RawImage, people: readonly PersonDetection[], id: string): Promise<{ cloned: number; cloneErrors: string[] }> {
  catalog ??= loadCatalog(bundledCatalogPath());
  const templates = await catalog;
  const extractor = createAppearanceExtractor();
  let cloned = 0;
  const cloneErrors: string[] = [];
  for (const [index, person] of people.entries()) {
    if (!person.qualified) continue;
    let failure: string | undefined;
    for (const seed of CLONE_CHECK_SEEDS) {
      try {
        await cloneOutfit(`${id}/${index + 1}`, photo, person.garments, templates, extractor, { sizePx: 128, seed });
      } catch (error) {
        failure ??= `${id} person ${index + 1} seed ${seed}: ${(error as { code?: string }).code ?? ''} ${(error as Error).message}`;
      }
    }
    if (failure) cloneErrors.push(failure);
    else cloned++;
  }
  return { cloned, cloneErrors };
}

export async function readCcpPhoto(id: string, dir = CCP_DIR): Promise<{ photo: RawImage; labels: LabelImage }> {
  const photo = convertChannels(await decodeImage(await readFile(path.join(dir, 'photos', `${id}.jpg`))), 3);
  const decoded = await decodeImage(await readFile(path.join(dir, 'labels', `${id}.png`)));
  const labels = new Uint8Array(decoded.width * decoded.height);
  for (let i = 0; i < labels.length; i++) labels[i] = decoded.data[i * decoded.channels];
  return { photo, labels: { width: decoded.width, height: decoded.height, data: labels } };
}

function iou(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

export async function evaluateCcpPhoto(id: string, models: PersonModels, options?: DetectPhotoOptions, dir = CCP_DIR): Promise<CcpPhotoResult> {
  const { photo, labels } = await readCcpPhoto(id, dir);
  const { people } = await detectPhoto({ photo, models }, options);
  const result: CcpPhotoResult = { id, people, matched: -1, estimated: [], polygonShares: [], ...(await cloneCheck(photo, people, id)) };
  const [first] = people;
  if (!first) return result;
  const truthBox = ccpGroundTruth(labels, []).box;
  let best = -1;
  let bestIou = 0.5;
  people.forEach((p, i) => {
    const overlap = iou(p.box, truthBox);
    if (overlap >= bestIou) {
      best = i;
      bestIou = overlap;
    }
  });
  result.matched = best;
  if (best < 0) return result;
  const person = people[best];
  result.truth = ccpGroundTruth(labels, person.keypoints);
  if (person.qualified) {
    result.estimated = person.garments.map((g) => g.category);
    result.polygonShares = person.garments.map((g) => ({ category: g.category, share: polygonOnGarment(labels, g.category, g.landmarks) }));
  }
  return result;
}

export interface CcpMetrics {
  photos: number;
  people: number;
  qualified: number;
  /** Qualified people matched to the labelled person / the labelled person kept by a person / with known categories. */
  qualifiedMatched: number;
  /** (c) Share of qualified labelled people a person would keep, and recall: of those a person would keep, the share qualified. */
  precision: number;
  recall: number;
  keptByLabels: number;
  /** Qualified people that are not the labelled person (background people; the labels cannot judge them). */
  qualifiedUnlabelled: number;
  /** (a) Garment categories right per garment role, and whole outfits right. */
  garmentAccuracy: number;
  outfitAccuracy: number;
  scoredOutfits: number;
  /** (b) Median and quartiles of the polygon share on the labelled garment. */
  polygonShareMedian: number;
  polygonShareP25: number;
  polygonSharesCount: number;
  /** Ground truth -> estimate counts per role, keyed "truth>estimate". */
  confusion: Record<string, number>;
  /** (d) Qualified people whose garments clone with every seed tried, and the errors of the others. */
  cloned: number;
  cloneErrors: string[];
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
}

/** Scores categories per garment: the estimate's garment of each truth garment's role, dresses as one role. */
function scoreOutfit(truth: readonly GarmentCategory[], estimated: readonly GarmentCategory[], confusion: Record<string, number>): { right: number; of: number } {
  const role = (c: GarmentCategory): string => (c <= 6 ? 'top' : c <= 9 ? 'bottom' : 'dress');
  const truthDress = truth.some((c) => role(c) === 'dress');
  const estDress = estimated.some((c) => role(c) === 'dress');
  let right = 0;
  let of = 0;
  const bump = (key: string): void => {
    confusion[key] = (confusion[key] ?? 0) + 1;
  };
  if (truthDress || estDress) {
    // a dress against separates is wrong as a whole (one garment); two dresses compare categories
    of++;
    const t = truthDress ? String(truth[0]) : truth.join('+');
    const e = estDress ? String(estimated[0]) : estimated.join('+');
    bump(`${t}>${e}`);
    if (truthDress && estDress && truth[0] === estimated[0]) right++;
    return { right, of };
  }
  for (const t of truth) {
    const e = estimated.find((c) => role(c) === role(t));
    of++;
    bump(`${t}>${e ?? '-'}`);
    if (e === t) right++;
  }
  return { right, of };
}

export function ccpMetrics(results: readonly CcpPhotoResult[]): CcpMetrics {
  const confusion: Record<string, number> = {};
  let qualified = 0;
  let qualifiedMatched = 0;
  let keptAndQualified = 0;
  let keptByLabels = 0;
  let right = 0;
  let of = 0;
  let outfitsRight = 0;
  let scoredOutfits = 0;
  const shares: number[] = [];
  for (const r of results) {
    qualified += r.people.filter((p) => p.qualified).length;
    if (r.truth?.keep) keptByLabels++;
    if (r.matched < 0 || !r.people[r.matched].qualified) continue;
    qualifiedMatched++;
    if (r.truth?.keep) keptAndQualified++;
    shares.push(...r.polygonShares.map((s) => s.share));
    if (r.truth?.categories) {
      const score = scoreOutfit(r.truth.categories, r.estimated, confusion);
      right += score.right;
      of += score.of;
      scoredOutfits++;
      if (score.right === score.of) outfitsRight++;
    }
  }
  return {
    photos: results.length,
    people: results.reduce((s, r) => s + r.people.length, 0),
    qualified,
    qualifiedMatched,
    precision: qualifiedMatched === 0 ? Number.NaN : keptAndQualified / qualifiedMatched,
    recall: keptByLabels === 0 ? Number.NaN : keptAndQualified / keptByLabels,
    keptByLabels,
    qualifiedUnlabelled: qualified - qualifiedMatched,
    garmentAccuracy: of === 0 ? Number.NaN : right / of,
    outfitAccuracy: scoredOutfits === 0 ? Number.NaN : outfitsRight / scoredOutfits,
    scoredOutfits,
    polygonShareMedian: quantile(shares, 0.5),
    polygonShareP25: quantile(shares, 0.25),
    polygonSharesCount: shares.length,
    confusion,
    cloned: results.reduce((s, r) => s + r.cloned, 0),
    cloneErrors: results.flatMap((r) => r.cloneErrors),
  };
}
