/** `clonedperson catalog`: check, import and export garment template catalogs. */
import path from 'node:path';
import { loadCatalog } from '../cloning/catalog.js';
import { DEEPFASHION2_CATEGORIES } from '../contracts/garment-categories.js';
import { isIrregular } from '../contracts/garment-template.js';
import { serializeModelCsv } from '../cloning/model-csv.js';
import { ClonedPersonError } from '../shared/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../shared/files.js';
import { defineCommand } from './cli-command.js';

interface CatalogArgs {
  action: 'check' | 'import' | 'export';
  source: string;
  out?: string;
}

export const catalogCommand = defineCommand<CatalogArgs>({
  command: 'catalog <action> <source>',
  describe: 'Check a garment catalog, import the authors\' model.csv as JSON templates, or export templates as model.csv',
  builder: (y) =>
    y
      .positional('action', { choices: ['check', 'import', 'export'] as const, describe: 'What to do' })
      .positional('source', { type: 'string', describe: 'A folder of JSON templates, a JSON file, or a model.csv' })
      .option('out', { type: 'string', describe: 'import: folder for the JSON templates; export: the model.csv to write' })
      .example('$0 catalog check Resources/model.csv', 'List templates per category and any unusable ones')
      .example('$0 catalog import Resources/model.csv --out catalog/', 'One JSON template per model.csv row'),
  run: async (args, context) => {
    const catalog = await loadCatalog(path.resolve(context.cwd, args.source));
    if (args.action === 'check') {
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
    }
    if (!args.out) throw new ClonedPersonError('E_USAGE', `catalog ${args.action} needs --out`);
    const out = path.resolve(context.cwd, args.out);
    if (args.action === 'import') {
      for (const template of catalog.templates) await writeJsonAtomic(path.join(out, `${template.id}.json`), template);
      context.stdout(`catalog: wrote ${catalog.templates.length} templates to ${out}\n`);
    } else {
      await writeFileAtomic(out, `${serializeModelCsv(catalog.templates)}\n`);
      context.stdout(`catalog: wrote ${catalog.templates.length} rows to ${out}\n`);
    }
    return 0;
  },
});
