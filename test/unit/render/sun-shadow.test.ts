import { describe, expect, it } from '@jest/globals';
import type { RenderProp } from '../../../orchestrator/src/render/prop-model.js';
import { createBoxMesh } from '../../../orchestrator/src/render/primitives.js';
import { buildSunShadowMap, sunVisibility } from '../../../orchestrator/src/render/sun-shadow.js';

/** A 1 m cube floating with its bottom 1 m above the ground, centred on x = z = 0. */
function floatingCube(): RenderProp {
  const mesh = createBoxMesh([1, 1, 1], [0, 1.5, 0]);
  return { name: 'cube', primitives: [{ positions: mesh.positions, normals: mesh.normals ?? null, uvs: mesh.uvs ?? null, indices: Uint32Array.from(mesh.indices), material: { baseColor: [1, 1, 1, 1] } }], boundsMin: [-0.5, 1, -0.5], boundsMax: [0.5, 2, 0.5] };
}

describe('sun shadows of props', () => {
  it('puts the ground under a cube in shadow where the sun throws it, and nowhere else', () => {
    // Sun travelling down and towards +X at 45 degrees: the shadow is the cube's base shifted by 1-2 m in x.
    const map = buildSunShadowMap([floatingCube()], [1, -1, 0])!;
    expect(sunVisibility(map, 1.5, 0, 0)).toBe(0);
    expect(sunVisibility(map, 1.2, 0, 0.3)).toBe(0);
    expect(sunVisibility(map, 0, 0, 0)).toBe(1); // right under the cube, but the sun comes from the side
    expect(sunVisibility(map, 2.7, 0, 0)).toBe(1);
    expect(sunVisibility(map, 1.5, 0, 1)).toBe(1);
    // The cube's own sunlit top and the far side of the scene are lit.
    expect(sunVisibility(map, 0, 2, 0)).toBe(1);
    expect(sunVisibility(map, 40, 0, 40)).toBe(1);
  });

  it('gives a soft edge across about one texel and none without a sun above the horizon', () => {
    const map = buildSunShadowMap([floatingCube()], [0, -1, 0.0001])!;
    // The edge of the shadow at x = 0.5: visibility rises from 0 to 1 within two texels.
    expect(sunVisibility(map, 0.5 - 2 * map.texelM, 0, 0)).toBe(0);
    expect(sunVisibility(map, 0.5 + 2 * map.texelM, 0, 0)).toBe(1);
    const middle = sunVisibility(map, 0.5, 0, 0);
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThan(1);
    expect(buildSunShadowMap([floatingCube()], [1, 0.2, 0])).toBeNull();
    expect(buildSunShadowMap([], [0, -1, 0])).toBeNull();
  });
});
