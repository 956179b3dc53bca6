/** `clonedperson dataset`: render folders + characters + selection -> a re-ID dataset folder. */
import type { DatasetCropRule, DatasetLayout } from '../contracts/dataset-record.js';
import { CROP_RULE_DEFAULTS } from '../dataset/crop-rules.js';
import { DATASET_DEFAULTS, writeDataset } from '../dataset/write-dataset.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { defineCommand } from './cli-command.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger, checkNumberInRange, describeValue, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface DatasetArgs {
  render: string[];
  characters: string;
  selection?: string;
  out: string;
  cropRule: DatasetCropRule['name'];
  layout: DatasetLayout;
  minVisibleFraction?: number;
  minHeightPx?: number;
  frameIntervalS?: number;
  resizePx?: string;
  jpegQuality: number;
  seed: number;
  coco: boolean;
  force: boolean;
}

/** `128x256` -> [128, 256]; E_USAGE naming the flag otherwise. */
function parseSize(text: unknown): [number, number] {
  const m = typeof text === 'string' ? /^(\d+)x(\d+)$/.exec(text.trim()) : null;
  const size = m ? ([Number(m[1]), Number(m[2])] as [number, number]) : undefined;
  if (!size || size.some((v) => v < 1 || v > 16384)) throw usageError('a size like 128x256 (width x height, 1-16384 px)', '--resize-px', describeValue(text));
  return size;
}

export const datasetCommand = defineCommand<DatasetArgs>({
  command: 'dataset',
  describe: 'Cut rendered frames into a person re-ID dataset (train, query, gallery) with dataset.json and a dataset card',
  fields: { renders: '--render' },
  builder: (y) =>
    y
      .option('render', { type: 'string', array: true, demandOption: true, describe: 'Render folder (render.json + annotations.jsonl + frames), or a sweep folder of them; repeat for more scenes (numbered in this order)' })
      .option('characters', { type: 'string', demandOption: true, describe: 'Characters folder (characters.json) or the characters.json file' })
      .option('selection', { type: 'string', describe: 'selection.json (identities and their train/test split) [default: the one characters.json names]' })
      .option('out', { type: 'string', demandOption: true, describe: 'Dataset folder' })
      .option('crop-rule', { type: 'string', choices: ['default', 'authors'], default: DATASET_DEFAULTS.cropRule, describe: "default: the player's amodal box, dropping truncated, occluded and small persons; authors: the paper's keypoint box" })
      .option('layout', { type: 'string', choices: ['clonedperson', 'market'], default: DATASET_DEFAULTS.layout, describe: 'clonedperson: train/, test/query/, test/gallery/; market: bounding_box_train/, query/, bounding_box_test/ with Market-1501 names' })
      .option('min-visible-fraction', { type: 'number', describe: `Default rule: drop persons less visible than this [default: ${CROP_RULE_DEFAULTS.default.minVisibleFraction}]` })
      .option('min-height-px', { type: 'number', describe: `Drop persons shorter than this [default: ${CROP_RULE_DEFAULTS.default.minHeightPx} (default rule, amodal box), ${CROP_RULE_DEFAULTS.authors.minHeightPx} (authors, with margins)]` })
      .option('frame-interval-s', { type: 'number', describe: `Use one render step every this many seconds, 0 = every step [default: ${CROP_RULE_DEFAULTS.default.frameIntervalS}]` })
      .option('resize-px', { type: 'string', describe: 'Resample every crop to WIDTHxHEIGHT, e.g. 128x256 [default: crops keep their size in the frame]' })
      .option('jpeg-quality', { type: 'number', default: DATASET_DEFAULTS.jpegQuality, describe: 'JPEG quality 1-100' })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of the query/gallery split' })
      .option('coco', { type: 'boolean', default: DATASET_DEFAULTS.coco, describe: 'Also write coco.json: the sampled full frames with person boxes and 17 keypoints' })
      .option('force', { type: 'boolean', default: false, describe: 'Rewrite the dataset even when it is up to date' })
      .check((argv) => {
        checkNumberInRange(argv, '--min-visible-fraction', { min: 0, max: 1 });
        checkNumberInRange(argv, '--min-height-px', { min: 1, max: 100000 });
        checkNumberInRange(argv, '--frame-interval-s', { min: 0, max: 3600 });
        checkInteger(argv, '--jpeg-quality', 1, 100);
        checkInteger(argv, '--seed', 0);
        if (argv.resizePx !== undefined) parseSize(argv.resizePx);
        return true;
      })
      .example('$0 dataset --render out/render --characters out/characters --out out/dataset', 'The default crop rule, the authors\' layout')
      .example('$0 dataset --render out/render/street --render out/render/plaza --characters out/characters --out out/market --layout market --crop-rule authors', 'Two scenes, Market-1501 layout, the authors\' crop rule'),
  run: async (args, context) => {
    const renders: string[] = [];
    for (const render of args.render) renders.push(await inputPath(context, '--render', render));
    const characters = await inputPath(context, '--characters', args.characters);
    const selection = await optionalInputPath(context, '--selection', args.selection);
    const out = resolvePath(context, args.out);
    const bar = createProgressBar(context, 'dataset');
    let summary;
    try {
      summary = await writeDataset({
        renders,
        characters,
        selection,
        out,
        cropRule: args.cropRule,
        cropRuleOptions: { minVisibleFraction: args.minVisibleFraction, minHeightPx: args.minHeightPx, frameIntervalS: args.frameIntervalS },
        layout: args.layout,
        ...(args.resizePx === undefined ? {} : { resizePx: parseSize(args.resizePx) }),
        jpegQuality: args.jpegQuality,
        seed: args.seed,
        coco: args.coco,
        force: args.force,
        files: context.files,
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    const { train, query, gallery } = summary.record.counts;
    const dropped = Object.entries(summary.record.rejections)
      .filter(([reason]) => reason !== 'not-sampled')
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    const state = summary.upToDate ? 'up to date' : `${summary.written} crops written${summary.reused ? `, ${summary.reused} kept from an interrupted write` : ''} in ${(summary.timeMs / 1000).toFixed(1)} s`;
    context.stdout(
      `dataset: ${train.images} train (${train.identities} ids), ${query.images} query, ${gallery.images} gallery (${gallery.identities} ids) images; ` +
        `${summary.record.cameras} cameras in ${summary.record.scenes.length} scene(s); dropped: ${dropped || 'none'}; ${state} -> ${out}\n`,
    );
    return 0;
  },
});
