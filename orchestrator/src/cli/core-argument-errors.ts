/**
 * Cores check their options by field name (`minSamples`) and throw E_ARGUMENT with
 * `details.name` (shared/check.ts). When the field is an option of the running command, the CLI
 * rewords the error as E_USAGE naming the flag (`--min-samples`), in the CLI's message shape. A
 * qualified name (`eps of round 2`) keeps its qualifier: `--eps (eps of round 2)`.
 *
 * Cores that mention options in other errors and hints name the fields too and list them in
 * `details.options`; {@link flagsInMessage} spells those fields as the running command's flags.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { usageError } from './option-checks.js';
import type { RunningCommand } from './running-command.js';

function flagFor(name: string, running: RunningCommand | undefined): string | undefined {
  const exact = running?.fields.get(name);
  if (exact) return exact;
  const [field] = name.split(' ');
  const qualified = field === name ? undefined : running?.fields.get(field);
  return qualified && `${qualified} (${name})`;
}

/** The E_USAGE error for a core's E_ARGUMENT about one of the command's options, else undefined. */
export function usageFromCoreArgument(error: ClonedPersonError, running: RunningCommand | undefined): ClonedPersonError | undefined {
  const { name, expected } = error.details;
  if (error.code !== 'E_ARGUMENT' || typeof name !== 'string' || typeof expected !== 'string') return undefined;
  const flag = flagFor(name, running);
  if (!flag) return undefined;
  // invalidArgument words the message "Expected <expected> for <name> but received <value> of type <type>"
  const prefix = `Expected ${expected} for ${name} but received `;
  const received = error.message.startsWith(prefix) ? error.message.slice(prefix.length).replace(/ of type \w+$/, '') : error.message;
  return usageError(expected, flag, received, error);
}

/** The message with every field listed in `details.options` spelled as the running command's flag. */
export function flagsInMessage(message: string, options: unknown, running: RunningCommand | undefined): string {
  if (!Array.isArray(options)) return message;
  let out = message;
  for (const field of options) {
    const flag = typeof field === 'string' ? running?.fields.get(field) : undefined;
    if (flag) out = out.replace(new RegExp(`\\b${field}\\b`, 'g'), flag);
  }
  return out;
}

/** A core error whose message names option fields, reworded with the command's flags (undefined when nothing changes). */
export function withFlagNames(error: ClonedPersonError, running: RunningCommand | undefined): ClonedPersonError | undefined {
  const message = flagsInMessage(error.message, error.details.options, running);
  return message === error.message ? undefined : new ClonedPersonError(error.code, message, { details: error.details, cause: error });
}
