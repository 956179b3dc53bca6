/**
 * The CLI runner: parses argv with yargs, runs one command, and maps every error to
 * `code: message` on stderr plus an exit code (stack traces with --verbose). Usage errors of
 * every origin (yargs' own validation, `.check()` callbacks, a core's E_ARGUMENT about an
 * option field) come out as E_USAGE in one message shape naming the flag.
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { ClonedPersonError, exitCodeFor, toClonedPersonError } from '../shared/errors.js';
import { createStreamLogger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import { isCommandGroup } from './cli-command.js';
import type { CliCommand, CliCommandGroup, CliEntry } from './cli-command.js';
import type { CliContext, CliIo, GlobalArgs } from './cli-context.js';
import { COMMANDS } from './commands.js';
import { usageFromCoreArgument, withFlagNames } from './core-argument-errors.js';
import { runningCommand, withGenericChecks } from './running-command.js';
import type { RunningCommand } from './running-command.js';
import { usageFromYargs } from './yargs-messages.js';

/** What one run of the parser learns: the matched command and its exit code. */
interface RunState {
  running?: RunningCommand;
  exitCode: number;
}

function createContext(io: CliIo, args: GlobalArgs): CliContext {
  const level = args.verbose ? 'debug' : args.quiet ? 'warn' : 'info';
  const { files, ...rest } = io;
  return {
    ...rest,
    files: files ?? nodeFileStore,
    verbose: args.verbose,
    progress: (args.progress ?? true) && io.progressStream !== undefined && !args.quiet,
    logger: createStreamLogger({ level, write: io.stderr }),
  };
}

function commandName(command: { command: string }): string {
  return command.command.split(' ')[0];
}

function addCommand(parser: Argv, command: CliCommand<never>, parents: readonly string[], io: CliIo, state: RunState): Argv {
  const name = [...parents, commandName(command)].join(' ');
  return parser.command(
    command.command,
    command.describe,
    (y) => {
      const built = command.builder(y);
      state.running = runningCommand(name, command, built);
      return withGenericChecks(built, () => state.running);
    },
    async (argv) => {
      state.exitCode = await command.run(argv as never, createContext(io, argv as unknown as GlobalArgs));
    },
  );
}

function addGroup(parser: Argv, group: CliCommandGroup, io: CliIo, state: RunState): Argv {
  return parser.command(
    group.command,
    group.describe,
    (y) => {
      let built = y;
      for (const command of group.subcommands) built = addCommand(built, command, [group.command], io, state);
      return built.demandCommand(1, `Expected one of ${group.subcommands.map(commandName).join(', ')} for ${group.command} but received nothing`);
    },
    () => undefined,
  );
}

function buildParser(io: CliIo, entries: readonly CliEntry[], state: RunState): Argv {
  let parser: Argv = yargs()
    .scriptName('clonedperson')
    .usage('$0 <command> [options]\n\nTurn photos of people into a synthetic person re-ID dataset (ClonedPerson).')
    // the usage messages are reworded from yargs' English ones (yargs-messages.ts)
    .locale('en')
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Debug logs and error stacks' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Only warnings and errors' })
    .option('progress', { type: 'boolean', describe: 'Progress bars (default: on when stderr is a terminal)' })
    .demandCommand(1, 'Expected a command for clonedperson but received nothing (see --help)')
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .version(packageInfo().version)
    .wrap(Math.min(110, io.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      // errors of .check() callbacks and handlers pass through; yargs' own are reworded
      if (error !== undefined && error.name !== 'YError') throw error;
      throw usageFromYargs(message ?? error?.message ?? 'invalid command line', state.running);
    });
  for (const entry of entries) parser = isCommandGroup(entry) ? addGroup(parser, entry, io, state) : addCommand(parser, entry, [], io, state);
  return parser;
}

function classify(raw: unknown, running: RunningCommand | undefined): ClonedPersonError {
  if (raw instanceof ClonedPersonError) return usageFromCoreArgument(raw, running) ?? withFlagNames(raw, running) ?? raw;
  if (raw instanceof Error && raw.name === 'YError') return usageFromYargs(raw.message, running);
  return toClonedPersonError(raw);
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never exits. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliEntry[] = COMMANDS): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const parser = buildParser(io, commands, state);
    let output = '';
    await parser.parseAsync([...argv], {}, (_error, _parsed, text) => {
      output = text;
    });
    if (output) io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    return state.exitCode;
  } catch (raw) {
    const error = classify(raw, state.running);
    io.stderr(`${error.code}: ${error.message}\n`);
    if (verbose && error.stack) io.stderr(`${error.stack}\n`);
    if (verbose && error.cause instanceof Error && error.cause.stack) io.stderr(`caused by: ${error.cause.stack}\n`);
    return exitCodeFor(error);
  }
}
