/** `clonedperson characters`: one MakeHuman character (.glb + .mhm + card) per selected identity. */
import path from 'node:path';
import { ACCESSORY_DEFAULTS } from '../characters/body-generator.js';
import type { AccessoryLists, HeightRule } from '../characters/body-generator.js';
import { CHARACTERS_DEFAULTS, makeCharacters } from '../characters/characters-batch.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { DEFAULT_SEED } from '../shared/random.js';
import { defineCommand } from './cli-command.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { openMakeHumanData, withMakeHumanDataOptions } from './makehuman-data-options.js';
import type { MakeHumanDataArgs } from './makehuman-data-options.js';
import { checkInteger, describeValue, readJsonOption, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface CharactersArgs extends MakeHumanDataArgs {
  selection: string;
  textures: string;
  out: string;
  skeleton: string;
  seed?: number;
  heightRule: HeightRule;
  accessories?: string;
  force: boolean;
}

/** The accessory lists of an `--accessories` JSON file: known keys, each of its default's type. */
async function readAccessories(files: FileStore, file: string): Promise<Partial<AccessoryLists>> {
  const json = await readJsonOption(files, file, '--accessories');
  const keys = Object.keys(ACCESSORY_DEFAULTS);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw usageError(`a JSON object with keys among ${keys.join(', ')}`, '--accessories', `${JSON.stringify(file)} holding ${Array.isArray(json) ? 'an array' : describeValue(json)}`);
  const out: Partial<AccessoryLists> = {};
  for (const [key, value] of Object.entries(json)) {
    if (!keys.includes(key)) throw usageError(`keys among ${keys.join(', ')}`, '--accessories', `${JSON.stringify(key)} in ${file}`);
    const fallback = (ACCESSORY_DEFAULTS as Record<string, unknown>)[key];
    const ok = Array.isArray(fallback) ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === typeof fallback;
    if (!ok) throw usageError(`${Array.isArray(fallback) ? 'a list of names' : `a ${typeof fallback}`} as ${key}`, '--accessories', `${JSON.stringify(value)} in ${file}`);
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export const charactersCommand = defineCommand<CharactersArgs>({
  command: 'characters',
  describe: 'Make one MakeHuman character (.glb, .mhm, card.json) per identity of a selection, wearing its cloned outfit',
  fields: { selectionFile: '--selection', texturesDir: '--textures', outDir: '--out' },
  builder: (y) =>
    withMakeHumanDataOptions(y)
      .option('selection', { type: 'string', demandOption: true, describe: 'selection.json from `clonedperson cluster`' })
      .option('textures', { type: 'string', demandOption: true, describe: 'Output folder of `clonedperson clone` (outfits/, textures/)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder: <id>/character.glb, character.mhm, card.json and characters.json' })
      .option('skeleton', { type: 'string', default: CHARACTERS_DEFAULTS.skeleton, describe: 'Rig: cmu_mb (ClonedPerson) or default' })
      .option('seed', { type: 'number', describe: `Run seed for the random bodies [default: the selection's seed, else ${DEFAULT_SEED}]` })
      .option('height-rule', {
        choices: ['measured', 'paper'] as const,
        default: CHARACTERS_DEFAULTS.heightRule,
        describe: 'measured: bodies measure the drawn height; paper: Height slider = cm / 200 as the authors wrote it',
      })
      .option('accessories', { type: 'string', describe: 'JSON file overriding the hair/beard/shoes/skin/eyebrow/eye lists' })
      .option('force', { type: 'boolean', default: false, describe: 'Remake characters whose card.json is up to date' })
      .check((argv) => {
        checkInteger(argv, '--seed', 0);
        return true;
      })
      .example('$0 characters --selection out/cluster/selection.json --textures out/clone --out out/characters', 'Characters for every selected identity'),
  run: async (args, context) => {
    const selectionFile = await inputPath(context, '--selection', args.selection);
    const texturesDir = await inputPath(context, '--textures', args.textures);
    const accessoriesFile = await optionalInputPath(context, '--accessories', args.accessories);
    const accessories = accessoriesFile ? await readAccessories(context.files, accessoriesFile) : undefined;
    const data = await openMakeHumanData(args, context);
    const bar = createProgressBar(context, 'characters');
    const outDir = resolvePath(context, args.out);
    const started = Date.now();
    let summary;
    try {
      summary = await makeCharacters({
        data,
        selectionFile,
        texturesDir,
        outDir,
        skeleton: args.skeleton,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        heightRule: args.heightRule,
        ...(accessories ? { accessories } : {}),
        force: args.force,
        logger: context.logger,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    context.stdout(
      `characters: ${summary.total} identities: ${summary.made} made, ${summary.skipped} up to date, ${summary.failed.length} failed, in ${seconds.toFixed(1)} s -> ${outDir}\n`,
    );
    for (const failure of summary.failed) context.stdout(`  identity ${failure.identity} (${failure.image}): ${failure.code}: ${failure.message}\n`);
    if (summary.failed.length > 0) {
      throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} identit${summary.failed.length === 1 ? 'y' : 'ies'} failed; details in ${path.join(outDir, 'characters.json')}`);
    }
    return 0;
  },
});
