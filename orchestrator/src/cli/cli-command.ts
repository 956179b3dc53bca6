/**
 * A CLI command: a thin yargs module that parses options into a core call. Commands return
 * their exit code; errors they throw are mapped by the runner (run-cli.ts). A group (`catalog`,
 * `assets`) only holds subcommands, each with its own options and --help.
 */
import type { Argv } from 'yargs';
import type { CliContext } from './cli-context.js';

export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. `clone` or `check <source>`. */
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: A, context: CliContext) => Promise<number>;
  /**
   * Core option fields whose name is not the camelCase of a flag, mapped to the flag
   * (e.g. `{ labelsOut: '--out' }`), so a core's E_ARGUMENT about the field names the flag.
   */
  fields?: Readonly<Record<string, string>>;
}

export interface CliCommandGroup {
  /** The group's name, e.g. `catalog`. */
  command: string;
  describe: string;
  subcommands: readonly CliCommand<never>[];
}

export type CliEntry = CliCommand<never> | CliCommandGroup;

export function isCommandGroup(entry: CliEntry): entry is CliCommandGroup {
  return 'subcommands' in entry;
}

/** Helper that keeps argument types for a command definition. */
export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}

/** Helper for a group of subcommands (their argument types are erased in the table). */
export function defineGroup(group: { command: string; describe: string; subcommands: readonly CliCommand<never>[] }): CliCommandGroup {
  return group;
}
