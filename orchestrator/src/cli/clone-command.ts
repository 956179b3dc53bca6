/** `clonedperson clone`: copy outfits from photos onto garment UV maps. */
import path from 'node:path';
import { bundledCatalogPath, loadCatalog } from '../cloning/catalog.js';
import { cloneBatch } from '../cloning/clone-batch.js';
import { CLONE_DEFAULTS } from '../cloning/clone-outfit.js';
import { createOnnxFeatureExtractor } from '../cloning/onnx-feature-extractor.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface CloneArgs {
  garments: string;
  images?: string;
  imagesRoot?: string;
  catalog?: string;
  out: string;
  seed: number;
  sizePx: number;
  refine: boolean;
  nearestTemplates: boolean;
  steps: boolean;
  force: boolean;
  model?: string;
  modelConfig?: string;
  threads?: number;
}

export const cloneCommand = defineCommand<CloneArgs>({
  command: 'clone',
  describe: 'Clone outfits from photos onto 3D clothes UV maps (registered mapping + cloth-cell tiling)',
  fields: { garmentsFile: '--garments', imagesDir: '--images', outDir: '--out' },
  builder: (y) =>
    y
      .option('garments', {
        type: 'string',
        demandOption: true,
        describe: 'Garments per image: JSONL ({image, category, landmarks}) or the authors\' CSV (.csv)',
      })
      .option('images', { type: 'string', describe: 'Folder the image paths are relative to [default: the garment list\'s folder]' })
      .option('images-root', {
        type: 'string',
        describe: 'Name outfits by the image path relative to this folder (give the folder `cluster --images` was given) [default: --images]',
      })
      .option('catalog', {
        type: 'string',
        describe: 'Garment templates: a folder of JSON templates, a JSON file, or the authors\' model.csv [default: the bundled catalog]',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (textures/, outfits/, steps/, summary.json)' })
      .option('seed', { type: 'number', default: CLONE_DEFAULTS.seed, describe: 'Seed for template choices' })
      .option('size-px', { type: 'number', default: CLONE_DEFAULTS.sizePx, describe: 'Side of the square textures in pixels (16-8192)' })
      .option('refine', { type: 'boolean', default: CLONE_DEFAULTS.refine, describe: 'Levenberg-Marquardt refinement of homographies (--no-refine: DLT only)' })
      .option('nearest-templates', {
        type: 'boolean',
        default: CLONE_DEFAULTS.nearestTemplates,
        describe: 'Dress garments without a template of their category by the nearest templates (--no-nearest-templates: E_NO_TEMPLATE)',
      })
      .option('steps', { type: 'boolean', default: CLONE_DEFAULTS.steps, describe: 'Also write intermediate images (masks, warps, cell box, tiling)' })
      .option('force', { type: 'boolean', default: false, describe: 'Redo outfits whose outputs are already up to date' })
      .option('model', {
        type: 'string',
        describe: 'ONNX re-ID backbone for the cloth-cell search (kind "feature-map" in the model registry) [default: built-in appearance features]',
      })
      .option('model-config', { type: 'string', describe: 'JSON description of --model [default: <model>.json beside it]' })
      .option('threads', { type: 'number', describe: 'onnxruntime threads for --model [default: all cores]' })
      .check((argv) => {
        checkInteger(argv, '--size-px', 16, 8192);
        checkInteger(argv, '--seed', 0);
        checkInteger(argv, '--threads', 1);
        return true;
      })
      .example(
        '$0 clone --garments Source/example.csv --catalog Resources/model.csv --out out/clone --steps',
        'Clone the authors\' sample outfits with their garment table',
      ),
  run: async (args, context) => {
    const garmentsFile = await inputPath(context, '--garments', args.garments);
    const imagesDir = args.images ? await inputPath(context, '--images', args.images) : path.dirname(garmentsFile);
    const imagesRoot = await optionalInputPath(context, '--images-root', args.imagesRoot);
    const catalogPath = args.catalog ? await inputPath(context, '--catalog', args.catalog) : bundledCatalogPath();
    const modelFile = await optionalInputPath(context, '--model', args.model);
    const modelConfig = await optionalInputPath(context, '--model-config', args.modelConfig);
    const catalog = await loadCatalog(catalogPath, context.files);
    for (const [id, problems] of catalog.problems) context.logger.warn(`clone: template ${id} is not usable: ${problems.join('; ')}`);
    const extractor = modelFile
      ? await createOnnxFeatureExtractor(modelFile, { ...(modelConfig ? { config: modelConfig } : {}), ...(args.threads === undefined ? {} : { threads: args.threads }) })
      : undefined;
    const bar = createProgressBar(context, 'clone');
    const outDir = resolvePath(context, args.out);
    let summary;
    try {
      summary = await cloneBatch({
        garmentsFile,
        imagesDir,
        ...(imagesRoot ? { imagesRoot } : {}),
        catalog,
        outDir,
        seed: args.seed,
        sizePx: args.sizePx,
        refine: args.refine,
        nearestTemplates: args.nearestTemplates,
        steps: args.steps,
        force: args.force,
        ...(extractor ? { extractor } : {}),
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
      await extractor?.close();
    }
    context.stdout(
      `clone: ${summary.outfits} outfits: ${summary.cloned} cloned (${summary.textures} textures), ${summary.resumed} up to date, ` +
        `${summary.failed.length} failed, in ${summary.seconds.toFixed(1)} s -> ${outDir}\n`,
    );
    for (const failure of summary.failed) {
      context.stdout(`  ${failure.image ?? failure.where ?? '?'}: ${failure.code}: ${failure.message}\n`);
    }
    if (summary.failed.length > 0) {
      throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} item(s) failed; details in ${path.join(outDir, 'summary.json')}`);
    }
    return 0;
  },
});
