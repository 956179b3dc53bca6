/** `clonedperson characters`: one MakeHuman character (.glb + .mhm + card) per selected identity. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { ACCESSORY_DEFAULTS } from '../characters/body-generator.js';
import type { AccessoryLists, HeightRule } from '../characters/body-generator.js';
import { CHARACTERS_DEFAULTS, makeCharacters } from '../characters/characters-batch.js';
import { resolveDataRoots, rootsInOrder } from '../makehuman/data-root.js';
import { MakeHumanData } from '../makehuman/makehuman-data.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

/** Options shared by the commands that read MakeHuman data. */
export interface MakeHumanDataArgs {
  mhData?: string;
  mhSysData?: string;
  targets: 'auto' | 'text' | 'npz';
  targetsNpz?: string;
}

/** Adds the MakeHuman data options (`--mh-data`, `--mh-sys-data`, `--targets`, `--targets-npz`). */
export function withMakeHumanDataOptions(y: Argv): Argv {
  return y
    .option('mh-data', { type: 'string', describe: 'MakeHuman user data folder, searched first [env CLONEDPERSON_MH_DATA]' })
    .option('mh-sys-data', {
      type: 'string',
      describe: 'MakeHuman system data folder (base.obj, targets, rigs, clothes...) [env CLONEDPERSON_MH_SYS_DATA, then the fetched assets]',
    })
    .option('targets', { choices: ['auto', 'text', 'npz'] as const, default: 'auto' as const, describe: 'Morph targets from text .target files or the release targets.npz' })
    .option('targets-npz', { type: 'string', describe: 'A release targets.npz to read targets from (implies --targets npz)' });
}

/** Opens the MakeHuman data for parsed CLI arguments. */
export function openMakeHumanData(args: MakeHumanDataArgs, cwd: string, logger: Logger): MakeHumanData {
  const roots = resolveDataRoots({
    ...(args.mhData ? { mhData: args.mhData } : {}),
    ...(args.mhSysData ? { mhSysData: args.mhSysData } : {}),
    cwd,
  });
  if (rootsInOrder(roots).length === 0) {
    throw new ClonedPersonError(
      'E_ASSET_MISSING',
      `characters: no MakeHuman data found (looked at ${roots.missing.join(', ') || 'the default folders'}); run \`clonedperson assets fetch\` or pass --mh-sys-data`,
      { details: { missing: roots.missing } },
    );
  }
  logger.debug(`characters: data roots ${rootsInOrder(roots).join(', ')}`);
  return new MakeHumanData(roots, {
    logger,
    targets: args.targetsNpz ? 'npz' : args.targets,
    ...(args.targetsNpz ? { targetsNpz: path.resolve(cwd, args.targetsNpz) } : {}),
  });
}

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

async function readAccessories(file: string): Promise<Partial<AccessoryLists>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new ClonedPersonError('E_ARGUMENT', `characters: --accessories ${file}: ${(cause as Error).message}`, { cause });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ClonedPersonError('E_ARGUMENT', `characters: --accessories ${file}: expected a JSON object`);
  const out: Partial<AccessoryLists> = {};
  for (const [key, value] of Object.entries(json)) {
    if (!(key in ACCESSORY_DEFAULTS)) throw new ClonedPersonError('E_ARGUMENT', `characters: --accessories ${file}: unknown key ${key} (have ${Object.keys(ACCESSORY_DEFAULTS).join(', ')})`);
    const fallback = (ACCESSORY_DEFAULTS as Record<string, unknown>)[key];
    const ok = Array.isArray(fallback) ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === typeof fallback;
    if (!ok) throw new ClonedPersonError('E_ARGUMENT', `characters: --accessories ${file}: ${key} must be ${Array.isArray(fallback) ? 'a list of names' : `a ${typeof fallback}`}`);
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export const charactersCommand = defineCommand<CharactersArgs>({
  command: 'characters',
  describe: 'Make one MakeHuman character (.glb, .mhm, card.json) per identity of a selection, wearing its cloned outfit',
  builder: (y) =>
    withMakeHumanDataOptions(y)
      .option('selection', { type: 'string', demandOption: true, describe: 'selection.json from `clonedperson cluster`' })
      .option('textures', { type: 'string', demandOption: true, describe: 'Output folder of `clonedperson clone` (outfits/, textures/)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder: <id>/character.glb, character.mhm, card.json and characters.json' })
      .option('skeleton', { type: 'string', default: CHARACTERS_DEFAULTS.skeleton, describe: 'Rig: cmu_mb (ClonedPerson) or default' })
      .option('seed', { type: 'number', describe: 'Run seed for the random bodies [default: the selection\'s seed, else 1]' })
      .option('height-rule', {
        choices: ['measured', 'paper'] as const,
        default: CHARACTERS_DEFAULTS.heightRule,
        describe: 'measured: bodies measure the drawn height; paper: Height slider = cm / 200 as the authors wrote it',
      })
      .option('accessories', { type: 'string', describe: 'JSON file overriding the hair/beard/shoes/skin/eyebrow/eye lists' })
      .option('force', { type: 'boolean', default: false, describe: 'Remake characters whose card.json is up to date' })
      .check((argv) => {
        if (argv.seed !== undefined && (!Number.isInteger(argv.seed) || argv.seed < 0)) throw new Error('--seed must be a non-negative integer');
        return true;
      })
      .example('$0 characters --selection out/cluster/selection.json --textures out/clone --out out/characters', 'Characters for every selected identity'),
  run: async (args, context) => {
    const data = openMakeHumanData(args, context.cwd, context.logger);
    const bar = createProgressBar(context, 'characters');
    const outDir = path.resolve(context.cwd, args.out);
    const started = Date.now();
    let summary;
    try {
      summary = await makeCharacters({
        data,
        selectionFile: path.resolve(context.cwd, args.selection),
        texturesDir: path.resolve(context.cwd, args.textures),
        outDir,
        skeleton: args.skeleton,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        heightRule: args.heightRule,
        ...(args.accessories ? { accessories: await readAccessories(path.resolve(context.cwd, args.accessories)) } : {}),
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
