import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/assets.js';

const PROBE = path.join(REPO_ROOT, 'test/unit/models/native-libraries-probe.ts');
const SRC = path.join(REPO_ROOT, 'orchestrator/src');

/** Every module of the cloning and clustering stages, and the package entry point. */
const MODULES = [
  ...['cloning', 'clustering'].flatMap((dir) =>
    readdirSync(path.join(SRC, dir))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => path.join(SRC, dir, name)),
  ),
  path.join(SRC, 'index.ts'),
];

interface ProbeStep {
  step: string;
  loaded: string[];
}

/** Runs the probe in a fresh Node process (TypeScript sources through tsx). */
async function probe(args: string[]): Promise<ProbeStep[]> {
  const { stdout } = await execa(process.execPath, ['--import', 'tsx', PROBE, ...args], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as ProbeStep[];
}

describe('native libraries load on first use, not on import', () => {
  it('imports every cloning and clustering module and the package without loading sharp or onnxruntime', async () => {
    const steps = await probe(MODULES);
    expect(steps.map((s) => s.step)).toEqual(MODULES);
    // the first module after whose import a library shows up is the one to blame
    expect(steps.filter((s) => s.loaded.length > 0).map((s) => `${path.relative(SRC, s.step)}: ${s.loaded.join(', ')}`)).toEqual([]);
  });

  it('detects both libraries once an image is decoded and a session created (the probe can fail)', async () => {
    const steps = await probe(['--use', path.join(SRC, 'clustering/dbscan.ts')]);
    expect(steps).toEqual([
      { step: path.join(SRC, 'clustering/dbscan.ts'), loaded: [] },
      { step: 'use', loaded: expect.arrayContaining(['sharp', 'onnxruntime-node']) as unknown as string[] },
    ]);
  });
});
