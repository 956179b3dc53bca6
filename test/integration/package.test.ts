import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

  it('gives every command a --help', async () => {
    for (const command of COMMANDS) {
      const name = command.command.split(' ')[0];
      const run = await runCliCaptured([name, '--help']);
      expect([name, run.code]).toEqual([name, 0]);
      expect(run.stdout.replace(/\s+/g, ' ')).toContain(command.describe);
    }
  });
});
