import { describe, expect, it } from '@jest/globals';
import { parseProxy } from '../../../orchestrator/src/makehuman/proxy-parser.js';
import type { SkeletonDefinition } from '../../../orchestrator/src/makehuman/rig-parser.js';
import { compileWeights, normalizeBoneWeights, remapBoneWeights, transferWeightsToProxy, weightReferences } from '../../../orchestrator/src/makehuman/skeleton-weights.js';

const raw = (entries: Record<string, [number, number][]>) =>
  new Map(Object.entries(entries).map(([b, pairs]) => [b, { vertices: Uint32Array.from(pairs.map((p) => p[0])), weights: Float32Array.from(pairs.map((p) => p[1])) }]));

const plain = (weights: ReturnType<typeof normalizeBoneWeights>) =>
  Object.fromEntries([...weights].map(([b, { vertices, weights: w }]) => [b, Array.from(vertices).map((v, i) => [v, +w[i].toFixed(6)])]));

function rig(name: string, bones: [string, string | null, string[]?, string[]?][]): SkeletonDefinition {
  return {
    name,
    file: `${name}.mhskel`,
    bones: bones.map(([n, parent, reference, weightsReference]) => ({
      name: n,
      parent,
      head: 'h',
      tail: 't',
      reference: reference ?? [],
      ...(weightsReference ? { weightsReference } : {}),
    })),
    joints: new Map(),
    planes: new Map(),
    planeMapStrategy: 3,
  };
}

describe('bone weights', () => {
  it('normalises per vertex, merges doubles, drops tiny weights and gives the root unweighted vertices', () => {
    const w = normalizeBoneWeights(raw({ a: [[0, 1], [1, 3], [1, 1], [2, 0.00001]], b: [[0, 3], [2, 1]] }), 4, 'a');
    // vertex 0: a 1/4, b 3/4; vertex 1: a (3+1)/4 = 1 (doubles merged); vertex 2: a 0.00001/1.00001
    // is below 1e-4 and dropped, b 1/1.00001; vertex 3 has no weight -> root a with 1
    expect(plain(w)).toEqual({ a: [[0, 0.25], [1, 1], [3, 1]], b: [[0, 0.75], [2, 0.99999]] });
  });

  it('adds unreferenced descendant chains of the reference rig to referencing bones', () => {
    // reference: root > spine > (arm > hand > finger), (neck > head)
    const reference = rig('ref', [['root', null], ['spine', 'root'], ['arm', 'spine'], ['hand', 'arm'], ['finger', 'hand'], ['neck', 'spine'], ['head', 'neck']]);
    const small = rig('small', [['Hips', null, ['root']], ['Chest', 'Hips', ['spine']], ['Arm', 'Chest', ['arm']], ['Head', 'Chest', ['neck', 'head']], ['Fixed', 'Chest', ['x'], ['neck']]]);
    const refs = weightReferences(small, reference);
    // hand and finger are referenced by no bone: their chain goes to the bone referencing arm
    expect(refs.get('Arm')?.sort()).toEqual(['arm', 'finger', 'hand']);
    expect(refs.get('Head')?.sort()).toEqual(['head', 'neck']);
    expect(refs.get('Fixed')).toEqual(['neck']); // explicit weights_reference stays as it is
    // spine's children (arm, neck) are referenced, so Chest gets nothing more
    expect(refs.get('Chest')).toEqual(['spine']);
  });

  it('remaps reference weights through the weight references and renormalises', () => {
    const reference = normalizeBoneWeights(raw({ root: [[0, 1]], spine: [[1, 0.5], [2, 1]], arm: [[1, 0.5]], hand: [[3, 1]] }), 4, 'root');
    const small = rig('small', [['Hips', null, ['root']], ['Chest', 'Hips', ['spine']], ['Arm', 'Chest', ['arm', 'hand']]]);
    const remapped = remapBoneWeights(reference, small, new Map([['Hips', ['root']], ['Chest', ['spine']], ['Arm', ['arm', 'hand']]]), 4);
    expect(plain(remapped)).toEqual({ Hips: [[0, 1]], Chest: [[1, 0.5], [2, 1]], Arm: [[1, 0.5], [3, 1]] });
  });

  it('carries body weights to a proxy through its fitting weights (MakeHuman Proxy.getVertexWeights)', () => {
    const proxy = parseProxy('obj_file a.obj\nverts 0\n2\n0 1 2 0.5 0.5 0\n', 'p.mhclo', 3);
    const body = normalizeBoneWeights(raw({ a: [[0, 1], [1, 0.5]], b: [[1, 0.5], [2, 1]] }), 3, 'a');
    // proxy 0 = exact body 2 -> b 1; proxy 1 = 0.5 body0 + 0.5 body1: a 0.5*1 + 0.5*0.5 = 0.75, b 0.5*0.5 = 0.25
    expect(plain(transferWeightsToProxy(body, proxy, 3, 'a'))).toEqual({ a: [[1, 0.75]], b: [[0, 1], [1, 0.25]] });
  });

  it('keeps the largest influences per vertex and renormalises them', () => {
    const w = normalizeBoneWeights(raw({ a: [[0, 0.1]], b: [[0, 0.2]], c: [[0, 0.3]], d: [[0, 0.25]], e: [[0, 0.15]] }), 1, 'a');
    const compiled = compileWeights(w, new Map([['a', 0], ['b', 1], ['c', 2], ['d', 3], ['e', 4]]), 1, 4);
    expect(Array.from(compiled.joints)).toEqual([2, 3, 1, 4]);
    // 0.3, 0.25, 0.2, 0.15 over their sum 0.9
    [0.3 / 0.9, 0.25 / 0.9, 0.2 / 0.9, 0.15 / 0.9].forEach((v, i) => expect(compiled.weights[i]).toBeCloseTo(v, 6));
  });
});
