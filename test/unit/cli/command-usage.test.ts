/**
 * Every command's option checks, run in-process through the real command table: a bad value
 * and a missing required option each exit 2 with E_USAGE in the one message shape
 * "Expected <what> for <flag> but received <value>". The checks run before any input is read,
 * so the paths in these command lines need not exist.
 */
import { describe, expect, it } from '@jest/globals';
import { isCommandGroup } from '../../../orchestrator/src/cli/cli-command.js';
import { COMMANDS } from '../../../orchestrator/src/cli/commands.js';
import { runCliCaptured } from '../../helpers/cli.js';

interface UsageCase {
  /** The leaf command, e.g. `catalog check`. */
  command: string;
  kind: 'bad value' | 'missing required';
  /** Options after the command words. */
  args: string[];
  message: string;
}

const CASES: UsageCase[] = [
  { command: 'demo', kind: 'missing required', args: [], message: 'Expected a value for --out but received nothing' },
  { command: 'demo', kind: 'bad value', args: ['--out', 'o', '--photos', '17'], message: 'Expected an integer from 1 to 16 for --photos but received 17' },
  { command: 'run', kind: 'missing required', args: ['--out', 'o'], message: 'Expected a value for --images but received nothing' },
  { command: 'run', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--out', 'p'], message: 'Expected one value for --out but received ["o","p"]' },
  { command: 'config', kind: 'missing required', args: [], message: 'Expected --defaults or --check <file> for config but received nothing' },
  { command: 'config', kind: 'bad value', args: ['--defaults', '--check', 'x.yaml'], message: 'Expected one of --defaults and --check for config but received both' },
  { command: 'detect', kind: 'missing required', args: ['--out', 'o'], message: 'Expected a value for --images but received nothing' },
  { command: 'detect', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--min-height-px', '0'], message: 'Expected a positive integer for --min-height-px but received 0' },
  { command: 'detect', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--threads', '65'], message: 'Expected an integer from 1 to 64 for --threads but received 65' },
  { command: 'cluster', kind: 'missing required', args: ['--out', 'o'], message: 'Expected a value for --images but received nothing' },
  { command: 'cluster', kind: 'missing required', args: [], message: 'Expected values for --images and --out but received nothing' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--min-samples', '0'], message: 'Expected a positive integer for --min-samples but received 0' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--seed', '-1'], message: 'Expected a non-negative integer for --seed but received -1' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--eps', '0.1,0.2,0.3'], message: 'Expected two positive numbers like 0.4,0.5 for --eps but received "0.1,0.2,0.3"' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--eps=-0.1,0.2'], message: 'Expected two positive numbers like 0.4,0.5 for --eps but received "-0.1,0.2"' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--lambda', '1'], message: 'Expected a number in [0, 1) for --lambda but received 1' },
  { command: 'cluster', kind: 'bad value', args: ['--images', 'i', '--out', 'o', '--metric', 'precomputed'], message: 'Expected one of cosine, euclidean for --metric but received "precomputed"' },
  {
    command: 'cluster',
    kind: 'missing required',
    args: ['--images', 'i', '--out', 'o', '--features', 'f.npy'],
    message: 'Expected two positive numbers like 0.4,0.5 for --eps with --features (or --model/--model-config to take the pair from) but received nothing',
  },
  { command: 'dbscan', kind: 'missing required', args: ['--features', 'f.npy', '--out', 'l.json'], message: 'Expected a value for --eps but received nothing' },
  { command: 'dbscan', kind: 'bad value', args: ['--features', 'f.npy', '--eps', '0.4,0.5', '--out', 'l.json'], message: 'Expected a positive number for --eps but received "0.4,0.5"' },
  { command: 'dbscan', kind: 'bad value', args: ['--features', 'f.npy', '--eps', '0.4', '--out', 'labels.txt'], message: 'Expected a .json or .npy file for --out but received "labels.txt"' },
  {
    command: 'dbscan',
    kind: 'bad value',
    args: ['--features', 'd.npy', '--eps', '0.4', '--out', 'l.npy', '--metric', 'precomputed', '--rerank'],
    message: 'Expected one of cosine, euclidean for --metric with --rerank but received "precomputed"',
  },
  { command: 'dbscan', kind: 'bad value', args: ['--features', 'f.npy', '--eps', '0.4', '--out', 'l.json', '--k1', '2.5'], message: 'Expected a positive integer for --k1 but received 2.5' },
  { command: 'calibrate-eps', kind: 'missing required', args: [], message: 'Expected exactly one of --images, --features or --synthetic for calibrate-eps but received none' },
  { command: 'calibrate-eps', kind: 'bad value', args: ['--images', 'i', '--features', 'f.npy'], message: 'Expected exactly one of --images, --features or --synthetic for calibrate-eps but received --images and --features' },
  { command: 'calibrate-eps', kind: 'bad value', args: ['--synthetic', '1'], message: 'Expected an integer of at least 2 for --synthetic but received 1' },
  { command: 'calibrate-eps', kind: 'bad value', args: ['--synthetic', '4', '--threads', '0'], message: 'Expected a positive integer for --threads but received 0' },
  { command: 'clone', kind: 'missing required', args: ['--garments', 'g.jsonl'], message: 'Expected a value for --out but received nothing' },
  { command: 'clone', kind: 'bad value', args: ['--garments', 'g.jsonl', '--out', 'o', '--size-px', '10'], message: 'Expected an integer from 16 to 8192 for --size-px but received 10' },
  { command: 'clone', kind: 'bad value', args: ['--garments', 'g.jsonl', '--out', 'o', '--size-px', 'big'], message: 'Expected an integer from 16 to 8192 for --size-px but received NaN' },
  { command: 'clone', kind: 'bad value', args: ['--garments', 'g.jsonl', '--out', 'o', '--seed', '-1'], message: 'Expected a non-negative integer for --seed but received -1' },
  { command: 'clone', kind: 'bad value', args: ['--garments', 'g.jsonl', '--out', 'o', '--out', 'p'], message: 'Expected one value for --out but received ["o","p"]' },
  { command: 'catalog check', kind: 'missing required', args: [], message: 'Expected <source> for catalog check but received nothing' },
  { command: 'catalog check', kind: 'bad value', args: [''], message: 'Expected a value for <source> but received nothing' },
  { command: 'catalog import', kind: 'missing required', args: ['model.csv'], message: 'Expected a value for --out but received nothing' },
  { command: 'catalog import', kind: 'bad value', args: ['model.csv', '--out'], message: 'Expected a value for --out but received nothing' },
  { command: 'catalog export', kind: 'missing required', args: ['catalog/'], message: 'Expected a value for --out but received nothing' },
  { command: 'catalog export', kind: 'bad value', args: ['catalog/', '--out', 'a.csv', '--out', 'b.csv'], message: 'Expected one value for --out but received ["a.csv","b.csv"]' },
  { command: 'characters', kind: 'missing required', args: ['--selection', 's.json', '--out', 'o'], message: 'Expected a value for --textures but received nothing' },
  { command: 'characters', kind: 'bad value', args: ['--selection', 's.json', '--textures', 't', '--out', 'o', '--seed', '1.5'], message: 'Expected a non-negative integer for --seed but received 1.5' },
  { command: 'characters', kind: 'bad value', args: ['--selection', 's.json', '--textures', 't', '--out', 'o', '--height-rule', 'tall'], message: 'Expected one of measured, paper for --height-rule but received "tall"' },
  { command: 'character', kind: 'missing required', args: ['--out', 'x.glb'], message: 'Expected a value for --mhm but received nothing' },
  { command: 'character', kind: 'bad value', args: ['--mhm', 'x.mhm', '--out', 'x.glb', '--targets', 'obj'], message: 'Expected one of auto, text, npz for --targets but received "obj"' },
  { command: 'render', kind: 'missing required', args: ['--characters', 'c', '--out', 'o'], message: 'Expected a value for --scene but received nothing' },
  { command: 'render', kind: 'bad value', args: ['--scene', 'street', '--characters', 'c', '--out', 'o', '--samples-per-axis', '9'], message: 'Expected an integer from 1 to 4 for --samples-per-axis but received 9' },
  { command: 'render', kind: 'bad value', args: ['--scene', 'street', '--characters', 'c', '--out', 'o', '--steps', '0'], message: 'Expected a positive integer for --steps but received 0' },
  { command: 'render', kind: 'bad value', args: ['--scene', 'street', '--characters', 'c', '--out', 'o', '--threads', '-1'], message: 'Expected a non-negative integer for --threads but received -1' },
  { command: 'render', kind: 'bad value', args: ['--scene', 'street', '--characters', 'c', '--out', 'o', '--jpeg-quality', '101'], message: 'Expected an integer from 1 to 100 for --jpeg-quality but received 101' },
  { command: 'render', kind: 'bad value', args: ['--scene', 'street', '--characters', 'c', '--out', 'o', '--encoding', 'gif'], message: 'Expected one of jpeg, png for --encoding but received "gif"' },
  { command: 'dataset', kind: 'missing required', args: ['--render', 'r', '--out', 'o'], message: 'Expected a value for --characters but received nothing' },
  { command: 'dataset', kind: 'bad value', args: ['--render', 'r', '--characters', 'c', '--out', 'o', '--jpeg-quality', '0'], message: 'Expected an integer from 1 to 100 for --jpeg-quality but received 0' },
  { command: 'eval', kind: 'missing required', args: [], message: 'Expected --dataset, or all of --query-features, --gallery-features, --query-list, --gallery-list for eval but received none' },
  { command: 'eval', kind: 'bad value', args: ['--dataset', 'd', '--k1', '0'], message: 'Expected a positive integer for --k1 but received 0' },
  { command: 'assets fetch', kind: 'bad value', args: ['--from', 'ftp://mirror.example/assets'], message: 'Expected a folder or an http(s) URL for --from but received "ftp://mirror.example/assets"' },
  { command: 'assets fetch', kind: 'bad value', args: ['--dir'], message: 'Expected a value for --dir but received nothing' },
  { command: 'assets check', kind: 'bad value', args: ['--dir'], message: 'Expected a value for --dir but received nothing' },
];

/** Commands with no required option (nothing to leave out). */
const NOTHING_REQUIRED = new Set(['assets fetch', 'assets check']);

function leafCommands(): string[] {
  return COMMANDS.flatMap((entry) => (isCommandGroup(entry) ? entry.subcommands.map((sub) => `${entry.command} ${sub.command.split(' ')[0]}`) : [entry.command.split(' ')[0]]));
}

describe('option checks of every command', () => {
  it.each(CASES.map((c) => [c.command, c.kind, c.args.join(' '), c] as const))('%s, %s: %s', async (_command, _kind, _args, c) => {
    const run = await runCliCaptured([...c.command.split(' '), ...c.args]);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 2, stderr: `E_USAGE: ${c.message}\n`, stdout: '' });
  });

  it('has a bad value and a missing required option for every command', () => {
    for (const command of leafCommands()) {
      const kinds = new Set(CASES.filter((c) => c.command === command).map((c) => c.kind));
      expect([command, kinds.has('bad value')]).toEqual([command, true]);
      expect([command, kinds.has('missing required') || NOTHING_REQUIRED.has(command)]).toEqual([command, true]);
    }
  });

  it('asks for a subcommand of a group and for a command', async () => {
    expect(await runCliCaptured(['catalog'])).toEqual({ code: 2, stdout: '', stderr: 'E_USAGE: Expected one of check, import, export for catalog but received nothing\n' });
    expect(await runCliCaptured(['assets'])).toEqual({ code: 2, stdout: '', stderr: 'E_USAGE: Expected one of fetch, check for assets but received nothing\n' });
    expect(await runCliCaptured([])).toEqual({ code: 2, stdout: '', stderr: 'E_USAGE: Expected a command for clonedperson but received nothing (see --help)\n' });
  });

  it('refuses the old spellings of renamed flags and commands', async () => {
    const old: [string[], string][] = [
      [['clone', '--garments', 'g', '--out', 'o', '--size', '256'], 'Unknown argument: size'],
      [['clone', '--garments', 'g', '--out', 'o', '--features-model', 'm.onnx'], 'Unknown arguments: features-model, featuresModel'],
      [['render', '--scene', 'street', '--characters', 'c', '--out', 'o', '--frames', '3'], 'Unknown argument: frames'],
      [['render', '--scene', 'street', '--characters', 'c', '--out', 'o', '--workers', '1'], 'Unknown argument: workers'],
      [['render', '--scene', 'street', '--characters', 'c', '--out', 'o', '--samples', '1'], 'Unknown argument: samples'],
      [['cluster', '--images', 'i', '--out', 'o', '--labels-out', 'l.json'], 'Unknown arguments: labels-out, labelsOut'],
    ];
    for (const [argv, message] of old) {
      const run = await runCliCaptured(argv);
      expect([argv.join(' '), run.code, run.stderr]).toEqual([argv.join(' '), 2, `E_USAGE: ${message}\n`]);
    }
  });
});
