/**
 * The eval stage of a run: CMC and mAP of the dataset's test split (eval/evaluate.ts) with the
 * configured features, the report in eval/, the numbers in eval/eval.json and the manifest. A
 * dataset without queries (every test identity seen by a single camera) is recorded with zero
 * queries instead of failing the run.
 */
import path from 'node:path';
import { DATASET_FILES, DATASET_RECORD_CONTRACT } from '../../contracts/dataset-record.js';
import type { RunManifest } from '../../contracts/run-manifest.js';
import { evaluateDataset } from '../../eval/evaluate.js';
import { jsonText } from '../../shared/json-text.js';
import { RUN_FOLDERS } from '../run-layout.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

export const EVAL_RESULT_FILE = 'eval.json';

/** What eval.json holds: the manifest's evaluation, or null when there was nothing to evaluate. */
export type RunEvaluation = RunManifest['evaluation'] | null;

export function evalStep(context: RunContext): StageWork {
  const { config, files } = context;
  const dir = path.join(context.out, RUN_FOLDERS.eval);
  const resultFile = path.join(dir, EVAL_RESULT_FILE);
  const datasetDir = path.join(context.out, RUN_FOLDERS.dataset);
  return {
    name: 'eval',
    folder: RUN_FOLDERS.eval,
    key: () => Promise.resolve({ options: { ...config.eval, seed: config.seed }, inputs: { dataset: context.outputKeys.get('dataset') ?? '' } }),
    outputKey: () => hashFiles(files, [resultFile]),
    run: async (onProgress) => {
      const recordFile = path.join(datasetDir, DATASET_FILES.record);
      const record = DATASET_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
      const testIdentities = record.identities.filter((i) => i.split === 'test').length;
      if (record.counts.query.images === 0 || record.counts.gallery.images === 0) {
        context.logger.warn(`run: the dataset has ${record.counts.query.images} query and ${record.counts.gallery.images} gallery images; nothing to evaluate (a test identity needs two cameras)`);
        await files.writeAtomic(resultFile, jsonText(null));
        return { peopleIn: testIdentities, peopleOut: 0, counts: { queries: 0, gallery: record.counts.gallery.images }, dropped: [] };
      }
      const e = config.eval;
      const result = await evaluateDataset(datasetDir, {
        ...(e.model ? { model: e.model } : {}),
        ...(e.modelConfig ? { modelConfig: e.modelConfig } : {}),
        flip: e.flip,
        ...(e.metric ? { metric: e.metric } : {}),
        rerank: e.rerank,
        maxRank: e.maxRank,
        ...(e.report ? { report: path.join(dir, 'report') } : {}),
        reportQueries: e.reportQueries,
        seed: config.seed,
        engine: e.engine,
        files,
        logger: context.logger,
        onProgress,
      });
      const evaluation: RunEvaluation = { mAP: result.mAP, rank1: result.rank1, rank5: result.rank5, rank10: result.rank10, queries: result.validQueries, gallery: result.galleryImages };
      await files.writeAtomic(resultFile, jsonText({ ...evaluation, features: result.features, metric: result.metric, cmc: result.cmc }));
      return { peopleIn: testIdentities, peopleOut: testIdentities, counts: { queries: result.validQueries, gallery: result.galleryImages }, dropped: [] };
    },
  };
}
