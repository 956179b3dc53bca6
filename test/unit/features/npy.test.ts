import { describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeNpy, parseNpy } from '../../../orchestrator/src/features/npy.js';
import { PYTHON, withTempDir } from '../clustering/python-oracle.js';

describe('.npy', () => {
  it('round-trips float32 and int32 arrays', () => {
    const data = new Float32Array([1.5, -2, 3.25, 0, 1e-8, 7]);
    const parsed = parseNpy(encodeNpy(data, [2, 3]));
    expect(parsed.shape).toEqual([2, 3]);
    expect(parsed.descr).toBe('<f4');
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
    const labels = parseNpy(encodeNpy(new Int32Array([-1, 0, 5]), [3]));
    expect(labels.shape).toEqual([3]);
    expect(labels.data).toBeInstanceOf(Int32Array);
    expect(Array.from(labels.data)).toEqual([-1, 0, 5]);
  });

  it('interoperates with numpy in both directions (float64, Fortran order, int64, version 2)', async () => {
    await withTempDir(async (dir) => {
      const ours = path.join(dir, 'ours.npy');
      await writeFile(ours, encodeNpy(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2]));
      const script = `
import numpy as np, sys
d = sys.argv[1]
a = np.load(d + '/ours.npy')
assert a.dtype == np.float32 and a.shape == (3, 2) and a[2, 1] == 6 and a[0, 1] == 2, (a.dtype, a.shape, a)
np.save(d + '/f64_fortran.npy', np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) / 4))
np.save(d + '/i64.npy', np.array([-1, 3, 2**30], dtype=np.int64))
np.save(d + '/f16.npy', np.array([0.5, -2.0, 65504.0], dtype=np.float16))
np.lib.format.write_array(open(d + '/v2.npy', 'wb'), np.ones((2, 2), dtype='>f4'), version=(2, 0))
`;
      await execa(PYTHON, ['-c', script, dir]);
      const fortran = parseNpy(await readFile(path.join(dir, 'f64_fortran.npy')));
      expect(fortran.shape).toEqual([3, 4]);
      // C order of arange(12).reshape(3, 4) / 4, whatever the file's memory order
      expect(Array.from(fortran.data)).toEqual(Array.from({ length: 12 }, (_, i) => i / 4));
      expect(Array.from(parseNpy(await readFile(path.join(dir, 'i64.npy'))).data)).toEqual([-1, 3, 2 ** 30]);
      expect(Array.from(parseNpy(await readFile(path.join(dir, 'f16.npy'))).data)).toEqual([0.5, -2, 65504]);
      const big = parseNpy(await readFile(path.join(dir, 'v2.npy')));
      expect(big.descr).toBe('>f4');
      expect(Array.from(big.data)).toEqual([1, 1, 1, 1]);
    });
  });

  it('refuses bad magic, truncated data and unsupported dtypes', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x.npy')).toThrow(/x\.npy: not a \.npy/);
    const good = encodeNpy(new Float32Array([1, 2, 3, 4]), [2, 2]);
    expect(() => parseNpy(good.subarray(0, good.length - 4), 'x.npy')).toThrow(/data bytes/);
    const header = "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }";
    const bytes = new Uint8Array(10 + header.length + 8);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    new DataView(bytes.buffer).setUint16(8, header.length, true);
    for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
    expect(() => parseNpy(bytes, 'c.npy')).toThrow(expect.objectContaining({ code: 'E_NPY_INVALID' }));
  });
});
