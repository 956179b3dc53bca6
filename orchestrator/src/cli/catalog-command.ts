/** `clonedperson catalog check|import|export <source>`: garment template catalogs. */
import path from 'node:path';
import { loadCatalog } from '../cloning/catalog.js';
import type { GarmentCatalog } from '../cloning/catalog.js';
import { serializeModelCsv } from '../cloning/model-csv.js';
import { DEEPFASHION2_CATEGORIES } from '../contracts/garment-categories.js';
import { isIrregular } from '../contracts/garment-template.js';
import { defineCommand, defineGroup } from './cli-command.js';
import type { CliCommand } from './cli-command.js';
import type { CliContext } from './cli-context.js';
import { inputPath, resolvePath } from './input-paths.js';
import { GARMENT_TEMPLATE_CONTRACT } from '../contracts/garment-template.js';

interface SourceArgs {
  source: string;
}

interface ConvertArgs extends SourceArgs {
  out: string;
}

const SOURCE = { type: 'string', describe: 'A folder of JSON templates, a JSON file, or a model.csv' } as const;

async function openCatalog(args: SourceArgs, context: CliContext): Promise<GarmentCatalog> {
  return loadCatalog(await inputPath(context, '<source>', args.source), context.files);
}

const checkCommand = defineCommand<SourceArgs>({
  command: 'check <source>',
  describe: 'List a catalog\'s templates per category and any unusable ones (exit 1 when some are)',
  builder: (y) => y.positional('source', SOURCE).example('$0 catalog check Resources/model.csv', 'Templates per category of the authors\' table'),
  run: async (args, context) => {
    const catalog = await openCatalog(args, context);
    const counts = new Map<string, { regular: number; irregular: number }>();
    for (const t of catalog.templates) {
      const key = t.categories.map((c) => DEEPFASHION2_CATEGORIES[c]).join(' + ');
      const entry = counts.get(key) ?? { regular: 0, irregular: 0 };
      entry[isIrregular(t) ? 'irregular' : 'regular']++;
      counts.set(key, entry);
    }
    context.stdout(`catalog: ${catalog.templates.length} templates in ${catalog.source}\n`);
    for (const [key, c] of [...counts].sort()) context.stdout(`  ${key}: ${c.regular} regular, ${c.irregular} irregular\n`);
    for (const [id, problems] of catalog.problems) context.stdout(`  unusable ${id}: ${problems.join('; ')}\n`);
    return catalog.problems.size > 0 ? 1 : 0;
  },
});

const importCommand = defineCommand<ConvertArgs>({
  command: 'import <source>',
  describe: 'Write one JSON template per catalog entry (e.g. per row of the authors\' model.csv) into a folder',
  builder: (y) =>
    y
      .positional('source', SOURCE)
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for the JSON templates (<id>.json)' })
      .example('$0 catalog import Resources/model.csv --out catalog/', 'One JSON template per model.csv row'),
  run: async (args, context) => {
    const catalog = await openCatalog(args, context);
    const out = resolvePath(context, args.out);
    for (const template of catalog.templates) await context.files.writeAtomic(path.join(out, `${template.id}.json`), GARMENT_TEMPLATE_CONTRACT.format(template));
    context.stdout(`catalog: wrote ${catalog.templates.length} templates to ${out}\n`);
    return 0;
  },
});

const exportCommand = defineCommand<ConvertArgs>({
  command: 'export <source>',
  describe: 'Write a catalog as the authors\' model.csv',
  builder: (y) =>
    y
      .positional('source', SOURCE)
      .option('out', { type: 'string', demandOption: true, describe: 'The model.csv to write' })
      .example('$0 catalog export catalog/ --out model.csv', 'The JSON templates back as a model.csv'),
  run: async (args, context) => {
    const catalog = await openCatalog(args, context);
    const out = resolvePath(context, args.out);
    await context.files.writeAtomic(out, `${serializeModelCsv(catalog.templates)}\n`);
    context.stdout(`catalog: wrote ${catalog.templates.length} rows to ${out}\n`);
    return 0;
  },
});

export const catalogCommand = defineGroup({
  command: 'catalog',
  describe: 'Check a garment catalog, import the authors\' model.csv as JSON templates, or export templates as model.csv',
  subcommands: [checkCommand, importCommand, exportCommand] as CliCommand<never>[],
});
