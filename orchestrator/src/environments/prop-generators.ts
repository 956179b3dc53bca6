/**
 * The bundled prop generators: parametric buildings, benches, lamp posts, bins, bollards, trees,
 * parked cars, market stalls, walls and pillars, built from primitives with procedural textures
 * and written as .glb. Every generator is deterministic for its parameters and seed, so the
 * project needs no third-party art. Parameters are declared here (range and default) so scene
 * specs validate them with messages naming the field.
 */
import { createRandom } from '../shared/random.js';
import type { Random } from '../shared/random.js';
import type { MeshBuilder } from './mesh-builder.js';
import { writePropGlb } from './prop-glb.js';
import { buildBuilding } from './props/building.js';
import type { BuildingParameters } from './props/building.js';
import { buildBench, buildBin, buildBollard, buildLampPost } from './props/street-furniture.js';
import { buildPillar, buildSlab, buildStall, buildWall } from './props/structures.js';
import { buildTree } from './props/tree.js';
import { buildCar } from './props/vehicle.js';

export type ParameterSpec =
  | { type: 'number'; min: number; max: number; default: number; integer?: boolean }
  | { type: 'enum'; values: readonly string[]; default: string }
  | { type: 'boolean'; default: boolean };

export type PropParameters = Record<string, number | string | boolean>;

interface PropGenerator {
  description: string;
  parameters: Record<string, ParameterSpec>;
  build(parameters: PropParameters, random: Random): MeshBuilder;
}

const n = (min: number, max: number, value: number, integer = false): ParameterSpec => ({ type: 'number', min, max, default: value, ...(integer ? { integer } : {}) });

export const PROP_GENERATORS = {
  building: {
    description: 'a building of floors and bays: shops, offices, flats or a station hall at street level',
    parameters: {
      widthM: n(4, 300, 20),
      depthM: n(3, 200, 10),
      floors: n(1, 40, 4, true),
      floorHeightM: n(2.5, 6, 3.2),
      groundFloorHeightM: n(2.5, 8, 4.2),
      bayWidthM: n(1.5, 10, 3.5),
      style: { type: 'enum', values: ['shops', 'offices', 'residential', 'station'], default: 'shops' },
    },
    build: (p, random) => buildBuilding(p as unknown as BuildingParameters, random),
  },
  bench: { description: 'a wooden bench on metal legs, seat facing +Z', parameters: { lengthM: n(0.8, 6, 1.8) }, build: (p, random) => buildBench(p as { lengthM: number }, random) },
  'lamp-post': { description: 'a street lamp, its arm towards +Z', parameters: { heightM: n(2.5, 14, 4.5) }, build: (p) => buildLampPost(p as { heightM: number }) },
  bin: { description: 'a litter bin', parameters: {}, build: () => buildBin() },
  bollard: { description: 'a bollard', parameters: {}, build: () => buildBollard() },
  tree: { description: 'a tree with a two-part canopy', parameters: { heightM: n(2, 30, 6), canopyRadiusM: n(0.6, 10, 2) }, build: (p, random) => buildTree(p as { heightM: number; canopyRadiusM: number }, random) },
  car: {
    description: 'a parked car, front towards +Z',
    parameters: { lengthM: n(2.8, 6.5, 4.4), widthM: n(1.4, 2.3, 1.8), heightM: n(1.1, 2.4, 1.5) },
    build: (p, random) => buildCar(p as { lengthM: number; widthM: number; heightM: number }, random),
  },
  stall: { description: 'a market stall with a striped canopy', parameters: { widthM: n(1.2, 8, 2.5), depthM: n(0.8, 5, 1.6) }, build: (p, random) => buildStall(p as { widthM: number; depthM: number }, random) },
  wall: {
    description: 'a straight wall along X',
    parameters: { lengthM: n(0.3, 300, 10), heightM: n(0.2, 20, 2.5), thicknessM: n(0.05, 3, 0.3), material: { type: 'enum', values: ['brick', 'concrete', 'plaster'], default: 'brick' } },
    build: (p, random) => buildWall(p as { lengthM: number; heightM: number; thicknessM: number; material: 'brick' | 'concrete' | 'plaster' }, random),
  },
  slab: {
    description: 'a flat 2 cm slab along Z: a gravel or paved path, a concrete pad, a road marking (never an obstacle)',
    parameters: { lengthM: n(0.1, 500, 10), widthM: n(0.05, 200, 2), material: { type: 'enum', values: ['gravel', 'paving', 'concrete', 'marking'], default: 'gravel' } },
    build: (p, random) => buildSlab(p as { lengthM: number; widthM: number; material: 'gravel' | 'paving' | 'concrete' | 'marking' }, random),
  },
  pillar: { description: 'a tiled pillar (square or round)', parameters: { heightM: n(1, 30, 5), widthM: n(0.15, 4, 0.6), round: { type: 'boolean', default: false } }, build: (p, random) => buildPillar(p as { heightM: number; widthM: number; round: boolean }, random) },
} as const satisfies Record<string, PropGenerator>;

export type PropKind = keyof typeof PROP_GENERATORS;

export const PROP_KINDS = Object.keys(PROP_GENERATORS) as PropKind[];

export function isPropKind(value: unknown): value is PropKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROP_GENERATORS, value);
}

/**
 * The parameters of a generator with defaults filled in; `fail(field, message)` reports a bad
 * or unknown field (scene specs pass their own, which names the spec path).
 */
export function resolvePropParameters(kind: PropKind, given: Record<string, unknown>, fail: (field: string, message: string) => never): PropParameters {
  const specs: Record<string, ParameterSpec> = PROP_GENERATORS[kind].parameters;
  for (const key of Object.keys(given)) if (!(key in specs)) fail(key, `unknown parameter of a ${kind} (known: ${Object.keys(specs).join(', ') || 'none'})`);
  const out: PropParameters = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = given[key];
    if (value === undefined) {
      out[key] = spec.default;
      continue;
    }
    if (spec.type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(key, `expected a number but got ${JSON.stringify(value)}`);
      if (value < spec.min || value > spec.max) fail(key, `must be from ${spec.min} to ${spec.max}, got ${value}`);
      if (spec.integer && !Number.isInteger(value)) fail(key, `expected an integer but got ${value}`);
    } else if (spec.type === 'enum') {
      if (typeof value !== 'string' || !spec.values.includes(value)) fail(key, `expected one of ${spec.values.join(', ')} but got ${JSON.stringify(value)}`);
    } else if (typeof value !== 'boolean') fail(key, `expected true or false but got ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out;
}

/** The .glb bytes of a generated prop (parameters already resolved). */
export async function generatePropGlb(kind: PropKind, parameters: PropParameters, seed: number): Promise<Uint8Array> {
  const generator: PropGenerator = PROP_GENERATORS[kind];
  const mesh = generator.build(parameters, createRandom(seed));
  return writePropGlb(mesh, { kind, seed, parameters });
}
