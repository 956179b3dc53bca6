import { describe, expect, it } from '@jest/globals';
import { detectNaming, parseImageName } from '../../../orchestrator/src/eval/image-names.js';
import type { ImageNaming } from '../../../orchestrator/src/eval/image-names.js';

describe('parseImageName', () => {
  it.each([
    ['market1501', '0001_c1s1_000151_00.jpg', { pid: 1, camera: '1' }],
    ['market1501', '-1_c3s2_000456_01.jpg', { pid: -1, camera: '3' }],
    ['market1501', '0000_c6s4_002202_02.jpg', { pid: 0, camera: '6' }],
    ['dukemtmc', '0005_c2_f0046985.jpg', { pid: 5, camera: '2' }],
    ['cuhk03-np', '0001_c1_1.png', { pid: 1, camera: '1' }],
    ['msmt17', '0000_000_01_0303morning_0015_0.jpg', { pid: 0, camera: '1' }],
    ['clonedperson', '0003_s02_c01_f000015.jpg', { pid: 3, camera: '2/1' }],
    // our market layout: c is the camera of scene s
    ['clonedperson-market', '0003_c1s2_000015_00.jpg', { pid: 3, camera: '2/1' }],
  ] as [ImageNaming, string, unknown][])('%s: %s', (naming, name, expected) => {
    expect(parseImageName(naming, name)).toEqual(expected);
  });

  it("takes MSMT17's pid from its list file", () => {
    expect(parseImageName('msmt17', '0123_014_05_0303noon_0345_1.jpg', 77)).toEqual({ pid: 77, camera: '5' });
  });

  it('gives nothing for names it does not explain', () => {
    expect(parseImageName('market1501', 'Thumbs.jpg')).toBeUndefined();
    expect(parseImageName('market1501', '0001_c1_f000151.jpg')).toBeUndefined();
    expect(parseImageName('dukemtmc', '0001_c1s1_000151_00.jpg')).toBeUndefined();
    expect(parseImageName('clonedperson', '0003_c1s2_000015_00.jpg')).toBeUndefined();
    expect(parseImageName('msmt17', '0003_s02_c01_f000015.jpg')).toBeUndefined();
  });
});

describe('detectNaming', () => {
  it('picks the naming most names follow, the earlier candidate on a tie', () => {
    const all: ImageNaming[] = ['clonedperson', 'market1501', 'dukemtmc', 'cuhk03-np', 'msmt17'];
    expect(detectNaming(['0001_c1s1_000151_00.jpg', '0002_c2s1_000151_00.jpg', 'junk.jpg'], all)).toBe('market1501');
    expect(detectNaming(['0005_c2_f0046985.jpg'], all)).toBe('dukemtmc');
    expect(detectNaming(['0003_s01_c01_f000000.jpg', '0001_c1s1_000151_00.jpg', '0004_s01_c02_f000005.jpg'], all)).toBe('clonedperson');
    expect(detectNaming(['0000_000_01_0303morning_0015_0.jpg'], all)).toBe('msmt17');
    expect(detectNaming(['a.jpg'], all)).toBeUndefined();
  });
});
