import { describe, expect, it } from '@jest/globals';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { parseMhm, writeMhm } from '../../../orchestrator/src/makehuman/mhm-format.js';

describe('.mhm files', () => {
  it('round-trips what the characters stage writes', () => {
    const text = writeMhm({
      version: 'v1.1.1',
      name: '0007',
      tags: ['clonedperson'],
      macro: { ...MACRO_DEFAULTS, gender: 1, age: 0.41, african: 0.2, asian: 0.3, caucasian: 0.5 },
      proxies: [
        { type: 'eyes', name: 'HighPolyEyes', uuid: '2c12f43b-1303-432c-b7ce-d78346baf2e6' },
        { type: 'clothes', name: 'male casual', uuid: 'u-1' },
      ],
      hideFacesUnderClothes: true,
      skeleton: 'cmu_mb.mhskel',
      skinMaterial: 'skins/default.mhmat',
      materials: [{ name: 'male casual', uuid: 'u-1', path: 'materials/male_casualsuit01.mhmat' }],
    });
    expect(text).toContain('modifier macrodetails/Gender 1.000000\n');
    expect(text).toContain('clothes male_casual u-1\n');
    expect(text).toContain('skeleton cmu_mb.mhskel\n');
    const model = parseMhm(text, 'x.mhm');
    expect(model.macro.age).toBeCloseTo(0.41, 6);
    expect(model.macro.caucasian).toBeCloseTo(0.5, 6);
    expect(model.proxies.map((p) => `${p.type}:${p.uuid}`)).toEqual(['eyes:2c12f43b-1303-432c-b7ce-d78346baf2e6', 'clothes:u-1']);
    expect(model.materials).toEqual([{ name: 'male_casual', uuid: 'u-1', path: 'materials/male_casualsuit01.mhmat' }]);
    expect(model).toMatchObject({ name: '0007', skeleton: 'cmu_mb.mhskel', skinMaterial: 'skins/default.mhmat', hideFacesUnderClothes: true, warnings: [] });
  });

  it('warns about unsupported lines and rejects malformed modifiers with the line', () => {
    const model = parseMhm('version v1.1.1\nmodifier nose/nose-trans-up|down 0.3\npose standing01\n', 'm.mhm');
    expect(model.warnings).toEqual([
      'm.mhm:2: modifier nose/nose-trans-up|down is not a macro modifier; ignored',
      'm.mhm:3: pose is not supported by the characters stage; ignored',
    ]);
    expect(() => parseMhm('modifier macrodetails/Age x\n', 'm.mhm')).toThrow(/m\.mhm:1: expected "modifier <name> <value>"/);
  });
});
