/** `clonedperson clone`: copy outfits from photos onto garment UV maps. */
import path from 'node:path';
import { loadCatalog } from '../cloning/catalog.js';
import { cloneBatch } from '../cloning/clone-batch.js';
import { CLONE_DEFAULTS } from '../cloning/clone-outfit.js';
import { createOnnxFeatureExtractor } from '../cloning/onnx-feature-extractor.js';
import { ClonedPersonError } from '../shared/errors.js';
import { packageInfo } from '../shared/package-info.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

interface CloneArgs {
  garments: string;
  images?: string;
  catalog?: string;
  out: string;
  seed: number;
  size: number;
  refine: boolean;
  steps: boolean;
  force: boolean;
  featuresModel?: string;
  modelConfig?: string;
}

/** The catalog shipped with the package (templates for the CC0 MakeHuman clothes). */
export function bundledCatalogPath(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'garments');
}

export const cloneCommand = defineCommand<CloneArgs>({
  command: 'clone',
  describe: 'Clone outfits from photos onto 3D clothes UV maps (registered mapping + cloth-cell tiling)',
  builder: (y) =>
    y
      .option('garments', {
        type: 'string',
        demandOption: true,
        describe: 'Garments per image: JSONL ({image, category, landmarks}) or the authors\' CSV (.csv)',
      })
      .option('images', { type: 'string', describe: 'Folder the image paths are relative to [default: the garment list\'s folder]' })
      .option('catalog', {
        type: 'string',
        describe: 'Garment templates: a folder of JSON templates, a JSON file, or the authors\' model.csv [default: the bundled catalog]',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (textures/, outfits/, steps/, summary.json)' })
      .option('seed', { type: 'number', default: CLONE_DEFAULTS.seed, describe: 'Seed for template choices' })
      .option('size', { type: 'number', default: CLONE_DEFAULTS.sizePx, describe: 'Side of the square textures in pixels' })
      .option('refine', { type: 'boolean', default: CLONE_DEFAULTS.refine, describe: 'Levenberg-Marquardt refinement of homographies (--no-refine: DLT only)' })
      .option('steps', { type: 'boolean', default: CLONE_DEFAULTS.steps, describe: 'Also write intermediate images (masks, warps, cell box, tiling)' })
      .option('force', { type: 'boolean', default: false, describe: 'Redo outfits whose outputs are already up to date' })
      .option('features-model', {
        type: 'string',
        describe: 'ONNX re-ID backbone for the cloth-cell search (kind "feature-map" in the model registry) [default: built-in appearance features]',
      })
      .option('model-config', { type: 'string', describe: 'JSON description of --features-model [default: <model>.json beside it]' })
      .check((argv) => {
        if (!Number.isInteger(argv.size) || argv.size < 16 || argv.size > 8192) throw new Error('--size must be an integer from 16 to 8192');
        if (!Number.isInteger(argv.seed) || argv.seed < 0) throw new Error('--seed must be a non-negative integer');
        return true;
      })
      .example(
        '$0 clone --garments Source/example.csv --catalog Resources/model.csv --out out/clone --steps',
        'Clone the authors\' sample outfits with their garment table',
      ),
  run: async (args, context) => {
    const garmentsFile = path.resolve(context.cwd, args.garments);
    const catalogPath = args.catalog ? path.resolve(context.cwd, args.catalog) : bundledCatalogPath();
    const catalog = await loadCatalog(catalogPath);
    for (const [id, problems] of catalog.problems) context.logger.warn(`clone: template ${id} is not usable: ${problems.join('; ')}`);
    const extractor = args.featuresModel
      ? await createOnnxFeatureExtractor(path.resolve(context.cwd, args.featuresModel), {
          ...(args.modelConfig ? { config: path.resolve(context.cwd, args.modelConfig) } : {}),
        })
      : undefined;
    const bar = createProgressBar(context, 'clone');
    const outDir = path.resolve(context.cwd, args.out);
    let summary;
    try {
      summary = await cloneBatch({
        garmentsFile,
        imagesDir: args.images ? path.resolve(context.cwd, args.images) : path.dirname(garmentsFile),
        catalog,
        outDir,
        seed: args.seed,
        sizePx: args.size,
        refine: args.refine,
        steps: args.steps,
        force: args.force,
        ...(extractor ? { extractor } : {}),
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
      await extractor?.release();
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
