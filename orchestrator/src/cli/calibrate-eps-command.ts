/**
 * `clonedperson calibrate-eps`: the distance distribution of a feature extractor on a sample
 * and, with labels, the eps pair that best recovers identities (round 1) and looks (round 2).
 * The pair goes into the model's description (`embedding.eps.plain` / `.rerank`).
 */
import { calibrateEps, formatCalibrationReport } from '../clustering/calibration.js';
import type { FeatureMetric } from '../features/distance-metric.js';
import { extractFeatures } from '../clustering/extract-features.js';
import { builtinAppearanceExtractor, onnxEmbeddingExtractor } from '../features/feature-extractor.js';
import type { FeatureExtractor } from '../features/feature-extractor.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';
import { readImageList } from '../clustering/image-list.js';
import type { EngineName } from '../features/neighbour-engine.js';
import { createNeighbourEngine } from '../features/neighbour-search.js';
import { readFeatureMatrixNpy } from '../features/npy-file.js';
import { syntheticPeople } from '../clustering/synthetic-people.js';
import { loadModel } from '../models/model-session.js';
import { findModelDescription } from '../models/model-registry.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { defineCommand } from './cli-command.js';
import { checkClusteringOptions, withClusteringOptions } from './clustering-options.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkExactlyOne, checkInteger, readJsonOption, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';
import { jsonText } from '../shared/json-text.js';

interface CalibrateArgs {
  images?: string;
  model?: string;
  modelConfig?: string;
  features?: string;
  synthetic?: number;
  labels?: string;
  labelsFromFolders: boolean;
  rerank: boolean;
  minSamples: number;
  metric: FeatureMetric;
  k1: number;
  k2: number;
  lambda: number;
  seed: number;
  jsonOut?: string;
  engine: EngineName;
  threads?: number;
}

interface Labels {
  identity: Int32Array;
  look: Int32Array;
}

function labelsFromNames(names: string[], level: 'identity' | 'look'): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(names, (name) => {
    const parts = name.split('/');
    if (parts.length < (level === 'identity' ? 2 : 3)) return -1;
    const key = level === 'identity' ? parts.slice(0, -1).join('/') : parts[0];
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

const LABELS_SHAPE = '{"identity": [...], "look": [...]}';

/** The `--labels` JSON: `{"identity": [...], "look": [...]}`, integer arrays of one length. */
function labelsOf(json: unknown, file: string): Labels {
  const problem = (key: 'identity' | 'look'): string | undefined => {
    const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(value)) return `no "${key}" array`;
    if (!value.every((v) => Number.isInteger(v))) return `non-integer "${key}" labels`;
    return undefined;
  };
  const found = problem('identity') ?? problem('look');
  if (found) throw usageError(`a JSON object ${LABELS_SHAPE} of integers`, '--labels', `${JSON.stringify(file)} with ${found}`);
  const { identity, look } = json as { identity: number[]; look: number[] };
  return { identity: Int32Array.from(identity), look: Int32Array.from(look) };
}

/** Labels must name every feature row. */
function checkLabelCount(labels: Labels, file: string, rows: number): Labels {
  if (labels.identity.length !== rows || labels.look.length !== rows) {
    throw usageError(`${rows} labels in each array of ${LABELS_SHAPE} (one per row)`, '--labels', `${JSON.stringify(file)} with ${labels.identity.length} and ${labels.look.length}`);
  }
  return labels;
}

export const calibrateEpsCommand = defineCommand<CalibrateArgs>({
  command: 'calibrate-eps',
  describe: 'Print the distance distribution of a feature extractor and suggest the DBSCAN eps pair for `cluster`',
  builder: (y) =>
    withClusteringOptions(
      y
        .option('images', { type: 'string', describe: 'A sample of person images (folder or detections JSONL)' })
        .option('model', { type: 'string', describe: 'ONNX re-ID model to calibrate [default: the built-in descriptor]' })
        .option('model-config', { type: 'string', describe: 'JSON description of --model [default: <model>.json beside it]' })
        .option('features', { type: 'string', describe: 'Precomputed features .npy [N, D] instead of --images' })
        .option('synthetic', { type: 'number', describe: 'Generate this many looks of synthetic people (labelled) and use the built-in descriptor' })
        .option('labels', { type: 'string', describe: 'JSON {"identity": [...], "look": [...]}, one label per image/row (-1 = none)' })
        .option('labels-from-folders', { type: 'boolean', default: false, describe: 'Labels from --images paths: <look>/<identity>/<file>' })
        .option('rerank', { type: 'boolean', default: true, describe: 'Calibrate for re-ranked distances (--no-rerank: plain)' })
        .option('metric', { type: 'string', choices: ['cosine', 'euclidean'], default: 'cosine', describe: 'Distance' }),
    )
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of --synthetic' })
      .option('json-out', { type: 'string', describe: 'Also write the full report as JSON' })
      .check((argv) => {
        checkExactlyOne(argv, ['--images', '--features', '--synthetic'], 'calibrate-eps');
        checkInteger(argv, '--synthetic', 2);
        checkInteger(argv, '--seed', 0);
        checkClusteringOptions(argv);
        return true;
      })
      .example('$0 calibrate-eps --synthetic 200', 'Calibrate the built-in descriptor on generated people (how its bundled pair was made)')
      .example('$0 calibrate-eps --images sample/ --labels-from-folders --model osnet.onnx', 'Calibrate a model on a labelled sample <look>/<identity>/<image>'),
  run: async (args, context) => {
    // read --labels first, so a bad file fails before the features are made
    const labelsFile = await optionalInputPath(context, '--labels', args.labels);
    const given = labelsFile ? labelsOf(await readJsonOption(context.files, labelsFile, '--labels'), labelsFile) : undefined;
    let features: FeatureMatrix;
    let labels: Labels | undefined;
    if (args.synthetic !== undefined) {
      const people = syntheticPeople({ looks: args.synthetic, seed: args.seed });
      const rows = await builtinAppearanceExtractor().extract(people.images);
      const d = rows[0].length;
      const data = new Float32Array(rows.length * d);
      rows.forEach((row, i) => data.set(row, i * d));
      features = { n: rows.length, d, data };
      labels = { identity: people.identity, look: people.look };
    } else if (args.features !== undefined) {
      features = await readFeatureMatrixNpy(await inputPath(context, '--features', args.features), context.files);
    } else {
      const list = await readImageList(await inputPath(context, '--images', args.images!), context.files);
      const modelFile = await optionalInputPath(context, '--model', args.model);
      const modelConfig = await optionalInputPath(context, '--model-config', args.modelConfig);
      let extractor: FeatureExtractor;
      if (modelFile) {
        const entry = await findModelDescription(modelFile, modelConfig);
        extractor = await onnxEmbeddingExtractor(await loadModel(entry.description, modelFile, { threads: args.threads }));
      } else {
        extractor = builtinAppearanceExtractor();
      }
      const bar = createProgressBar(context, 'features');
      let names: string[];
      try {
        const extracted = await extractFeatures(list.items, extractor, { logger: context.logger, onProgress: bar.update });
        features = extracted.features;
        names = extracted.kept.map((i) => list.items[i].image);
        if (extracted.failed.length > 0) context.logger.warn(`calibrate-eps: ${extracted.failed.length} image(s) skipped`);
      } finally {
        bar.stop();
        await extractor.close();
      }
      if (args.labelsFromFolders) labels = { identity: labelsFromNames(names, 'identity'), look: labelsFromNames(names, 'look') };
    }
    if (labelsFile && given) labels = checkLabelCount(given, labelsFile, features.n);
    const engine = createNeighbourEngine(args.engine, args.threads);
    try {
      const report = await calibrateEps(features, {
        metric: args.metric,
        rerank: args.rerank,
        rerankOptions: { k1: args.k1, k2: args.k2, lambda: args.lambda },
        minSamples: args.minSamples,
        engine,
        ...(labels ?? {}),
      });
      context.stdout(formatCalibrationReport(report));
      if (args.jsonOut) await context.files.writeAtomic(resolvePath(context, args.jsonOut), jsonText(report));
    } finally {
      await engine.close();
    }
    return 0;
  },
});
