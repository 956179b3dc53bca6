/**
 * What the runner knows about the command yargs matched: its full name (`catalog check`), its
 * positionals, and which option field each flag sets, so errors can name flags.
 */
import type { Argv } from 'yargs';
import type { CliCommand } from './cli-command.js';
import { describeValue, fieldOfFlag, usageError } from './option-checks.js';

export interface RunningCommand {
  /** e.g. `clone` or `catalog check`. */
  name: string;
  /** Field (argv key, core option name) -> how the command line spells it (`--size-px`, `<source>`). */
  fields: ReadonlyMap<string, string>;
}

/** yargs keeps the declared options on the instance; its typings do not list the accessor. */
interface DeclaredOptions {
  getOptions(): { key: Record<string, unknown>; string: string[]; array: string[] };
}

const BUILT_IN = new Set(['help', 'version']);

function declaredOptions(built: Argv): ReturnType<DeclaredOptions['getOptions']> {
  return (built as unknown as DeclaredOptions).getOptions();
}

/** The positionals of a yargs command string: `check <source> [more]` -> source, more. */
export function positionalsOf(command: string): string[] {
  return [...command.matchAll(/[<[]([^>\]]+)[>\]]/g)].map((m) => m[1].replace(/\.\.\.$/, ''));
}

/** Describes the matched command from the yargs instance its builder returned. */
export function runningCommand(name: string, command: CliCommand<never>, built: Argv): RunningCommand {
  const fields = new Map<string, string>();
  const positionals = new Set(positionalsOf(command.command));
  for (const key of Object.keys(declaredOptions(built).key)) {
    if (BUILT_IN.has(key)) continue;
    fields.set(fieldOfFlag(key), positionals.has(key) ? `<${key}>` : `--${key}`);
  }
  for (const positional of positionals) fields.set(fieldOfFlag(positional), `<${positional}>`);
  for (const [field, flag] of Object.entries(command.fields ?? {})) fields.set(field, flag);
  return { name, fields };
}

/** How the command line spells the option yargs calls `key` (`min-samples` -> `--min-samples`). */
export function spellingOf(running: RunningCommand | undefined, key: string): string {
  return running?.fields.get(fieldOfFlag(key)) ?? `--${key}`;
}

/**
 * Adds the checks every command gets: a string option given without a value (`--out` at the
 * end of the line) and a single-valued option given twice.
 */
export function withGenericChecks(built: Argv, running: () => RunningCommand | undefined): Argv {
  return built.check((argv) => {
    const declared = declaredOptions(built);
    for (const key of Object.keys(declared.key)) {
      if (BUILT_IN.has(key)) continue;
      const value = argv[fieldOfFlag(key)];
      if (Array.isArray(value) && !declared.array.includes(key)) throw usageError('one value', spellingOf(running(), key), describeValue(value));
      if (value === '' && declared.string.includes(key)) throw usageError('a value', spellingOf(running(), key), 'nothing');
    }
    return true;
  });
}
