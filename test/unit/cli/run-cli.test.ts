import { describe, expect, it } from '@jest/globals';
import { defineCommand } from '../../../orchestrator/src/cli/cli-command.js';
import type { CliCommand } from '../../../orchestrator/src/cli/cli-command.js';
import { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { runCliCaptured } from '../../helpers/cli.js';

const echo = defineCommand<{ word: string; fail?: string }>({
  command: 'echo <word>',
  describe: 'Print a word',
  builder: (y) => y.positional('word', { type: 'string', demandOption: true }).option('fail', { type: 'string' }),
  run: async (args, context) => {
    if (args.fail === 'input') throw new ClonedPersonError('E_BAD_LANDMARKS', 'three points are not enough');
    if (args.fail === 'crash') throw new TypeError('boom');
    context.stdout(`${args.word}\n`);
    context.logger.debug('echo: debug line');
    return 0;
  },
});
const commands = [echo] as CliCommand<never>[];

describe('runCli', () => {
  it('runs a command and returns its exit code', async () => {
    const run = await runCliCaptured(['echo', 'hello'], { commands });
    expect(run).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
  });

  it('prints help to stdout with exit code 0', async () => {
    const run = await runCliCaptured(['--help'], { commands });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('echo <word>');
    expect(run.stdout).toContain('--verbose');
  });

  it('maps usage errors to E_USAGE and exit code 2', async () => {
    const run = await runCliCaptured(['echo'], { commands });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^E_USAGE: /);
    const unknown = await runCliCaptured(['nope'], { commands });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^E_USAGE: /);
  });

  it('prints code: message for project errors, with stacks only when verbose', async () => {
    const quiet = await runCliCaptured(['echo', 'x', '--fail', 'input'], { commands });
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toBe('E_BAD_LANDMARKS: three points are not enough\n');
    const verbose = await runCliCaptured(['echo', 'x', '--fail', 'input', '--verbose'], { commands });
    expect(verbose.stderr).toContain('E_BAD_LANDMARKS: three points are not enough\n');
    expect(verbose.stderr).toContain('at ');
  });

  it('reports unexpected exceptions as E_INTERNAL with exit code 70', async () => {
    const run = await runCliCaptured(['echo', 'x', '--fail', 'crash'], { commands });
    expect(run.code).toBe(70);
    expect(run.stderr).toBe('E_INTERNAL: boom\n');
  });

  it('sends debug logs only with --verbose', async () => {
    expect((await runCliCaptured(['echo', 'x'], { commands })).stderr).toBe('');
    expect((await runCliCaptured(['echo', 'x', '-v'], { commands })).stderr).toContain('debug: echo: debug line');
  });
});
