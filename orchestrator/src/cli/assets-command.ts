/** `clonedperson assets fetch|check`: the pinned MakeHuman system assets for the characters stage. */
import path from 'node:path';
import { checkAssets, fetchAssets } from '../assets/asset-fetch.js';
import { fetchedAssetsDir } from '../makehuman/data-root.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

interface AssetsArgs {
  action: 'fetch' | 'check';
  from?: string;
  dir?: string;
  force: boolean;
}

export const assetsCommand = defineCommand<AssetsArgs>({
  command: 'assets <action>',
  describe: 'Fetch (with checksums) or check the pinned CC0 MakeHuman system assets',
  builder: (y) =>
    y
      .positional('action', { choices: ['fetch', 'check'] as const, describe: 'fetch: download or copy the assets; check: report what is present' })
      .option('from', {
        type: 'string',
        describe: 'Copy from a folder or http(s) mirror laid out like ../shared/assets [default: the pinned upstream repositories]',
      })
      .option('dir', {
        type: 'string',
        describe: 'Assets folder [default: $CLONEDPERSON_ASSETS_DIR, else ~/.local/share/clonedperson/assets]; makehuman/data inside it is a MakeHuman system data root',
      })
      .option('force', { type: 'boolean', default: false, describe: 'fetch: re-download files that are already present and valid' })
      .example('$0 assets fetch --from ../shared/assets', 'Copy the developer data pack, verifying every file')
      .example('$0 assets check', 'List what is present'),
  run: async (args, context) => {
    const dir = args.dir ? path.resolve(context.cwd, args.dir) : fetchedAssetsDir(process.env);
    if (args.action === 'fetch') {
      const from = args.from && !/^https?:\/\//i.test(args.from) ? path.resolve(context.cwd, args.from) : args.from;
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
    }
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
