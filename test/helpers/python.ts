/**
 * Runs Debian's /usr/bin/python3 (numpy, OpenCV, Pillow, scikit-learn; installed by
 * scripts/install-oracles.sh) as a test oracle. Binary arrays travel as raw little-endian bytes
 * through temp files; the script reads paths from sys.argv.
 */
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const PYTHON = '/usr/bin/python3';

/**
 * Writes `inputs` to temp files, runs `script` with their paths as argv[1..] and an output path
 * as the last argument, and returns stdout and the output file's bytes (if written).
 */
export async function runPython(script: string, inputs: Uint8Array[] = []): Promise<{ stdout: string; output?: Buffer }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-oracle-'));
  try {
    const files = await Promise.all(
      inputs.map(async (bytes, i) => {
        const file = path.join(dir, `in${i}.bin`);
        await writeFile(file, bytes);
        return file;
      }),
    );
    const outFile = path.join(dir, 'out.bin');
    const { stdout } = await execa(PYTHON, ['-c', script, ...files, outFile]);
    let output: Buffer | undefined;
    try {
      output = await readFile(outFile);
    } catch {
      output = undefined;
    }
    return { stdout, ...(output ? { output } : {}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
