/** `clonedperson assets fetch|check`: the pinned MakeHuman system assets for the characters stage. */
import path from 'node:path';
import { checkAssets, fetchAssets } from '../assets/asset-fetch.js';
import { fetchedAssetsDir } from '../makehuman/data-root.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand, defineGroup } from './cli-command.js';
import type { CliCommand } from './cli-command.js';
import type { CliContext } from './cli-context.js';
import { inputPath, resolvePath } from './input-paths.js';
import { describeValue, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface DirArgs {
  dir?: string;
}

interface FetchArgs extends DirArgs {
  from?: string;
  force: boolean;
}

const DIR = {
  type: 'string',
  describe: 'Assets folder [default: $CLONEDPERSON_ASSETS_DIR, else ~/.local/share/clonedperson/assets]; makehuman/data inside it is a MakeHuman system data root',
} as const;

const HTTP_URL = /^https?:\/\//i;

function assetsDir(args: DirArgs, context: CliContext): string {
  return args.dir ? resolvePath(context, args.dir) : fetchedAssetsDir(context.env);
}

const fetchCommand = defineCommand<FetchArgs>({
  command: 'fetch',
  describe: 'Download (or copy from a mirror) the pinned CC0 MakeHuman system assets, verifying every sha256',
  builder: (y) =>
    y
      .option('from', {
        type: 'string',
        describe: 'Copy from a folder or http(s) mirror laid out like ../shared/assets [default: the pinned upstream repositories]',
      })
      .option('dir', DIR)
      .option('force', { type: 'boolean', default: false, describe: 'Re-download files that are already present and valid' })
      .check((argv) => {
        // a folder path or an http(s) URL; another scheme would be read as a relative folder
        if (typeof argv.from === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(argv.from) && !HTTP_URL.test(argv.from)) {
          throw usageError('a folder or an http(s) URL', '--from', describeValue(argv.from));
        }
        return true;
      })
      .example('$0 assets fetch --from ../shared/assets', 'Copy the developer data pack, verifying every file'),
  run: async (args, context) => {
    const dir = assetsDir(args, context);
    const from = args.from !== undefined && !HTTP_URL.test(args.from) ? await inputPath(context, '--from', args.from) : args.from;
    const bar = createProgressBar(context, 'assets');
    let summary;
    try {
      summary = await fetchAssets({ to: dir, ...(from ? { from } : {}), force: args.force, logger: context.logger, onProgress: bar.update });
    } finally {
      bar.stop();
    }
    context.stdout(
      `assets: ${summary.total} files: ${summary.fetched} fetched (${(summary.bytes / 1e6).toFixed(1)} MB), ${summary.present} already present, ${summary.failed.length} failed -> ${dir}\n`,
    );
    for (const failure of summary.failed.slice(0, 20)) context.stdout(`  ${failure.path}: ${failure.code}: ${failure.message}\n`);
    if (summary.failed.length > 20) context.stdout(`  ... and ${summary.failed.length - 20} more\n`);
    if (summary.failed.length > 0) throw new ClonedPersonError('E_ITEMS_FAILED', `${summary.failed.length} asset file(s) could not be fetched`);
    context.stdout(`assets: MakeHuman system data root: ${path.join(dir, 'makehuman', 'data')}\n`);
    return 0;
  },
});

const checkCommand = defineCommand<DirArgs>({
  command: 'check',
  describe: 'Report which pinned assets are present and valid (exit 3 when some are missing or differ)',
  builder: (y) => y.option('dir', DIR).example('$0 assets check', 'List what is present'),
  run: async (args, context) => {
    const dir = assetsDir(args, context);
    const summary = await checkAssets(dir);
    context.stdout(`assets: ${dir}: ${summary.present} of ${summary.total} pinned files present\n`);
    for (const [kind, { present, total }] of Object.entries(summary.byKind).sort()) {
      context.stdout(`  ${kind.padEnd(16)} ${String(present).padStart(4)} / ${total}\n`);
    }
    for (const file of summary.mismatched.slice(0, 20)) context.stdout(`  checksum mismatch: ${file}\n`);
    for (const file of summary.missing.slice(0, 20)) context.stdout(`  missing: ${file}\n`);
    if (summary.missing.length > 20) context.stdout(`  ... and ${summary.missing.length - 20} more missing\n`);
    if (summary.mismatched.length > 0) throw new ClonedPersonError('E_CHECKSUM', `${summary.mismatched.length} file(s) do not match their pinned sha256`);
    if (summary.missing.length > 0) throw new ClonedPersonError('E_ASSET_MISSING', `${summary.missing.length} pinned file(s) missing; run \`clonedperson assets fetch\``);
    return 0;
  },
});

export const assetsCommand = defineGroup({
  command: 'assets',
  describe: 'Fetch (with checksums) or check the pinned CC0 MakeHuman system assets',
  subcommands: [fetchCommand, checkCommand] as CliCommand<never>[],
});
