/**
 * Runs the clustering oracle (fixtures/clustering-oracle.py: numpy + scikit-learn under
 * /usr/bin/python3, installed by scripts/install-oracles.sh) and exchanges arrays as .npy.
 */
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpy, parseNpy } from '../../../orchestrator/src/features/npy.js';
import type { NpyArray } from '../../../orchestrator/src/features/npy.js';

export const ORACLE_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'clustering-oracle.py');
export const PYTHON = '/usr/bin/python3';

/** A temporary folder for one oracle exchange. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-oracle-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeNpy(file: string, data: Float32Array | Int32Array, shape: number[]): Promise<void> {
  await writeFile(file, encodeNpy(data, shape));
}

export async function readNpy(file: string): Promise<NpyArray> {
  return parseNpy(await readFile(file), file);
}

/** Runs one oracle request; array inputs are written first, the `out` array is returned. */
export async function runOracle(
  request: Record<string, unknown>,
  inputs: Record<string, { data: Float32Array | Int32Array; shape: number[] }>,
): Promise<NpyArray> {
  return withTempDir(async (dir) => {
    const full: Record<string, unknown> = { ...request, out: path.join(dir, 'out.npy') };
    for (const [key, array] of Object.entries(inputs)) {
      const file = path.join(dir, `${key}.npy`);
      await writeNpy(file, array.data, array.shape);
      full[key] = file;
    }
    const requestFile = path.join(dir, 'request.json');
    await writeFile(requestFile, JSON.stringify(full));
    await execa(PYTHON, [ORACLE_SCRIPT, requestFile]);
    return readNpy(path.join(dir, 'out.npy'));
  });
}
