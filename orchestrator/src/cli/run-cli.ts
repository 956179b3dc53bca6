/**
 * The CLI runner: parses argv with yargs, runs one command, and maps every error to
 * `code: message` on stderr plus an exit code (stack traces with --verbose).
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { ClonedPersonError, exitCodeFor, toClonedPersonError } from '../shared/errors.js';
import { createStreamLogger } from '../shared/logger.js';
import { packageInfo } from '../shared/package-info.js';
import type { CliCommand } from './cli-command.js';
import type { CliContext, CliIo, GlobalArgs } from './cli-context.js';
import { COMMANDS } from './commands.js';



function createContext(io: CliIo, args: GlobalArgs): CliContext {
  const level = args.verbose ? 'debug' : args.quiet ? 'warn' : 'info';
  return {
    ...io,
    verbose: args.verbose,
    progress: (args.progress ?? true) && io.isTTY && !args.quiet,
    logger: createStreamLogger({ level, write: io.stderr }),
  };
}

function buildParser(io: CliIo, commands: readonly CliCommand<never>[], onResult: (code: number) => void): Argv {
  let parser = yargs()
    .scriptName('clonedperson')
    .usage('$0 <command> [options]\n\nTurn photos of people into a synthetic person re-ID dataset (ClonedPerson).')
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Debug logs and error stacks' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Only warnings and errors' })
    .option('progress', { type: 'boolean', describe: 'Progress bars (default: on when stderr is a terminal)' })
    .demandCommand(1, 'Name a command; see --help.')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageInfo().version)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw error ?? new ClonedPersonError('E_USAGE', message ?? 'invalid command line');
    });
  for (const command of commands) {
    parser = parser.command(
      command.command,
      command.describe,
      (y) => command.builder(y),
      async (argv) => {
        const context = createContext(io, argv as unknown as GlobalArgs);
        onResult(await command.run(argv as never, context));
      },
    );
  }
  return parser;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never exits. */
export async function runCli(argv: readonly string[], io: CliIo, commands = COMMANDS): Promise<number> {
  let exitCode = 0;
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const parser = buildParser(io, commands, (code) => {
      exitCode = code;
    });
    let output = '';
    await parser.parseAsync([...argv], {}, (_error, _parsed, text) => {
      output = text;
    });
    if (output) io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return exitCode;
  } catch (raw) {
    const error = raw instanceof ClonedPersonError ? raw : classifyUnknown(raw);
    io.stderr(`${error.code}: ${error.message}\n`);
    if (verbose && error.stack) io.stderr(`${error.stack}\n`);
    if (verbose && error.cause instanceof Error && error.cause.stack) io.stderr(`caused by: ${error.cause.stack}\n`);
    return exitCodeFor(error);
  }
}

/** yargs reports usage problems as plain Errors named YError. */
function classifyUnknown(raw: unknown): ClonedPersonError {
  if (raw instanceof Error && raw.name === 'YError') return new ClonedPersonError('E_USAGE', raw.message, { cause: raw });
  return toClonedPersonError(raw);
}
