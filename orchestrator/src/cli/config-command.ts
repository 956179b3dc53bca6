/** `clonedperson config`: print the run config's defaults, or check a config file and print it resolved. */
import { formatRunConfig } from '../run/format-run-config.js';
import { RUN_CONFIG_DEFAULTS } from '../run/run-config-defaults.js';
import { defineCommand } from './cli-command.js';
import { configFromFlag } from './run-command.js';
import { usageError } from './option-checks.js';

interface ConfigArgs {
  defaults: boolean;
  check?: string;
}

export const configCommand = defineCommand<ConfigArgs>({
  command: 'config',
  describe: 'Print the run config defaults (--defaults), or check a run config and print it with the defaults filled in (--check)',
  builder: (y) =>
    y
      .option('defaults', { type: 'boolean', default: false, describe: 'Print every option of `run` with its default and description, as YAML' })
      .option('check', { type: 'string', describe: 'A run config to check (YAML or JSON); prints it resolved' })
      .check((argv) => {
        if (!argv.defaults && argv.check === undefined) throw usageError('--defaults or --check <file>', 'config', 'nothing');
        if (argv.defaults && argv.check !== undefined) throw usageError('one of --defaults and --check', 'config', 'both');
        return true;
      })
      .example('$0 config --defaults > run.yaml', 'Start a config from the defaults')
      .example('$0 config --check run.yaml', 'Check a config: unknown or out-of-range options are named'),
  run: async (args, context) => {
    if (args.defaults) {
      context.stdout(formatRunConfig(RUN_CONFIG_DEFAULTS, 'clonedperson run config: every option with its default.\nPass it (edited) to `clonedperson run --config run.yaml`; fields left out take these values.'));
      return 0;
    }
    const { config, configFile } = await configFromFlag(context, '--check', args.check);
    context.stdout(formatRunConfig(config, `${configFile?.file ?? ''}: valid; resolved with the defaults`));
    return 0;
  },
});
