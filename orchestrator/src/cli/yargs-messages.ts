/**
 * yargs' own validation messages ("Missing required argument: out") reworded into the one
 * usage message shape of the CLI ("Expected a value for --out but received nothing"). The
 * runner pins yargs' locale to English, so these are the messages it produces; anything else
 * (unknown arguments, command suggestions) keeps yargs' wording.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { usageError } from './option-checks.js';
import type { RunningCommand } from './running-command.js';
import { spellingOf } from './running-command.js';

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The E_USAGE error for a yargs validation message. */
export function usageFromYargs(message: string, running: RunningCommand | undefined): ClonedPersonError {
  const missing = /^Missing required arguments?: (.+)$/.exec(message);
  if (missing) {
    const flags = missing[1].split(', ').map((key) => spellingOf(running, key));
    return usageError(flags.length === 1 ? 'a value' : 'values', joinWords(flags), 'nothing');
  }
  const choice = /^Invalid values:\s*Argument: (\S+), Given: (.+), Choices: (.+)$/m.exec(message);
  if (choice) return usageError(`one of ${choice[3].replace(/"/g, '')}`, spellingOf(running, choice[1]), choice[2]);
  const positionals = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(message);
  if (positionals && running) {
    const wanted = [...running.fields.values()].filter((spelling) => spelling.startsWith('<'));
    const got = Number(positionals[1]);
    return usageError(joinWords(wanted), running.name, got === 0 ? 'nothing' : `${got} argument${got === 1 ? '' : 's'}`);
  }
  const noValue = /^Not enough arguments following: (.+)$/.exec(message);
  if (noValue) return usageError('a value', spellingOf(running, noValue[1]), 'nothing');
  return new ClonedPersonError('E_USAGE', message);
}
