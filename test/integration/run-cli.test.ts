/**
 * The `run`, `config` and `demo` command lines: usage and input errors in the CLI's one language,
 * config errors naming the field, `config --defaults` and `--check`, and how the final summary
 * and exit code follow the run (losses fail it with E_ITEMS_FAILED, decisions do not).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { CliContext } from '../../orchestrator/src/cli/cli-context.js';
import { runWithSummary } from '../../orchestrator/src/cli/run-command.js';
import { RUN_MANIFEST_CONTRACT } from '../../orchestrator/src/contracts/run-manifest.js';
import type { RunManifest } from '../../orchestrator/src/contracts/run-manifest.js';
import { RUN_CONFIG_DEFAULTS } from '../../orchestrator/src/run/run-config-defaults.js';
import { ClonedPersonError } from '../../orchestrator/src/shared/errors.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import { runCliCaptured } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cp-run-cli-'));
  await writeFile(path.join(dir, 'bad.yaml'), 'render:\n  stpes: 3\n');
  await writeFile(path.join(dir, 'good.yaml'), 'seed: 5\nrender:\n  steps: 30\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clonedperson run / config / demo command lines', () => {
  it('speaks the CLI\'s language for usage and missing inputs', async () => {
    const noOut = await runCliCaptured(['run', '--images', dir]);
    expect([noOut.code, noOut.stderr]).toEqual([2, 'E_USAGE: Expected a value for --out but received nothing\n']);
    const missing = await runCliCaptured(['run', '--images', path.join(dir, 'nope'), '--out', path.join(dir, 'o')]);
    expect([missing.code, missing.stderr]).toEqual([3, `E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'nope')} (--images)\n`]);
    const noGarments = await runCliCaptured(['run', '--images', dir, '--garments', path.join(dir, 'g.csv'), '--out', path.join(dir, 'o')]);
    expect([noGarments.code, noGarments.stderr]).toEqual([3, `E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'g.csv')} (--garments)\n`]);
    const photos = await runCliCaptured(['demo', '--out', path.join(dir, 'd'), '--photos', '40']);
    expect([photos.code, photos.stderr]).toEqual([2, 'E_USAGE: Expected an integer from 1 to 16 for --photos but received 40\n']);
    const scheme = await runCliCaptured(['demo', '--out', path.join(dir, 'd'), '--from', 'ftp://mirror']);
    expect([scheme.code, scheme.stderr]).toEqual([2, 'E_USAGE: Expected a folder or an http(s) URL for --from but received "ftp://mirror"\n']);
  });

  it('refuses a config with an unknown option before any stage runs, naming the file and the field', async () => {
    const out = path.join(dir, 'never');
    const run = await runCliCaptured(['run', '--images', dir, '--out', out, '--config', path.join(dir, 'bad.yaml')]);
    expect([run.code, run.stderr]).toEqual([3, `E_CONFIG_INVALID: ${path.join(dir, 'bad.yaml')}: /render: unexpected property "stpes"\n`]);
    expect(run.stdout).toBe('');
  });

  it('prints the defaults as YAML that reads back, and checks a config', async () => {
    const defaults = await runCliCaptured(['config', '--defaults']);
    expect(defaults.code).toBe(0);
    expect(YAML.parse(defaults.stdout)).toEqual(JSON.parse(JSON.stringify(RUN_CONFIG_DEFAULTS)));
    const check = await runCliCaptured(['config', '--check', path.join(dir, 'good.yaml')]);
    expect(check.code).toBe(0);
    expect(YAML.parse(check.stdout)).toMatchObject({ seed: 5, render: { ...RUN_CONFIG_DEFAULTS.render, steps: 30 } });
    const bad = await runCliCaptured(['config', '--check', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(3);
    const none = await runCliCaptured(['config']);
    expect([none.code, none.stderr]).toEqual([2, 'E_USAGE: Expected --defaults or --check <file> for config but received nothing\n']);
  });
});

function manifestWith(dropped: RunManifest['stages'][number]['dropped']): RunManifest {
  return {
    formatVersion: 1,
    tool: { name: 'clonedperson', version: '0' },
    versions: { node: 'v20', protocol: '1' },
    startedAt: '2025-01-01T00:00:00.000Z',
    inputs: { images: { folder: '/p', files: 2, sha256: 'x' } },
    config: {},
    seed: 1,
    stages: [{ name: 'clone', status: 'done', seconds: 1, peopleIn: 2, peopleOut: 2 - dropped.length, counts: {}, dropped }],
    people: { photos: 2, qualified: 2, selected: 2, outfits: 2 - dropped.length, characters: 0, rendered: 0, inDataset: 0 },
    outputs: { manifest: 'manifest.json' },
  };
}

function context(): CliContext & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: () => undefined, cwd: '/', env: {}, files: createMemoryFileStore(), logger: createMemoryLogger(), verbose: false, progress: false };
}

describe('runWithSummary', () => {
  it('prints the summary and succeeds when nobody was lost', async () => {
    const c = context();
    await expect(runWithSummary(c, '/run', () => Promise.resolve(manifestWith([])))).resolves.toBe(0);
    expect(c.out.join('')).toMatch(/^run: 2 photos -> 2 qualified/);
  });

  it('fails with E_ITEMS_FAILED naming the stage and reason when someone was lost, after the summary', async () => {
    const c = context();
    const lost = manifestWith([{ reason: 'E_NO_CLOTH_CELL', count: 1, images: ['b.jpg'] }]);
    await expect(runWithSummary(c, '/run', () => Promise.resolve(lost))).rejects.toMatchObject({
      code: 'E_ITEMS_FAILED',
      message: '1 person was lost between stages (clone: E_NO_CLOTH_CELL); details in /run/manifest.json',
    });
    expect(c.out.join('')).toContain('dropped by clone: E_NO_CLOTH_CELL: 1 (b.jpg)');
  });

  it('prints the summary of the manifest so far when a stage fails, then rethrows its error', async () => {
    const c = context();
    await c.files.writeAtomic('/run/manifest.json', RUN_MANIFEST_CONTRACT.format(manifestWith([])));
    const crash = new ClonedPersonError('E_PLAYER_CRASHED', 'the player died');
    await expect(runWithSummary(c, '/run', () => Promise.reject(crash))).rejects.toBe(crash);
    expect(c.out.join('')).toMatch(/^run: 2 photos/);
  });
});
