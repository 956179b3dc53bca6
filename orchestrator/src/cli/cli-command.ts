/**
 * A CLI command: a thin yargs module that parses options into a core call. Commands return
 * their exit code; errors they throw are mapped by the runner (run-cli.ts).
 */
import type { Argv } from 'yargs';
import type { CliContext } from './cli-context.js';

export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. `clone` or `catalog <action>`. */
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: A, context: CliContext) => Promise<number>;
}

/** Helper that keeps argument types for a command definition. */
export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}
