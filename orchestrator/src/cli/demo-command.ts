/**
 * `clonedperson demo`: fetch the demo photos and the MakeHuman assets, run the whole pipeline
 * on them, and write the dataset and the HTML overview (run/run-demo.ts).
 */
import { fetchedAssetsDir } from '../makehuman/data-root.js';
import { runDemo } from '../run/run-demo.js';
import { defineCommand } from './cli-command.js';
import type { CliContext } from './cli-context.js';
import { mirrorPath, optionalInputPath, resolvePath } from './input-paths.js';
import { checkInteger } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';
import type { ProgressBar } from './progress-bar.js';
import { runWithSummary } from './run-command.js';
import { loadRunConfig } from '../run/load-run-config.js';
import type { ProgressCallback } from '../shared/progress.js';

interface DemoArgs {
  out: string;
  from?: string;
  assetsDir?: string;
  config?: string;
  photos?: number;
  force: boolean;
}

/** The environment variable that sets `--from` (CI and the README's tests point it at ../shared/assets). */
export const ASSETS_FROM_ENV = 'CLONEDPERSON_ASSETS_FROM';

export const demoCommand = defineCommand<DemoArgs>({
  command: 'demo',
  describe: 'Fetch the demo photos (Clothing Co-Parsing) and the MakeHuman assets, run the whole pipeline, write a dataset and an HTML overview',
  builder: (y) =>
    y
      .option('out', { type: 'string', demandOption: true, describe: 'Demo folder: photos/, every stage\'s folder, dataset/, overview/index.html, manifest.json' })
      .option('from', { type: 'string', describe: `Copy the photos and assets from a folder or http(s) mirror laid out like ../shared/assets [env ${ASSETS_FROM_ENV}; default: the pinned upstream repositories]` })
      .option('assets-dir', { type: 'string', describe: 'Where the MakeHuman assets go [default: $CLONEDPERSON_ASSETS_DIR, else ~/.local/share/clonedperson/assets]' })
      .option('config', { type: 'string', describe: 'A run config whose options override the demo\'s (orchestrator/data/demo/demo.yaml)' })
      .option('photos', { type: 'number', describe: 'Use only the first N of the 16 demo photos' })
      .option('force', { type: 'boolean', default: false, describe: 'Run every stage, even those whose outputs are up to date' })
      .check((argv) => {
        checkInteger(argv, '--photos', 1, 16);
        return true;
      })
      .example('$0 demo --out out/demo', 'The demo, fetching from the upstream repositories')
      .example('$0 demo --out out/demo --from ../shared/assets', 'The demo from a local mirror'),
  run: async (args, context: CliContext) => {
    const fromValue = args.from ?? context.env[ASSETS_FROM_ENV];
    const from = fromValue === undefined || fromValue === '' ? undefined : await mirrorPath(context, args.from === undefined ? ASSETS_FROM_ENV : '--from', fromValue);
    const assetsDir = args.assetsDir ? resolvePath(context, args.assetsDir) : fetchedAssetsDir(context.env);
    const overridesFile = await optionalInputPath(context, '--config', args.config);
    const overrides = overridesFile ? (await loadRunConfig(overridesFile, context.files)).config : undefined;
    const out = resolvePath(context, args.out);
    let fetchBar: ProgressBar | undefined;
    const onFetchProgress = (what: 'photos' | 'assets'): ProgressCallback => {
      fetchBar?.stop();
      fetchBar = createProgressBar(context, `fetch ${what}`.padEnd(10));
      return fetchBar.update;
    };
    try {
      return await runWithSummary(context, out, (reporter) => {
        fetchBar?.stop();
        return runDemo({
          out,
          ...(from ? { from } : {}),
          assetsDir,
          ...(overrides ? { overrides } : {}),
          ...(args.photos === undefined ? {} : { photos: args.photos }),
          force: args.force,
          cwd: context.cwd,
          env: context.env,
          files: context.files,
          logger: context.logger,
          reporter,
          onFetchProgress,
        });
      });
    } finally {
      fetchBar?.stop();
    }
  },
});
