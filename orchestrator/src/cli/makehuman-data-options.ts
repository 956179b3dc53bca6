/** The MakeHuman data options shared by `characters` and `character`, and opening the data they name. */
import type { Argv } from 'yargs';
import { resolveDataRoots, rootsInOrder } from '../makehuman/data-root.js';
import { MakeHumanData } from '../makehuman/makehuman-data.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { CliContext } from './cli-context.js';
import { optionalInputPath } from './input-paths.js';

export interface MakeHumanDataArgs {
  mhData?: string;
  mhSysData?: string;
  targets: 'auto' | 'text' | 'npz';
  targetsNpz?: string;
}

/** Adds `--mh-data`, `--mh-sys-data`, `--targets` and `--targets-npz`. */
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

/**
 * Opens the MakeHuman data the arguments and the environment name. A folder named by a flag
 * must exist (E_INPUT_MISSING); no data anywhere is E_ASSET_MISSING.
 */
export async function openMakeHumanData(args: MakeHumanDataArgs, context: Pick<CliContext, 'cwd' | 'env' | 'files' | 'logger'>): Promise<MakeHumanData> {
  const mhData = await optionalInputPath(context, '--mh-data', args.mhData);
  const mhSysData = await optionalInputPath(context, '--mh-sys-data', args.mhSysData);
  const targetsNpz = await optionalInputPath(context, '--targets-npz', args.targetsNpz);
  const roots = await resolveDataRoots({ ...(mhData ? { mhData } : {}), ...(mhSysData ? { mhSysData } : {}), env: { ...context.env }, cwd: context.cwd, files: context.files });
  if (rootsInOrder(roots).length === 0) {
    throw new ClonedPersonError(
      'E_ASSET_MISSING',
      `characters: no MakeHuman data found (looked at ${roots.missing.join(', ') || 'the default folders'}); run \`clonedperson assets fetch\` or pass --mh-sys-data`,
      { details: { missing: roots.missing } },
    );
  }
  context.logger.debug(`characters: data roots ${rootsInOrder(roots).join(', ')}`);
  return new MakeHumanData(roots, {
    logger: context.logger,
    files: context.files,
    targets: targetsNpz ? 'npz' : args.targets,
    ...(targetsNpz ? { targetsNpz } : {}),
  });
}
