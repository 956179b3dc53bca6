import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isCommandGroup } from '../../orchestrator/src/cli/cli-command.js';
import { COMMANDS } from '../../orchestrator/src/cli/commands.js';
import { REPO_ROOT } from '../helpers/assets.js';
import { runCliCaptured } from '../helpers/cli.js';

// `npm test` builds dist/ before jest runs, so these check the built package as users get it.
describe('the built package', () => {
  it('is importable by name through its exports map', async () => {
    const script = [
      "import * as cp from 'clonedperson';",
      "const h = cp.estimateHomography([[0,0],[1,0],[1,1],[0,1]], [[0,0],[2,0],[2,2],[0,2]]);",
      "const tile = cp.mirrorTile(cp.createRawImage(2, 2, 3), 5, 5);",
      'console.log(JSON.stringify({ h: h.map((v) => Math.round(v * 1e9) / 1e9), tile: [tile.width, tile.height], names: ["warpPerspective", "findClothCell", "cloneBatch", "runCli"].map((n) => typeof cp[n]) }));',
    ].join('\n');
    const { stdout } = await execa(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT });
    expect(JSON.parse(stdout)).toEqual({ h: [2, 0, 0, 0, 2, 0, 0, 0, 1], tile: [5, 5], names: ['function', 'function', 'function', 'function'] });
  });

  it('runs the bin with --help and --version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
    const bin = path.join(REPO_ROOT, pkg.bin.clonedperson);
    const help = await execa(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('clonedperson <command>');
    const version = await execa(process.execPath, [bin, '--version']);
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('gives every command, group and subcommand a --help', async () => {
    const entries = COMMANDS.flatMap((entry) => [
      { words: [entry.command], describe: entry.describe },
      ...(isCommandGroup(entry) ? entry.subcommands.map((sub) => ({ words: [entry.command, sub.command.split(' ')[0]], describe: sub.describe })) : []),
    ]);
    for (const { words, describe } of entries) {
      const run = await runCliCaptured([...words, '--help']);
      expect([words.join(' '), run.code]).toEqual([words.join(' '), 0]);
      expect(run.stdout.replace(/\s+/g, ' ')).toContain(describe);
    }
  });

  it('shows each subcommand only its own options', async () => {
    const own: [string[], string[], string[]][] = [
      [['catalog', 'check'], ['<source>'], ['--out']],
      [['catalog', 'import'], ['<source>', '--out'], []],
      [['catalog', 'export'], ['<source>', '--out'], []],
      [['assets', 'fetch'], ['--from', '--dir', '--force'], []],
      [['assets', 'check'], ['--dir'], ['--from', '--force']],
    ];
    for (const [words, has, hasNot] of own) {
      const help = (await runCliCaptured([...words, '--help'])).stdout;
      for (const option of has) expect([words.join(' '), option, help.includes(option)]).toEqual([words.join(' '), option, true]);
      for (const option of hasNot) expect([words.join(' '), option, help.includes(option)]).toEqual([words.join(' '), option, false]);
    }
  });
});
