/** `clonedperson run`: photos -> a re-ID dataset, every stage in one run folder (run/run-pipeline.ts). */
import path from 'node:path';
import { RUN_MANIFEST_CONTRACT, RUN_MANIFEST_FILE } from '../contracts/run-manifest.js';
import type { RunManifest, RunStageName } from '../contracts/run-manifest.js';
import { formatRunSummary, runLosses } from '../run/format-run-summary.js';
import { loadRunConfig } from '../run/load-run-config.js';
import { resolveRunConfig } from '../run/run-config-defaults.js';
import type { ResolvedRunConfig } from '../run/run-config-defaults.js';
import { runPipeline } from '../run/run-pipeline.js';
import type { RunReporter } from '../run/run-pipeline.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import type { CliContext } from './cli-context.js';
import { inputPath, optionalInputPath, resolvePath } from './input-paths.js';
import { createProgressBar } from './progress-bar.js';
import type { ProgressBar } from './progress-bar.js';

interface RunArgs {
  images: string;
  out: string;
  config?: string;
  garments?: string;
  force: boolean;
}

/** One progress bar per stage, each drawn while its stage runs. */
export function stageBars(context: CliContext): RunReporter & { stop(): void } {
  let bar: ProgressBar | undefined;
  return {
    stageStarted: (stage: RunStageName) => {
      bar?.stop();
      bar = createProgressBar(context, stage.padEnd(10));
      return bar.update;
    },
    stageFinished: () => {
      bar?.stop();
      bar = undefined;
    },
    stop: () => bar?.stop(),
  };
}

/** The config a `--config` flag names, over the defaults (or `base`). */
export async function configFromFlag(context: CliContext, flag: string, value: string | undefined, base?: ResolvedRunConfig): Promise<{ config: ResolvedRunConfig; configFile?: { file: string; sha256: string } }> {
  const file = await optionalInputPath(context, flag, value);
  if (!file) return { config: base ?? resolveRunConfig({}) };
  const loaded = await loadRunConfig(file, context.files);
  return { config: resolveRunConfig(loaded.config, base), configFile: { file, sha256: loaded.sha256 } };
}

/**
 * Runs `execute` (the pipeline or the demo) with one progress bar per stage and prints the
 * summary, also when a stage fails (then the stage's error is rethrown). Exit code 1
 * (E_ITEMS_FAILED) when someone was lost between stages; the summary says who and why.
 */
export async function runWithSummary(context: CliContext, out: string, execute: (reporter: RunReporter) => Promise<RunManifest>): Promise<number> {
  const bars = stageBars(context);
  let manifest: RunManifest;
  try {
    manifest = await execute(bars);
  } catch (error) {
    bars.stop();
    const file = path.join(out, RUN_MANIFEST_FILE);
    if (await context.files.exists(file)) {
      try {
        context.stdout(formatRunSummary(RUN_MANIFEST_CONTRACT.parse(await context.files.read(file), file), out));
      } catch {
        // the summary is a courtesy; the stage's error below is what counts
      }
    }
    throw error;
  } finally {
    bars.stop();
  }
  context.stdout(formatRunSummary(manifest, out));
  const losses = runLosses(manifest);
  if (losses.length > 0) {
    const count = losses.reduce((sum, l) => sum + l.drop.count, 0);
    throw new ClonedPersonError('E_ITEMS_FAILED', `${count} ${count === 1 ? 'person was' : 'people were'} lost between stages (${losses.map((l) => `${l.stage}: ${l.drop.reason}`).join(', ')}); details in ${path.join(out, RUN_MANIFEST_FILE)}`);
  }
  return 0;
}

export const runCommand = defineCommand<RunArgs>({
  command: 'run',
  describe: 'The whole pipeline: photos -> detect -> cluster -> clone -> characters -> render -> dataset -> eval, resumable, in one folder',
  fields: { garmentsFile: '--garments' },
  builder: (y) =>
    y
      .option('images', { type: 'string', demandOption: true, describe: 'Folder of photos (recursive); image ids are paths relative to it' })
      .option('out', { type: 'string', demandOption: true, describe: 'Run folder: manifest.json and one folder per stage (dataset/, overview/index.html, ...)' })
      .option('config', { type: 'string', describe: 'Run config (YAML or JSON) with every stage\'s options [default: `clonedperson config --defaults`]' })
      .option('garments', { type: 'string', describe: 'Garments per photo (JSONL or the authors\' CSV, paths relative to the list) instead of detection' })
      .option('force', { type: 'boolean', default: false, describe: 'Run every stage, even those whose outputs are up to date (items still resume)' })
      .example('$0 run --images photos/ --out out/run', 'Everything with the defaults: built-in models, the embedded player')
      .example('$0 run --images Source/img --garments Source/example.csv --out out/run --config run.yaml', 'The authors\' sample outfits, your options'),
  run: async (args, context) => {
    const images = await inputPath(context, '--images', args.images);
    const garments = await optionalInputPath(context, '--garments', args.garments);
    const { config, configFile } = await configFromFlag(context, '--config', args.config);
    const out = resolvePath(context, args.out);
    return runWithSummary(context, out, (reporter) =>
      runPipeline({
        images,
        out,
        config,
        ...(configFile ? { configFile } : {}),
        ...(garments ? { garments } : {}),
        force: args.force,
        cwd: context.cwd,
        env: context.env,
        files: context.files,
        logger: context.logger,
        reporter,
      }),
    );
  },
});
