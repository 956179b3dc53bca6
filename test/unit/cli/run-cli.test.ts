import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { defineCommand, defineGroup } from '../../../orchestrator/src/cli/cli-command.js';
import type { CliCommand, CliEntry } from '../../../orchestrator/src/cli/cli-command.js';
import { createProgressBar } from '../../../orchestrator/src/cli/progress-bar.js';
import { invalidArgument } from '../../../orchestrator/src/shared/check.js';
import { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
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

/** A command whose "core" rejects an option field the way shared/check.ts does. */
const count = defineCommand<{ minSamples: number; out: string; fail: string }>({
  command: 'count',
  describe: 'Count with a core that checks its fields',
  fields: { labelsOut: '--out' },
  builder: (y) =>
    y
      .option('min-samples', { type: 'number', default: 4 })
      .option('out', { type: 'string', default: 'labels.json' })
      .option('fail', { type: 'string', choices: ['field', 'renamed', 'qualified', 'other'], demandOption: true }),
  run: async (args) => {
    if (args.fail === 'field') throw invalidArgument('positive integer', 'minSamples', 0);
    if (args.fail === 'renamed') throw invalidArgument('a .json or .npy file', 'labelsOut', 'labels.txt');
    if (args.fail === 'qualified') throw invalidArgument('number in (0, 2]', 'minSamples of round 2', 3);
    throw invalidArgument('positive integer', 'width', -1);
  },
});

const env = defineCommand<Record<string, never>>({
  command: 'env',
  describe: 'Print an environment variable and draw a progress bar',
  builder: (y) => y,
  run: async (_args, context) => {
    context.stdout(`${context.env.CLONEDPERSON_WORD ?? 'unset'}\n`);
    const bar = createProgressBar(context, 'work');
    bar.update(1, 2, 'half');
    bar.stop();
    return 0;
  },
});

const group = defineGroup({
  command: 'pack',
  describe: 'A group of subcommands',
  subcommands: [
    defineCommand<{ from: string }>({
      command: 'load <from>',
      describe: 'Load a pack',
      builder: (y) => y.positional('from', { type: 'string' }).option('into', { type: 'string', demandOption: true, describe: 'Where the pack goes' }),
      run: async (args, context) => {
        context.stdout(`loaded ${args.from}\n`);
        return 0;
      },
    }),
    defineCommand<Record<string, never>>({
      command: 'list',
      describe: 'List packs',
      builder: (y) => y.option('long', { type: 'boolean', default: false, describe: 'One pack per line' }),
      run: async () => 0,
    }),
  ] as CliCommand<never>[],
});

const commands: readonly CliEntry[] = [...([echo, count, env] as CliCommand<never>[]), group];

/** A stream that looks like a terminal to cli-progress and keeps what is drawn. */
function fakeTerminal(): { stream: NodeJS.WritableStream; drawn: () => string } {
  let drawn = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      drawn += chunk.toString();
      done();
    },
  });
  Object.assign(stream, { isTTY: true, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, drawn: () => drawn };
}

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
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'E_USAGE: Expected <word> for echo but received nothing\n' });
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

describe('a core E_ARGUMENT about an option field', () => {
  it('becomes E_USAGE naming the flag of the field', async () => {
    expect(await runCliCaptured(['count', '--fail', 'field'], { commands })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'E_USAGE: Expected positive integer for --min-samples but received 0\n',
    });
  });

  it('names the flag a command maps a differently named field to', async () => {
    const run = await runCliCaptured(['count', '--fail', 'renamed'], { commands });
    expect(run.stderr).toBe('E_USAGE: Expected a .json or .npy file for --out but received "labels.txt"\n');
  });

  it('keeps the qualifier of a qualified field name', async () => {
    const run = await runCliCaptured(['count', '--fail', 'qualified'], { commands });
    expect(run.stderr).toBe('E_USAGE: Expected number in (0, 2] for --min-samples (minSamples of round 2) but received 3\n');
  });

  it('stays E_ARGUMENT when the field is no option of the command', async () => {
    const run = await runCliCaptured(['count', '--fail', 'other'], { commands });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'E_ARGUMENT: Expected positive integer for width but received -1 of type number\n' });
  });
});

describe('what commands get instead of process', () => {
  it('passes the environment it is given, and no other', async () => {
    expect((await runCliCaptured(['env'], { commands, env: { CLONEDPERSON_WORD: 'hello' } })).stdout).toBe('hello\n');
    expect((await runCliCaptured(['env'], { commands })).stdout).toBe('unset\n');
  });

  it('draws progress bars on the given terminal only, and not with --quiet or --no-progress', async () => {
    const terminal = fakeTerminal();
    const run = await runCliCaptured(['env'], { commands, terminal: { progressStream: terminal.stream } });
    expect(run.code).toBe(0);
    expect(terminal.drawn()).toMatch(/work \[.*\] 50% \| 1\/2/);
    for (const flag of ['--quiet', '--no-progress']) {
      const silent = fakeTerminal();
      await runCliCaptured(['env', flag], { commands, terminal: { progressStream: silent.stream } });
      expect([flag, silent.drawn()]).toEqual([flag, '']);
    }
  });

  it('wraps help to the terminal width it is given', async () => {
    const widest = (text: string): number => Math.max(...text.split('\n').map((line) => line.length));
    const narrow = await runCliCaptured(['pack', 'load', '--help'], { commands, terminal: { columns: 50 } });
    const wide = await runCliCaptured(['pack', 'load', '--help'], { commands });
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(50);
    expect(widest(wide.stdout)).toBeGreaterThan(50);
  });
});

describe('a group of subcommands', () => {
  it('runs a subcommand and gives each its own help with only its own options', async () => {
    expect(await runCliCaptured(['pack', 'load', 'a.zip', '--into', 'x'], { commands })).toEqual({ code: 0, stdout: 'loaded a.zip\n', stderr: '' });
    const load = await runCliCaptured(['pack', 'load', '--help'], { commands });
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('--into');
    expect(load.stdout).not.toContain('--long');
    const list = await runCliCaptured(['pack', 'list', '--help'], { commands });
    expect(list.stdout).toContain('--long');
    expect(list.stdout).not.toContain('--into');
  });

  it('refuses another subcommand\'s option', async () => {
    const run = await runCliCaptured(['pack', 'list', '--into', 'x'], { commands });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'E_USAGE: Unknown argument: into\n' });
  });
});

describe('option fields named in core messages', () => {
  it('spells the fields a core lists in details.options as the running command\'s flags', async () => {
    const { flagsInMessage } = await import('../../../orchestrator/src/cli/core-argument-errors.js');
    const running = { name: 'cluster', fields: new Map([['modelConfig', '--model-config'], ['minSamples', '--min-samples']]) };
    expect(flagsInMessage('write m.json or give its description (modelConfig)', ['modelConfig'], running)).toBe('write m.json or give its description (--model-config)');
    // only listed fields, only whole words, and nothing without a running command
    expect(flagsInMessage('modelConfigs and minSamples', ['modelConfig'], running)).toBe('modelConfigs and minSamples');
    expect(flagsInMessage('give modelConfig', ['modelConfig'], undefined)).toBe('give modelConfig');
  });

  it('names the flag when a model has no description', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-flags-'));
    await writeFile(path.join(dir, 'm.onnx'), 'not a model');
    await mkdir(path.join(dir, 'images'));
    await writeFile(path.join(dir, 'images', 'a.png'), await encodePng(createRawImage(8, 16, 3)));
    const run = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--model', path.join(dir, 'm.onnx'), '--out', path.join(dir, 'out')]);
    expect(run.stderr).toMatch(/^E_MODEL_DESCRIPTION: no description for model .*m\.onnx: .* or give its description \(--model-config\)$/m);
    expect(run.code).toBe(3);
  });
});
