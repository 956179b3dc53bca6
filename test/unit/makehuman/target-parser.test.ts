import { describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { applyTarget, parseNpy, parseTargetsNpz, parseTargetText } from '../../../orchestrator/src/makehuman/target-parser.js';

/** A little-endian .npy file (format 1.0) for a C-order array. */
function npy(descr: string, shape: number[], data: ArrayBufferView): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

describe('morph targets', () => {
  it('parses text targets, skipping comments and blank lines', () => {
    const target = parseTargetText('# basemesh hm08\n\n2 .5 -1 0.25\n4 0 0 -0.001\n', 't.target', 5);
    expect(Array.from(target.indices)).toEqual([2, 4]);
    expect(Array.from(target.deltas)).toEqual([0.5, -1, 0.25, 0, 0, Math.fround(-0.001)]);
  });

  it('rejects lines without exactly four fields and indices out of range, naming the line', () => {
    expect(() => parseTargetText('# c\n1 2 3\n', 't.target', 5)).toThrow(/t\.target:2: expected "index dx dy dz"/);
    expect(() => parseTargetText('1 2 3 4 5\n', 't.target', 5)).toThrow(/t\.target:1/);
    expect(() => parseTargetText('0 0 0 0\n5 0 0 0\n', 't.target', 5)).toThrow(/t\.target:2: vertex index 5 is out of range \(0\.\.4\)/);
  });

  it('decodes .npy arrays', () => {
    const array = parseNpy(npy('<i2', [2, 3], Int16Array.from([1, -2, 3, -4, 5, -6])), 'x.npy');
    expect(array.shape).toEqual([2, 3]);
    expect(Array.from(array.data)).toEqual([1, -2, 3, -4, 5, -6]);
    expect(() => parseNpy(new Uint8Array([1, 2, 3]), 'y.npy')).toThrow(/not a \.npy array/);
  });

  it('reads a release targets.npz: uint16 indices, int16 vectors x 1e-3, keyed by .target path', () => {
    const zip = zipSync({
      'targets/macrodetails/a-b.index.npy': npy('<u2', [2], Uint16Array.from([1, 3])),
      'targets/macrodetails/a-b.vector.npy': npy('<i2', [2, 3], Int16Array.from([500, -1000, 250, 0, 0, -1])),
    });
    const targets = parseTargetsNpz(zip, 'targets.npz', 4);
    const target = targets.get('targets/macrodetails/a-b.target');
    expect(target).toBeDefined();
    expect(Array.from(target!.indices)).toEqual([1, 3]);
    // the same values the text form "1 .5 -1 .25" / "3 0 0 -.001" parses to
    expect(Array.from(target!.deltas)).toEqual(Array.from(Float32Array.from([0.5, -1, 0.25, 0, 0, -0.001])));
    expect(() => parseTargetsNpz(zip, 'targets.npz', 3)).toThrow(/vertex index 3 is out of range/);
  });

  it('adds a weighted target to positions', () => {
    const positions = new Float32Array(9);
    applyTarget(positions, { indices: Uint32Array.from([2]), deltas: Float32Array.from([1, 2, 3]) }, 0.5);
    expect(Array.from(positions)).toEqual([0, 0, 0, 0, 0, 0, 0.5, 1, 1.5]);
  });
});
