import { describe, expect, it } from '@jest/globals';
import { classifyTarget, MACRO_DEFAULTS, macroTargetWeights, macroVariables, normalizeEthnic } from '../../../orchestrator/src/makehuman/macro-modifiers.js';

describe('macro modifiers', () => {
  it('classifies target paths by MakeHuman naming (group key + category values)', () => {
    expect(classifyTarget('targets/macrodetails/universal-female-young-averagemuscle-averageweight.target')).toEqual({
      path: 'targets/macrodetails/universal-female-young-averagemuscle-averageweight.target',
      group: 'macrodetails-universal',
      variables: ['female', 'young', 'averagemuscle', 'averageweight'],
    });
    expect(classifyTarget('targets/macrodetails/african-male-old.target').group).toBe('macrodetails');
    expect(classifyTarget('targets/macrodetails/height/male-child-minmuscle-maxweight-maxheight.target')).toMatchObject({
      group: 'macrodetails-height',
      variables: ['male', 'child', 'minmuscle', 'maxweight', 'maxheight'],
    });
    expect(classifyTarget('targets/macrodetails/proportions/female-old-averagemuscle-minweight-idealproportions.target').group).toBe(
      'macrodetails-proportions',
    );
    // folder atoms join the key too: MakeHuman's UniversalModifier looks up group + '-' + target
    expect(classifyTarget('targets/nose/nose-trans-up.target').group).toBe('nose-nose-trans-up');
  });

  it('computes the variable values of human.py by hand-checked examples', () => {
    // age 0.25 (< 0.5): baby = max(0, 1 - 1.33325) = 0, young = (0.25 - 0.1875) * 3.2 = 0.2,
    // child = min(1, 1.33325) - 0.2 = 0.8; muscle 0.75: max 0.5, min 0, average 0.5;
    // weight 0.1: min 0.8, max 0, average 0.2; height 0.3: min 0.4, max 0, average 0.6.
    const v = macroVariables({ ...MACRO_DEFAULTS, gender: 0.25, age: 0.25, muscle: 0.75, weight: 0.1, height: 0.3 });
    expect(v.male).toBeCloseTo(0.25, 12);
    expect(v.female).toBeCloseTo(0.75, 12);
    expect(v.baby).toBe(0);
    expect(v.young).toBeCloseTo(0.2, 12);
    expect(v.child).toBeCloseTo(0.8, 12);
    expect(v.old).toBe(0);
    expect([v.minmuscle, v.averagemuscle, v.maxmuscle].map((x) => +x.toFixed(12))).toEqual([0, 0.5, 0.5]);
    expect([v.minweight, v.averageweight, v.maxweight].map((x) => +x.toFixed(12))).toEqual([0.8, 0.2, 0]);
    expect([v.minheight, v.averageheight, v.maxheight].map((x) => +x.toFixed(12))).toEqual([0.4, 0.6, 0]);
    // age 0.1: baby = 1 - 0.5333 = 0.4667, young = 0, child = 0.5333 - 0 = 0.5333
    const y = macroVariables({ ...MACRO_DEFAULTS, age: 0.1 });
    expect(y.baby).toBeCloseTo(0.4667, 12);
    expect(y.child).toBeCloseTo(0.5333, 12);
    // age 0.8: old = 0.6, young = 0.4
    const o = macroVariables({ ...MACRO_DEFAULTS, age: 0.8 });
    expect([o.baby, o.child, +o.young.toFixed(12), +o.old.toFixed(12)]).toEqual([0, 0, 0.4, 0.6]);
  });

  it('rescales the race values to sum 1 (1/3 each when all are 0)', () => {
    expect(normalizeEthnic({ ...MACRO_DEFAULTS, african: 1, asian: 1, caucasian: 2 })).toMatchObject({ african: 0.25, asian: 0.25, caucasian: 0.5 });
    expect(normalizeEthnic({ ...MACRO_DEFAULTS, african: 0, asian: 0, caucasian: 0 }).asian).toBeCloseTo(1 / 3, 12);
  });

  it('weights each macro target by the product of its variables and drops zero weights', () => {
    const catalog = [
      'targets/macrodetails/african-male-young.target',
      'targets/macrodetails/caucasian-male-young.target',
      'targets/macrodetails/asian-female-young.target',
      'targets/macrodetails/universal-male-young-maxmuscle-averageweight.target',
      'targets/macrodetails/universal-male-young-averagemuscle-averageweight.target',
      'targets/macrodetails/height/male-young-maxmuscle-averageweight-maxheight.target',
      'targets/nose/nose-trans-up.target',
    ].map(classifyTarget);
    // gender 1, age 0.75 (young 0.5, old 0.5), african 0.2 / asian 0.3 / caucasian 0.5, muscle 0.6
    // (max 0.2, average 0.8), weight 0.5 (average 1), height 0.5 (no max/min weight).
    const weights = macroTargetWeights(catalog, { ...MACRO_DEFAULTS, gender: 1, age: 0.75, african: 0.2, asian: 0.3, caucasian: 0.5, muscle: 0.6 });
    const table = Object.fromEntries(weights.map((w) => [w.path.replace(/^.*\//, ''), +w.weight.toFixed(12)]));
    expect(table).toEqual({
      'african-male-young.target': 0.1, // 0.2 x 1 x 0.5
      'caucasian-male-young.target': 0.25, // 0.5 x 1 x 0.5
      'universal-male-young-maxmuscle-averageweight.target': 0.1, // 1 x 0.5 x 0.2 x 1
      'universal-male-young-averagemuscle-averageweight.target': 0.4, // 1 x 0.5 x 0.8 x 1
    });
  });
});
