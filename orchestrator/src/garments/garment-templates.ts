/**
 * Garment templates for the MakeHuman clothes in the data roots (the cloning stage's bundled
 * catalogue, orchestrator/data/garments/<model>.json), derived by garment-derivation.ts from each
 * suit fitted on a reference body (MakeHuman's defaults, female for `female_*` clothes, male
 * otherwise, A-pose, default rig) and then corrected by hand where the corrections file says so.
 *
 * Corrections (orchestrator/data/garments/derivation/corrections.json):
 * ```json
 * { "formatVersion": 1,
 *   "templates": {
 *     "male_worksuit01": {
 *       "categories": [1, 8],                 // force the categories
 *       "landmarks": { "0:3": [0.0, 5.6] },   // front-view landmark <garment>:<index> in dm
 *       "uvKeypoints": { "7": [512, 300] },   // final canvas position of UV keypoint 7 (1-based)
 *       "exclude": true                        // do not make a template for this model
 *     } } }
 * ```
 * Clothes tagged `shoes` or `hats` are not garments in the DeepFashion2 sense and are skipped.
 */
import type { Point2 } from '../geometry/point.js';
import path from 'node:path';
import { isGarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';
import { decodeImage } from '../imaging/image-io.js';
import type { RawImage } from '../imaging/raw-image.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import { morphBody } from '../makehuman/body-morph.js';
import { deriveGarmentTemplate } from './garment-derivation.js';
import type { Derivation, DerivationInput } from './garment-derivation.js';
import { renderGarmentReview } from './garment-review.js';
import { MACRO_DEFAULTS } from '../makehuman/macro-modifiers.js';
import type { LoadedProxy, MakeHumanAssets } from '../makehuman/makehuman-assets.js';
import { fitProxy } from '../makehuman/proxy-fit.js';
import { compileWeights, transferWeightsToProxy } from '../makehuman/skeleton-weights.js';
import { buildSkeleton } from '../makehuman/skeleton.js';

export interface TemplateCorrection {
  categories?: [GarmentCategory, GarmentCategory];
  landmarks?: Record<string, Point2>;
  uvKeypoints?: Record<string, [number, number]>;
  exclude?: boolean;
}

export type TemplateCorrections = Record<string, TemplateCorrection>;

/** The bundled catalogue folder and its corrections file. */
export function bundledGarmentsDir(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'garments');
}

export function correctionsFile(garmentsDir = bundledGarmentsDir()): string {
  return path.join(garmentsDir, 'derivation', 'corrections.json');
}

function fail(file: string, message: string): never {
  throw new ClonedPersonError('E_CATALOG_INVALID', `characters: ${file}: ${message}`, { details: { file } });
}

function pairOf(value: unknown, file: string, where: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    fail(file, `${where} must be [x, y]`);
  }
  return [value[0] as number, value[1] as number];
}

/** Parses the corrections JSON text (see the module doc). */
export function parseCorrections(text: string, file: string): TemplateCorrections {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClonedPersonError('E_CATALOG_INVALID', `characters: ${file}: invalid JSON (${(cause as Error).message})`, { cause });
  }
  const root = json as { formatVersion?: unknown; templates?: unknown };
  if (root.formatVersion !== 1) fail(file, 'formatVersion must be 1');
  if (typeof root.templates !== 'object' || root.templates === null) fail(file, '"templates" must be an object');
  const out: TemplateCorrections = {};
  for (const [model, raw] of Object.entries(root.templates as Record<string, unknown>)) {
    const c = raw as Record<string, unknown>;
    const correction: TemplateCorrection = {};
    if (c.categories !== undefined) {
      const cats = c.categories;
      if (!Array.isArray(cats) || cats.length !== 2 || !cats.every(isGarmentCategory)) fail(file, `${model}.categories must be [top, bottom] DeepFashion2 ids`);
      correction.categories = cats as [GarmentCategory, GarmentCategory];
    }
    if (c.landmarks !== undefined) {
      correction.landmarks = Object.fromEntries(Object.entries(c.landmarks as Record<string, unknown>).map(([k, v]) => [k, pairOf(v, file, `${model}.landmarks.${k}`)]));
    }
    if (c.uvKeypoints !== undefined) {
      correction.uvKeypoints = Object.fromEntries(Object.entries(c.uvKeypoints as Record<string, unknown>).map(([k, v]) => [k, pairOf(v, file, `${model}.uvKeypoints.${k}`)]));
    }
    if (c.exclude !== undefined) correction.exclude = c.exclude === true;
    out[model] = correction;
  }
  return out;
}

/** The corrections file's content; none when it does not exist. */
export async function loadCorrections(file = correctionsFile(), files: FileStore = nodeFileStore): Promise<TemplateCorrections> {
  if (!(await files.exists(file))) return {};
  return parseCorrections(await files.readText(file), file);
}

export interface DerivedTemplate {
  model: string;
  derivation: Derivation;
  template: GarmentTemplate;
  /** The review sheet (front view with landmarks | texture with UV keypoints). */
  review: RawImage;
}

export interface TemplateRunResult {
  templates: DerivedTemplate[];
  skipped: { model: string; reason: string }[];
}

/** The tags that make a clothes asset something other than a DeepFashion2 garment. */
function nonGarmentTags(proxy: LoadedProxy): string[] {
  return proxy.definition.tags.filter((t) => t === 'shoes' || t === 'hats');
}

/** The suit fitted on a reference body, with the default rig built on it and weights carried to the suit. */
async function fittedOnReference(data: MakeHumanAssets, proxy: LoadedProxy, body: Float32Array): Promise<Pick<DerivationInput, 'mesh' | 'positions' | 'influences' | 'skeleton'>> {
  const skeleton = buildSkeleton(await data.skeleton('default'), body, { meshJoints: await data.meshJoints() });
  const weights = transferWeightsToProxy(await data.bodyWeights('default'), proxy.definition, body.length / 3, skeleton.bones[0].name);
  const influences = compileWeights(weights, skeleton.index, proxy.definition.weights.length / 3);
  return { mesh: proxy.mesh, positions: fitProxy(proxy.definition, body), influences, skeleton };
}

/** The derived template with the hand corrections of its UV keypoints (noted in `derivation.notes`). */
export function correctedTemplate(model: string, derivation: Derivation, uvCorrections: Record<string, [number, number]> = {}): GarmentTemplate {
  const template: GarmentTemplate = { ...derivation.template, uvKeypoints: derivation.template.uvKeypoints.map((p) => [p[0], p[1]]) };
  for (const [key, point] of Object.entries(uvCorrections)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 1 || index > template.uvKeypoints.length) {
      throw new ClonedPersonError('E_ARGUMENT', `characters: ${model}: UV keypoint correction ${key} is out of range (1..${template.uvKeypoints.length})`);
    }
    template.uvKeypoints[index - 1] = [point[0], point[1]];
    derivation.notes.push(`UV keypoint ${index} corrected by hand to [${point[0]}, ${point[1]}]`);
  }
  if (derivation.notes.length > 0) template.source = { ...template.source, notes: derivation.notes };
  return template;
}

/**
 * Derives templates for the given clothes (default: every clothes asset that is not shoes or a
 * hat), applies `corrections`, and renders review sheets of `reviewPanelPx` height. Suits the
 * derivation cannot read (E_ASSET_INVALID) are skipped with the reason.
 */
export async function deriveClothesTemplates(
  data: MakeHumanAssets,
  options: { models?: string[]; corrections?: TemplateCorrections; reviewPanelPx?: number } = {},
): Promise<TemplateRunResult> {
  const models = options.models ?? [...new Set((await data.listProxies('clothes')).map((p) => p.assetName))].sort();
  const result: TemplateRunResult = { templates: [], skipped: [] };
  // Reference bodies: MakeHuman's defaults, female for female_* clothes, male otherwise.
  const body = (gender: number): Promise<Float32Array> => data.memo(`garments:body:${gender}`, () => morphBody(data, { ...MACRO_DEFAULTS, gender }));
  for (const model of models) {
    const correction = options.corrections?.[model] ?? {};
    if (correction.exclude) {
      result.skipped.push({ model, reason: 'excluded by the corrections file' });
      continue;
    }
    const proxy = await data.proxy(model, 'clothes');
    const tags = nonGarmentTags(proxy);
    if (tags.length > 0) {
      result.skipped.push({ model, reason: `tagged ${tags.join(', ')}: not a DeepFashion2 garment` });
      continue;
    }
    let derivation: Derivation;
    try {
      derivation = deriveGarmentTemplate({
        model,
        ...(await fittedOnReference(data, proxy, await body(model.startsWith('female') ? 0 : 1))),
        ...(correction.categories ? { categories: correction.categories } : {}),
        ...(correction.landmarks ? { landmarkOverrides: correction.landmarks } : {}),
      });
    } catch (error) {
      if ((error as ClonedPersonError).code !== 'E_ASSET_INVALID') throw error;
      result.skipped.push({ model, reason: (error as Error).message });
      continue;
    }
    const template = correctedTemplate(model, derivation, correction.uvKeypoints);
    const texture = proxy.material?.diffuseTexture;
    const image = texture ? await decodeImage(await data.bytes(texture, false), texture) : blankTexture();
    const review = renderGarmentReview({ ...derivation, template }, derivation.rasters.top, derivation.rasters.bottom, image, { panelPx: options.reviewPanelPx ?? 600 });
    result.templates.push({ model, derivation, template, review });
  }
  return result;
}

function blankTexture(): RawImage {
  return { width: 16, height: 16, channels: 3, data: new Uint8Array(16 * 16 * 3).fill(96) };
}
