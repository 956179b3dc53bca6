/**
 * `clonedperson calibrate-eps`: the distance distribution of a feature extractor on a sample
 * and, with labels, the eps pair that best recovers identities (round 1) and looks (round 2).
 * The pair goes into the model's description (`embedding.eps.plain` / `.rerank`).
 */
import path from 'node:path';
import { calibrateEps, formatCalibrationReport } from '../clustering/calibration.js';
import type { FeatureMetric } from '../clustering/distance-metric.js';
import { builtinAppearanceExtractor, extractFeatures, onnxEmbeddingExtractor } from '../clustering/extract-features.js';
import type { FeatureExtractor } from '../clustering/extract-features.js';
import type { FeatureMatrix } from '../clustering/feature-matrix.js';
import { readImageList } from '../clustering/image-list.js';
import type { EngineName } from '../clustering/neighbour-engine.js';
import { createNeighbourEngine } from '../clustering/neighbour-search.js';
import { readFeatureMatrixNpy } from '../clustering/npy-file.js';
import { RERANK_DEFAULTS } from '../clustering/reranking.js';
import { syntheticPeople } from '../clustering/synthetic-people.js';
import { loadModel } from '../models/model-session.js';
import { findModelDescription } from '../models/model-registry.js';
import { ClonedPersonError } from '../shared/errors.js';
import { readFileOrThrow, writeJsonAtomic } from '../shared/files.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

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

export const calibrateEpsCommand = defineCommand<CalibrateArgs>({
  command: 'calibrate-eps',
  describe: 'Print the distance distribution of a feature extractor and suggest the DBSCAN eps pair for `cluster`',
  builder: (y) =>
    y
      .option('images', { type: 'string', describe: 'A sample of person images (folder or detections JSONL)' })
      .option('model', { type: 'string', describe: 'ONNX re-ID model to calibrate [default: the built-in descriptor]' })
      .option('model-config', { type: 'string', describe: 'JSON description of --model' })
      .option('features', { type: 'string', describe: 'Precomputed features .npy [N, D] instead of --images' })
      .option('synthetic', { type: 'number', describe: 'Generate this many looks of synthetic people (labelled) and use the built-in descriptor' })
      .option('labels', { type: 'string', describe: 'JSON {"identity": [...], "look": [...]}, one label per image/row (-1 = none)' })
      .option('labels-from-folders', { type: 'boolean', default: false, describe: 'Labels from --images paths: <look>/<identity>/<file>' })
      .option('rerank', { type: 'boolean', default: true, describe: 'Calibrate for re-ranked distances (--no-rerank: plain)' })
      .option('min-samples', { type: 'number', default: 4, describe: 'DBSCAN min_samples the pair is for' })
      .option('metric', { type: 'string', choices: ['cosine', 'euclidean'], default: 'cosine', describe: 'Distance' })
      .option('k1', { type: 'number', default: RERANK_DEFAULTS.k1, describe: 'Re-ranking k1' })
      .option('k2', { type: 'number', default: RERANK_DEFAULTS.k2, describe: 'Re-ranking k2' })
      .option('lambda', { type: 'number', default: RERANK_DEFAULTS.lambda, describe: 'Re-ranking lambda' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of --synthetic' })
      .option('json-out', { type: 'string', describe: 'Also write the full report as JSON' })
      .option('engine', { type: 'string', choices: ['onnx', 'js'], default: 'onnx', describe: 'GEMM engine' })
      .option('threads', { type: 'number', describe: 'Threads [default: all cores]' })
      .check((argv) => {
        const sources = [argv.images, argv.features, argv.synthetic].filter((v) => v !== undefined).length;
        if (sources !== 1) throw new Error('give exactly one of --images, --features, --synthetic');
        if (argv.synthetic !== undefined && (!Number.isInteger(argv.synthetic) || (argv.synthetic) < 2)) throw new Error('--synthetic must be an integer >= 2');
        return true;
      })
      .example('$0 calibrate-eps --synthetic 200', 'Calibrate the built-in descriptor on generated people (how its bundled pair was made)')
      .example('$0 calibrate-eps --images sample/ --labels-from-folders --model osnet.onnx', 'Calibrate a model on a labelled sample <look>/<identity>/<image>'),
  run: async (args, context) => {
    const resolve = (p: string | undefined): string | undefined => (p === undefined ? undefined : path.resolve(context.cwd, p));
    let features: FeatureMatrix;
    let identity: Int32Array | undefined;
    let look: Int32Array | undefined;
    let names: string[] = [];
    if (args.synthetic !== undefined) {
      const people = syntheticPeople({ looks: args.synthetic, seed: args.seed });
      const rows = await builtinAppearanceExtractor().extract(people.images);
      const d = rows[0].length;
      const data = new Float32Array(rows.length * d);
      rows.forEach((row, i) => data.set(row, i * d));
      features = { n: rows.length, d, data };
      identity = people.identity;
      look = people.look;
    } else if (args.features) {
      features = await readFeatureMatrixNpy(resolve(args.features)!);
    } else {
      const list = await readImageList(resolve(args.images)!);
      let extractor: FeatureExtractor;
      if (args.model) {
        const entry = await findModelDescription(resolve(args.model)!, resolve(args.modelConfig));
        extractor = await onnxEmbeddingExtractor(await loadModel(entry.description, resolve(args.model)!, { threads: args.threads }));
      } else {
        extractor = builtinAppearanceExtractor();
      }
      const bar = createProgressBar(context, 'features');
      try {
        const extracted = await extractFeatures(list.items, extractor, { logger: context.logger, onProgress: bar.update });
        features = extracted.features;
        names = extracted.kept.map((i) => list.items[i].image);
        if (extracted.failed.length > 0) context.logger.warn(`calibrate-eps: ${extracted.failed.length} image(s) skipped`);
      } finally {
        bar.stop();
        await extractor.close();
      }
      if (args.labelsFromFolders) {
        identity = labelsFromNames(names, 'identity');
        look = labelsFromNames(names, 'look');
      }
    }
    if (args.labels) {
      const json = JSON.parse((await readFileOrThrow(resolve(args.labels)!)).toString('utf8')) as { identity?: number[]; look?: number[] };
      if (!Array.isArray(json.identity) || !Array.isArray(json.look) || json.identity.length !== features.n || json.look.length !== features.n) {
        throw new ClonedPersonError('E_USAGE', `--labels needs "identity" and "look" arrays of ${features.n} integers`);
      }
      identity = Int32Array.from(json.identity);
      look = Int32Array.from(json.look);
    }
    const engine = createNeighbourEngine(args.engine, args.threads);
    try {
      const report = await calibrateEps(features, {
        metric: args.metric,
        rerank: args.rerank,
        rerankOptions: { k1: args.k1, k2: args.k2, lambda: args.lambda },
        minSamples: args.minSamples,
        engine,
        identity,
        look,
      });
      context.stdout(formatCalibrationReport(report));
      if (args.jsonOut) await writeJsonAtomic(resolve(args.jsonOut)!, report);
    } finally {
      await engine.close();
    }
    return 0;
  },
});
