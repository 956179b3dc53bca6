/**
 * Inputs on the command line, through the real command table: a missing input file or folder
 * is E_INPUT_MISSING (exit 3) naming the flag in every command, an option file that is not
 * JSON is E_USAGE (exit 2), and a core's E_ARGUMENT about an option comes out naming the flag.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isCommandGroup } from '../../../orchestrator/src/cli/cli-command.js';
import { COMMANDS } from '../../../orchestrator/src/cli/commands.js';
import { runCliCaptured } from '../../helpers/cli.js';

interface MissingCase {
  command: string;
  args: string[];
  /** The missing path (relative to the working folder) and the flag that named it. */
  missing: string;
  flag: string;
}

// present: images/ g.jsonl s.json textures/ x.mhm f.npy; everything named nope* is absent
const CASES: MissingCase[] = [
  { command: 'demo', args: ['--out', 'o', '--from', 'nope'], missing: 'nope', flag: '--from' },
  { command: 'demo', args: ['--out', 'o', '--config', 'nope.yaml'], missing: 'nope.yaml', flag: '--config' },
  { command: 'run', args: ['--images', 'nope', '--out', 'o'], missing: 'nope', flag: '--images' },
  { command: 'run', args: ['--images', 'images', '--out', 'o', '--config', 'nope.yaml'], missing: 'nope.yaml', flag: '--config' },
  { command: 'run', args: ['--images', 'images', '--out', 'o', '--garments', 'nope.jsonl'], missing: 'nope.jsonl', flag: '--garments' },
  { command: 'config', args: ['--check', 'nope.yaml'], missing: 'nope.yaml', flag: '--check' },
  { command: 'detect', args: ['--images', 'nope', '--out', 'o'], missing: 'nope', flag: '--images' },
  { command: 'detect', args: ['--images', 'images', '--annotations', 'nope.json', '--out', 'o'], missing: 'nope.json', flag: '--annotations' },
  { command: 'detect', args: ['--images', 'images', '--models', 'nope', '--out', 'o'], missing: 'nope', flag: '--models' },
  { command: 'detect', args: ['--images', 'images', '--qualification', 'nope.json', '--out', 'o'], missing: 'nope.json', flag: '--qualification' },
  { command: 'cluster', args: ['--images', 'nope', '--out', 'o'], missing: 'nope', flag: '--images' },
  { command: 'cluster', args: ['--images', 'images', '--features', 'nope.npy', '--eps', '0.4,0.5', '--out', 'o'], missing: 'nope.npy', flag: '--features' },
  { command: 'cluster', args: ['--images', 'images', '--model', 'nope.onnx', '--out', 'o'], missing: 'nope.onnx', flag: '--model' },
  { command: 'dbscan', args: ['--features', 'nope.npy', '--eps', '0.4', '--out', 'l.json'], missing: 'nope.npy', flag: '--features' },
  { command: 'calibrate-eps', args: ['--features', 'nope.npy'], missing: 'nope.npy', flag: '--features' },
  { command: 'calibrate-eps', args: ['--images', 'nope'], missing: 'nope', flag: '--images' },
  { command: 'calibrate-eps', args: ['--synthetic', '4', '--labels', 'nope.json'], missing: 'nope.json', flag: '--labels' },
  { command: 'clone', args: ['--garments', 'nope.jsonl', '--out', 'o'], missing: 'nope.jsonl', flag: '--garments' },
  { command: 'clone', args: ['--garments', 'g.jsonl', '--catalog', 'nope', '--out', 'o'], missing: 'nope', flag: '--catalog' },
  { command: 'clone', args: ['--garments', 'g.jsonl', '--images', 'nope', '--out', 'o'], missing: 'nope', flag: '--images' },
  { command: 'clone', args: ['--garments', 'g.jsonl', '--model', 'nope.onnx', '--out', 'o'], missing: 'nope.onnx', flag: '--model' },
  { command: 'catalog check', args: ['nope.csv'], missing: 'nope.csv', flag: '<source>' },
  { command: 'catalog import', args: ['nope.csv', '--out', 'o'], missing: 'nope.csv', flag: '<source>' },
  { command: 'catalog export', args: ['nope', '--out', 'o.csv'], missing: 'nope', flag: '<source>' },
  { command: 'characters', args: ['--selection', 'nope.json', '--textures', 'textures', '--out', 'o'], missing: 'nope.json', flag: '--selection' },
  { command: 'characters', args: ['--selection', 's.json', '--textures', 'nope', '--out', 'o'], missing: 'nope', flag: '--textures' },
  { command: 'characters', args: ['--selection', 's.json', '--textures', 'textures', '--out', 'o', '--accessories', 'nope.json'], missing: 'nope.json', flag: '--accessories' },
  { command: 'character', args: ['--mhm', 'nope.mhm', '--out', 'x.glb'], missing: 'nope.mhm', flag: '--mhm' },
  { command: 'character', args: ['--mhm', 'x.mhm', '--out', 'x.glb', '--mh-sys-data', 'nope'], missing: 'nope', flag: '--mh-sys-data' },
  { command: 'render', args: ['--scene', 'nope.yaml', '--characters', 'textures', '--out', 'o'], missing: 'nope.yaml', flag: '--scene' },
  { command: 'render', args: ['--scene', 'street', '--characters', 'nope', '--out', 'o'], missing: 'nope', flag: '--characters' },
  { command: 'dataset', args: ['--render', 'nope', '--characters', 'textures', '--out', 'o'], missing: 'nope', flag: '--render' },
  { command: 'dataset', args: ['--render', 'images', '--characters', 'nope', '--out', 'o'], missing: 'nope', flag: '--characters' },
  { command: 'eval', args: ['--dataset', 'nope'], missing: 'nope', flag: '--dataset' },
  { command: 'eval', args: ['--query-features', 'nope.npy', '--gallery-features', 'f.npy', '--query-list', 'x', '--gallery-list', 'y'], missing: 'nope.npy', flag: '--query-features' },
  { command: 'assets fetch', args: ['--from', 'nope', '--dir', 'assets'], missing: 'nope', flag: '--from' },
];

/** Commands that read no input named on the command line (`assets check` reports on the folder it is given). */
const NO_INPUT = new Set(['assets check']);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cp-cli-inputs-'));
  await mkdir(path.join(dir, 'images'));
  await mkdir(path.join(dir, 'textures'));
  for (const file of ['g.jsonl', 's.json', 'x.mhm', 'f.npy']) await writeFile(path.join(dir, file), '');
  await writeFile(path.join(dir, 'not-json.json'), '{"identity": [0, 1],\n');
  await writeFile(path.join(dir, 'list.json'), '[1, 2]');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a missing input', () => {
  it.each(CASES.map((c) => [c.command, c.flag, c] as const))('%s %s: E_INPUT_MISSING, exit 3', async (_command, _flag, c) => {
    const run = await runCliCaptured([...c.command.split(' '), ...c.args], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 3, stderr: `E_INPUT_MISSING: no such file or folder: ${path.join(dir, c.missing)} (${c.flag})\n` });
  });

  it('is checked for every command that reads one', () => {
    const leaves = COMMANDS.flatMap((entry) => (isCommandGroup(entry) ? entry.subcommands.map((sub) => `${entry.command} ${sub.command.split(' ')[0]}`) : [entry.command]));
    for (const command of leaves) expect([command, CASES.some((c) => c.command === command) || NO_INPUT.has(command)]).toEqual([command, true]);
  });
});

describe('an option file that is not what the flag wants', () => {
  it('is E_USAGE naming the flag when it is not JSON', async () => {
    const run = await runCliCaptured(['calibrate-eps', '--synthetic', '4', '--labels', 'not-json.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^E_USAGE: Expected a JSON file for --labels but received "${path.join(dir, 'not-json.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" \\(.+\\)\\n$`));
  });

  it('is E_USAGE naming the flag when it holds the wrong JSON', async () => {
    const labels = await runCliCaptured(['calibrate-eps', '--synthetic', '2', '--labels', 'list.json'], { cwd: dir });
    expect(labels.code).toBe(2);
    expect(labels.stderr).toMatch(/^E_USAGE: Expected a JSON object \{"identity": \[\.\.\.\], "look": \[\.\.\.\]\} of integers for --labels but received ".*list\.json" with no "identity" array\n$/);
    const accessories = await runCliCaptured(['characters', '--selection', 's.json', '--textures', 'textures', '--out', 'o', '--accessories', 'list.json'], { cwd: dir });
    expect(accessories.code).toBe(2);
    expect(accessories.stderr).toMatch(/^E_USAGE: Expected a JSON object with keys among .+ for --accessories but received ".*list\.json" holding an array\n$/);
  });
});

describe('a core E_ARGUMENT about an option', () => {
  it('comes out as E_USAGE naming the flag (dbscan checks eps against the metric\'s range)', async () => {
    const run = await runCliCaptured(['dbscan', '--features', 'f.npy', '--eps', '2.5', '--out', 'l.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^E_USAGE: Expected number in \(0, 2\] .*for --eps but received 2\.5\n$/);
  });
});
