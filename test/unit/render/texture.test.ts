import { describe, expect, it } from '@jest/globals';
import { createMipTexture, sampleTexture } from '../../../orchestrator/src/render/texture.js';
import { skinPrimitive } from '../../../orchestrator/src/render/skinning.js';
import { mat4FromTrs, mat4Identity } from '../../../orchestrator/src/geometry/mat4.js';

describe('mip textures', () => {
  it('builds levels by 2x2 averaging down to 1x1', () => {
    const data = new Uint8Array([0, 100, 200, 40, 80, 120, 4, 8, 12, 255, 255, 255]);
    const tex = createMipTexture({ width: 2, height: 2, channels: 3, data });
    expect(tex.levels.map((l) => [l.width, l.height])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    // (0 + 40 + 4 + 255 + 2) >> 2 = 75, (100 + 80 + 8 + 255 + 2) >> 2 = 111, (200 + 120 + 12 + 255 + 2) >> 2 = 147
    expect(Array.from(tex.levels[1].data)).toEqual([75, 111, 147, 255]);
  });

  it('samples bilinearly at texel centres and between them, with wrap modes', () => {
    const tex = createMipTexture({ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 200]) }, { mipmaps: false, wrapS: 'clamp', wrapT: 'clamp' });
    const out = new Float64Array(4);
    sampleTexture(tex, 0.25, 0.5, 0, out);
    expect(out[0]).toBeCloseTo(0, 9);
    sampleTexture(tex, 0.5, 0.5, 0, out);
    expect(out[0]).toBeCloseTo(100, 9);
    sampleTexture(tex, 0.625, 0.5, 0, out);
    expect(out[0]).toBeCloseTo(150, 9);
    sampleTexture(tex, 1.5, 0.5, 0, out); // clamped
    expect(out[0]).toBeCloseTo(200, 9);
    const repeat = createMipTexture({ width: 2, height: 1, channels: 1, data: new Uint8Array([0, 200]) }, { mipmaps: false });
    sampleTexture(repeat, 0, 0.5, 0, out); // halfway between the last and the first texel
    expect(out[0]).toBeCloseTo(100, 9);
  });

  it('picks the mip level nearest to the footprint', () => {
    const data = new Uint8Array(4 * 4).fill(0);
    data.fill(255, 0, 8); // top half white
    const tex = createMipTexture({ width: 4, height: 4, channels: 1, data });
    const out = new Float64Array(4);
    sampleTexture(tex, 0.5, 0.5, 2, out); // 1x1 level: the average
    expect(out[0]).toBeCloseTo(128, 0);
  });
});

describe('skinning', () => {
  it('blends joint matrices by weight', () => {
    const joints = new Float64Array(32);
    joints.set(mat4Identity(), 0);
    joints.set(mat4FromTrs(new Float64Array(16), [1, 0, 0], [0, 0, 0, 1], [1, 1, 1]), 16);
    const primitive = {
      positions: new Float32Array([0, 1, 0]),
      normals: new Float32Array([0, 0, 1]),
      uvs: null,
      joints: new Uint16Array([0, 1, 0, 0]),
      weights: new Float32Array([0.75, 0.25, 0, 0]),
      indices: new Uint32Array(0),
      shadowVertices: new Uint32Array(0),
      shadowIndices: new Uint32Array(0),
      material: { baseColor: [1, 1, 1, 1] as const },
    };
    const out = new Float32Array(3);
    const normals = new Float32Array(3);
    skinPrimitive(primitive, joints, out, normals);
    expect(Array.from(out)).toEqual([0.25, 1, 0]);
    expect(Array.from(normals)).toEqual([0, 0, 1]);
  });
});
