/**
 * The bundled prop generators: every kind makes a valid glTF (Khronos validator), the same bytes
 * for the same parameters and seed, its stated size, and refuses bad parameters by name.
 */
import { describe, expect, it } from '@jest/globals';
import { NodeIO } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import { generatePropGlb, PROP_KINDS, resolvePropParameters } from '../../../orchestrator/src/environments/prop-generators.js';
import type { PropKind } from '../../../orchestrator/src/environments/prop-generators.js';

const fail = (field: string, message: string): never => {
  throw new Error(`${field}: ${message}`);
};

async function bounds(glb: Uint8Array): Promise<{ min: number[]; max: number[] }> {
  const doc = await new NodeIO().readBinary(glb);
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION')!;
      const lo = position.getMin([]);
      const hi = position.getMax([]);
      for (let k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], lo[k]);
        max[k] = Math.max(max[k], hi[k]);
      }
    }
  }
  return { min, max };
}

describe('prop generators', () => {
  it('make valid glTF 2.0 binaries for every kind (Khronos validator: no errors)', async () => {
    for (const kind of PROP_KINDS) {
      const glb = await generatePropGlb(kind, resolvePropParameters(kind, {}, fail), 3);
      const report = await validateBytes(glb, { maxIssues: 20 });
      expect({ kind, errors: report.issues.numErrors, messages: report.issues.messages.filter((m: { severity: number }) => m.severity === 0) }).toEqual({ kind, errors: 0, messages: [] });
    }
  }, 60000);

  it('are deterministic: the same parameters and seed give the same bytes, another seed another model', async () => {
    const parameters = resolvePropParameters('building', { floors: 3 }, fail);
    const a = await generatePropGlb('building', parameters, 11);
    const b = await generatePropGlb('building', parameters, 11);
    const c = await generatePropGlb('building', parameters, 12);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(c))).not.toBe(0);
  });

  it('build to their stated size, standing on the ground at the origin', async () => {
    const cases: [PropKind, Record<string, unknown>, (b: { min: number[]; max: number[] }) => void][] = [
      [
        'building',
        { widthM: 12, depthM: 8, floors: 3, floorHeightM: 3, groundFloorHeightM: 4, style: 'offices' },
        (b) => {
          // Walls to x +-6 (cornice 0.15 beyond), z +-4; 4 + 2 x 3 m to the roof, parapet 0.6 above.
          expect(b.min[0]).toBeCloseTo(-6.15, 5);
          expect(b.max[0]).toBeCloseTo(6.15, 5);
          expect(b.min[2]).toBeCloseTo(-4.15, 5);
          expect(b.max[1]).toBeCloseTo(10.6, 5);
        },
      ],
      ['wall', { lengthM: 7, heightM: 2, thicknessM: 0.4 }, (b) => expect([b.min, b.max].map((v) => v.map((x) => +x.toFixed(5)))).toEqual([[-3.5, 0, -0.2], [3.5, 2, 0.2]])],
      ['tree', { heightM: 9, canopyRadiusM: 3 }, (b) => expect(b.max[1]).toBeLessThanOrEqual(9 + 1e-6)],
      ['car', { lengthM: 4, widthM: 1.7, heightM: 1.4 }, (b) => {
        expect(b.max[1]).toBeCloseTo(1.4, 5);
        expect(b.max[2] - b.min[2]).toBeGreaterThan(4);
        expect(b.max[2] - b.min[2]).toBeLessThan(4.2); // bumpers
      }],
      ['slab', { lengthM: 5, widthM: 2 }, (b) => expect([b.min, b.max].map((v) => v.map((x) => +x.toFixed(5)))).toEqual([[-1, 0, -2.5], [1, 0.02, 2.5]])],
    ];
    for (const [kind, given, check] of cases) {
      const b = await bounds(await generatePropGlb(kind, resolvePropParameters(kind, given, fail), 1));
      expect(b.min[1]).toBeGreaterThanOrEqual(-1e-6);
      check(b);
    }
  });

  it('fill defaults and refuse unknown or out-of-range parameters by name', () => {
    expect(resolvePropParameters('pillar', {}, fail)).toEqual({ heightM: 5, widthM: 0.6, round: false });
    expect(() => resolvePropParameters('pillar', { colour: 'red' }, fail)).toThrow('colour: unknown parameter of a pillar');
    expect(() => resolvePropParameters('building', { floors: 2.5 }, fail)).toThrow('floors: expected an integer but got 2.5');
    expect(() => resolvePropParameters('wall', { material: 'glass' }, fail)).toThrow('material: expected one of brick, concrete, plaster');
    expect(() => resolvePropParameters('pillar', { round: 'yes' }, fail)).toThrow('round: expected true or false');
    expect(() => resolvePropParameters('bench', { lengthM: 100 }, fail)).toThrow('lengthM: must be from 0.8 to 6');
  });
});
