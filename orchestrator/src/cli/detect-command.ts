/** `clonedperson detect`: people, view qualification and garment landmarks from photos. */
import path from 'node:path';
import { DETECTIONS_FILE } from '../contracts/detections.js';
import { DETECT_SUMMARY_FILE, detectBatch } from '../detect/detect-batch.js';
import { readAnnotations } from '../detect/importers/read-annotations.js';
import { loadGarmentModels } from '../detect/models/garment-models.js';
import { loadBuiltinPersonModels } from '../detect/models/person-models.js';
import { QUALIFICATION_DEFAULTS } from '../detect/view-qualification.js';
import type { QualificationOptions } from '../detect/view-qualification.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger, describeValue, readJsonOption, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface DetectArgs {
  images: string;
  out: string;
  models?: string;
  annotations?: string;
  minHeightPx: number;
  qualification?: string;
  threads: number;
  crops: boolean;
  overlays: boolean;
  force: boolean;
}

/** Ranges of the thresholds `--qualification` may set. */
const QUALIFICATION_RANGES: Record<keyof QualificationOptions, [number, number] | 'boolean'> = {
  minKeypointScore: [0, 1],
  minFaceScore: [0, 1],
  minHeightPx: [1, 100000],
  minAspect: [0, 100],
  maxAspect: [0, 100],
  minShoulderRatio: [0, 10],
  borderMarginPx: [0, 10000],
  maxBorderCells: [0, 1e9],
  maxOverlap: [0, 1],
  armsClear: 'boolean',
  armsMargin: [-0.5, 1],
};

/** The thresholds a `--qualification` JSON object overrides (E_USAGE naming the key otherwise). */
export function qualificationOverrides(value: unknown, flag = '--qualification'): Partial<QualificationOptions> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw usageError('a JSON object of qualification thresholds', flag, describeValue(value));
  const out: Record<string, number | boolean> = {};
  for (const [key, v] of Object.entries(value)) {
    const range = QUALIFICATION_RANGES[key as keyof QualificationOptions];
    if (range === undefined) throw usageError(`one of ${Object.keys(QUALIFICATION_RANGES).join(', ')}`, `a key of ${flag}`, JSON.stringify(key));
    if (range === 'boolean') {
      if (typeof v !== 'boolean') throw usageError('true or false', `${flag} ${key}`, describeValue(v));
    } else if (typeof v !== 'number' || !Number.isFinite(v) || v < range[0] || v > range[1]) {
      throw usageError(`a number from ${range[0]} to ${range[1]}`, `${flag} ${key}`, describeValue(v));
    }
    out[key] = v;
  }
  return out;
}

export const detectCommand = defineCommand<DetectArgs>({
  command: 'detect',
  describe: 'Find people in photos, keep clear front-facing full-body views and place their garment landmarks (detections.jsonl)',
  fields: { imagesDir: '--images', outDir: '--out' },
  builder: (y) =>
    y
      .option('images', { type: 'string', demandOption: true, describe: 'Folder of photos (recursive)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder: detections.jsonl, detect-summary.json, crops/, records/ (overlays/ with --overlays)' })
      .option('models', { type: 'string', describe: 'Model registry folder: descriptions overriding the built-in person models by id, and garment-detector / garment-landmarks models that replace the garment estimate' })
      .option('annotations', { type: 'string', describe: 'Existing annotations: DeepFashion2 JSON (a file or a folder of per-image files), COCO person keypoints JSON, or the authors\' CSV' })
      .option('min-height-px', { type: 'number', default: QUALIFICATION_DEFAULTS.minHeightPx, describe: 'Shortest person box that can qualify, pixels' })
      .option('qualification', { type: 'string', describe: 'JSON file overriding qualification thresholds (minKeypointScore, minFaceScore, minAspect, maxAspect, minShoulderRatio, borderMarginPx, maxBorderCells, maxOverlap, armsClear, armsMargin)' })
      .option('threads', { type: 'number', default: 1, describe: 'onnxruntime threads per model' })
      .option('crops', { type: 'boolean', default: true, describe: 'Save a JPEG crop of every person (--no-crops: none)' })
      .option('overlays', { type: 'boolean', default: false, describe: 'Also save each photo with boxes, keypoints and landmark polygons drawn over it' })
      .option('force', { type: 'boolean', default: false, describe: 'Redo photos whose records are up to date' })
      .check((argv) => {
        checkInteger(argv, '--min-height-px', 1);
        checkInteger(argv, '--threads', 1, 64);
        return true;
      })
      .example('$0 detect --images photos/ --out out/detect', 'Detect with the built-in models and estimate the garments')
      .example('$0 detect --images photos/ --annotations annos/ --out out/detect', 'Take the garments from DeepFashion2 annotations'),
  run: async (args, context) => {
    const imagesDir = await inputPath(context, '--images', args.images);
    const modelsDir = await optionalInputPath(context, '--models', args.models);
    const annotationsPath = await optionalInputPath(context, '--annotations', args.annotations);
    const qualificationFile = await optionalInputPath(context, '--qualification', args.qualification);
    const qualification = {
      ...(qualificationFile ? qualificationOverrides(await readJsonOption(context.files, qualificationFile, '--qualification')) : {}),
      minHeightPx: args.minHeightPx,
    };
    const annotations = annotationsPath ? await readAnnotations(annotationsPath, context.files) : undefined;
    const outDir = resolvePath(context, args.out);
    const models = await loadBuiltinPersonModels({ ...(modelsDir ? { modelsDir } : {}), threads: args.threads, files: context.files, logger: context.logger, env: context.env });
    const bar = createProgressBar(context, 'detect');
    let summary;
    let garmentModels;
    try {
      garmentModels = await loadGarmentModels(modelsDir, { threads: args.threads, files: context.files, logger: context.logger, env: context.env });
      summary = await detectBatch({
        imagesDir,
        outDir,
        models,
        ...(garmentModels ? { garmentModels } : {}),
        ...(annotations ? { annotations } : {}),
        qualification,
        crops: args.crops,
        overlays: args.overlays,
        force: args.force,
        files: context.files,
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
      await models.close();
      await garmentModels?.close();
    }
    const reasons = Object.entries(summary.rejections).map(([reason, n]) => `${reason} ${n}`).join(', ');
    context.stdout(
      `detect: ${summary.photos} photos: ${summary.detected} detected, ${summary.resumed} up to date, ${summary.failed.length} failed; ` +
        `${summary.people} people, ${summary.qualified} qualified${reasons ? ` (rejected: ${reasons})` : ''}, in ${summary.seconds.toFixed(1)} s -> ${path.join(outDir, DETECTIONS_FILE)}\n`,
    );
    for (const failure of summary.failed) context.stdout(`  ${failure.image}: ${failure.code}: ${failure.message}\n`);
    if (summary.failed.length > 0) {
      throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} item(s) failed; details in ${path.join(outDir, DETECT_SUMMARY_FILE)}`);
    }
    return 0;
  },
});
