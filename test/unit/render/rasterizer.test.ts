import { describe, expect, it } from '@jest/globals';
import { createOrthographicCamera, createPerspectiveCamera } from '../../../orchestrator/src/render/camera.js';
import { createBoxMesh, createGroundMesh } from '../../../orchestrator/src/render/primitives.js';
import { drawMesh } from '../../../orchestrator/src/render/rasterizer.js';
import type { MeshData } from '../../../orchestrator/src/render/rasterizer.js';
import { clearRenderTarget, createRenderTarget, resolveRenderTarget } from '../../../orchestrator/src/render/render-target.js';
import { createMipTexture, sampleTexture } from '../../../orchestrator/src/render/texture.js';
import type { WrapMode } from '../../../orchestrator/src/render/texture.js';

const white = { baseColor: [1, 1, 1, 1] as const };

function countIds(ids: Uint16Array, id: number): number {
  let n = 0;
  for (const v of ids) if (v === id) n++;
  return n;
}

/** A unit square in the z = zM plane, facing +Z, split into two triangles. */
function square(halfM: number, zM: number, cx = 0, cy = 0): MeshData {
  return {
    positions: new Float32Array([cx - halfM, cy - halfM, zM, cx + halfM, cy - halfM, zM, cx + halfM, cy + halfM, zM, cx - halfM, cy + halfM, zM]),
    indices: new Uint16Array([0, 1, 2, 0, 2, 3]),
  };
}

const frontCamera = (aspect = 1) =>
  createOrthographicCamera({ positionM: [0, 0, 5], lookAtM: [0, 0, 0], halfHeightM: 1, aspect, nearM: 1, farM: 10 });

describe('drawMesh', () => {
  it('fills exactly the samples whose centres lie inside (orthographic square)', () => {
    // 100 samples span 2 m, so a 1 m square spans samples 25..74 in x and y: 50 x 50.
    const target = createRenderTarget(100, 100);
    const stats = drawMesh(target, square(0.5, 0), white, { camera: frontCamera(), instanceId: 7 });
    expect(countIds(target.ids, 7)).toBe(2500);
    expect(stats.samplesWritten).toBe(2500);
    expect(target.ids[25 * 100 + 25]).toBe(7);
    expect(target.ids[24 * 100 + 25]).toBe(0);
    expect(target.ids[74 * 100 + 74]).toBe(7);
    expect(target.ids[75 * 100 + 74]).toBe(0);
  });

  it('is watertight: a fan of triangles covers each sample exactly once', () => {
    // 17 triangles around an off-grid centre; per-triangle coverage must add up to the union.
    const n = 17;
    const positions = [0.013, -0.021, 0];
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n + 0.1;
      positions.push(0.83 * Math.cos(a), 0.79 * Math.sin(a), 0);
    }
    const all: number[] = [];
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const tri = [0, 1 + k, 1 + ((k + 1) % n)];
      all.push(...tri);
      const target = createRenderTarget(97, 89);
      sum += drawMesh(target, { positions: new Float32Array(positions), indices: new Uint16Array(tri) }, white, {
        camera: frontCamera(97 / 89),
      }).samplesWritten;
    }
    const union = createRenderTarget(97, 89);
    drawMesh(union, { positions: new Float32Array(positions), indices: new Uint16Array(all) }, white, {
      camera: frontCamera(97 / 89),
      instanceId: 1,
    });
    expect(sum).toBe(countIds(union.ids, 1));
    expect(sum).toBeGreaterThan(3000);
  });

  it('culls back faces unless the material is double-sided', () => {
    const back = createOrthographicCamera({ positionM: [0, 0, -5], lookAtM: [0, 0, 0], halfHeightM: 1, aspect: 1, nearM: 1, farM: 10 });
    const target = createRenderTarget(40, 40);
    expect(drawMesh(target, square(0.5, 0), white, { camera: back }).samplesWritten).toBe(0);
    expect(drawMesh(target, square(0.5, 0), { ...white, doubleSided: true }, { camera: back }).samplesWritten).toBe(400);
  });

  it('keeps the nearer surface whatever the drawing order', () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const target = createRenderTarget(50, 50);
      const quads = [square(0.5, 0.2), square(0.5, -0.2, 0.25)];
      for (const i of order) drawMesh(target, quads[i], white, { camera: frontCamera(), instanceId: i + 1 });
      // The overlap (x in [-0.25, 0.5]) belongs to quad 1 (z = 0.2, nearer the camera at z = 5).
      expect(target.ids[25 * 50 + 30]).toBe(1);
      expect(target.ids[25 * 50 + 40]).toBe(2);
    }
  });

  it('clips at the near plane: a ground plane fills exactly the lower half below a level camera', () => {
    const target = createRenderTarget(64, 48);
    const camera = createPerspectiveCamera({ positionM: [0, 1.5, 0], lookAtM: [0, 1.5, -10], fovDeg: 60, aspect: 64 / 48, farM: 1e5 });
    drawMesh(target, createGroundMesh(5e3, 1), white, { camera, instanceId: 3 });
    // The horizon is the line y = 24 (ground ends 5 km away, 0.01 sample below it): rows whose
    // centres lie below it hit the ground, rows above do not.
    for (let y = 0; y < 48; y++) {
      const row = target.ids.subarray(y * 64, (y + 1) * 64);
      expect(countIds(row, 3)).toBe(y >= 24 ? 64 : 0);
    }
  });

  it('interpolates texture coordinates perspective-correctly', () => {
    // A 2x1 texture: left texel black, right white; clamp so u < 0.5 reads black (nearest mip).
    const tex = createMipTexture({ width: 2, height: 1, channels: 3, data: new Uint8Array([0, 0, 0, 255, 255, 255]) }, { wrapS: 'clamp', wrapT: 'clamp', mipmaps: false });
    // A floor quad from z = -1 to z = -9 (x in [-1, 1]) with u running along z; seen from (0, 1, 0).
    const mesh: MeshData = {
      positions: new Float32Array([-1, 0, -1, 1, 0, -1, 1, 0, -9, -1, 0, -9]),
      uvs: new Float32Array([0, 0, 0, 0, 1, 0, 1, 0]),
      indices: new Uint16Array([0, 1, 2, 0, 2, 3]),
    };
    const camera = createPerspectiveCamera({ positionM: [0, 1, 0], lookAtM: [0, 0, -5], fovDeg: 90, aspect: 1, nearM: 0.1, farM: 100 });
    const target = createRenderTarget(101, 101);
    drawMesh(target, mesh, { baseColor: [1, 1, 1, 1], texture: tex, unlit: true }, { camera });
    // u = 0.5 is z = -5 (the look-at point), which projects to the image centre row (50.5).
    // Affine interpolation would put the black/white boundary far from there.
    const column = 50;
    const rowValue = (y: number) => target.color![(y * 101 + column) * 3];
    expect(rowValue(46)).toBeGreaterThan(200); // farther than z = -5: u > 0.5, white
    expect(rowValue(54)).toBeLessThan(55); // nearer: black
  });

  it.each(['repeat', 'mirror', 'clamp'] as WrapMode[])('samples textures exactly as sampleTexture does (its inline copy, %s wrap)', (wrap) => {
    // An 8x8 texture of distinct texels on a quad whose uv runs past [0, 1], drawn unlit in
    // white: every pixel must be the texel sampleTexture gives at that pixel centre's uv.
    const data = new Uint8Array(8 * 8 * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 97 + 13) % 256;
    const texture = createMipTexture({ width: 8, height: 8, channels: 3, data }, { wrapS: wrap, wrapT: wrap, mipmaps: false });
    const [u0, u1, v0, v1] = [-1.3, 2.2, -0.7, 1.9];
    const quad: MeshData = { ...square(1, 0), uvs: new Float32Array([u0, v1, u1, v1, u1, v0, u0, v0]) };
    const size = 40;
    const target = createRenderTarget(size, size);
    drawMesh(target, quad, { baseColor: [1, 1, 1, 1], texture, unlit: true }, { camera: frontCamera() });
    const expected = new Float64Array(4);
    let worst = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // the square spans the whole view: pixel centres map linearly onto [u0, u1] x [v0, v1]
        const u = u0 + ((x + 0.5) / size) * (u1 - u0);
        const v = v0 + ((y + 0.5) / size) * (v1 - v0);
        sampleTexture(texture, u, v, 0, expected);
        for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(target.color![(y * size + x) * 3 + k] - expected[k]));
      }
    }
    // sRGB decode, multiply by white, encode: within rounding of the sampled value
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('resolves supersampled colour by box filtering', () => {
    const target = createRenderTarget(4, 2);
    clearRenderTarget(target, [200, 100, 0]);
    target.color!.set([0, 0, 0], 0);
    const image = resolveRenderTarget(target, 2);
    expect(image).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect(Array.from(image.data)).toEqual([150, 75, 0, 200, 100, 0]);
  });

  it('lights faces by the angle to the sun (Lambert) plus ambient', () => {
    const camera = createOrthographicCamera({ positionM: [0, 0, 5], lookAtM: [0, 0, 0], halfHeightM: 1, aspect: 1, nearM: 1, farM: 10 });
    const target = createRenderTarget(20, 20);
    const box = createBoxMesh([1, 1, 1]);
    // Sun travelling at 60 degrees from the -Z axis: cos = 0.5 on the +Z face.
    const sun: [number, number, number] = [0, -Math.sin(Math.PI / 3), -Math.cos(Math.PI / 3)];
    drawMesh(target, box, { baseColor: [1, 1, 1, 1] }, { camera, lighting: { ambient: [0.2, 0.2, 0.2], sunDirection: sun, sunColor: [0.6, 0.6, 0.6] } });
    // Linear light 0.2 + 0.6 * 0.5 = 0.5, encoded to sRGB: 255 * (1.055 * 0.5^(1/2.4) - 0.055) = 187.5.
    expect(Math.abs(target.color![(10 * 20 + 10) * 3] - 187.52)).toBeLessThanOrEqual(0.53);
  });

  it('shades gamma-correctly: sRGB texels are decoded, lit in linear light and encoded again', () => {
    const camera = frontCamera();
    const quad: MeshData = { ...square(0.5, 0), uvs: new Float32Array([0, 1, 1, 1, 1, 0, 0, 0]) };
    const grey = createMipTexture({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(128) });
    const draw = (light: number) => {
      const target = createRenderTarget(20, 20);
      drawMesh(target, quad, { baseColor: [1, 1, 1, 1], texture: grey }, { camera, lighting: { ambient: [light, light, light], sunDirection: [0, -1, 0], sunColor: [0, 0, 0] } });
      return target.color![(10 * 20 + 10) * 3];
    };
    // Full light gives the texel back; half the light halves the linear value (128 -> 0.2158 -> 0.1079 -> 92.6), not the 8-bit one (64).
    expect(draw(1)).toBe(128);
    const half = 255 * (1.055 * (0.5 * ((128 / 255 + 0.055) / 1.055) ** 2.4) ** (1 / 2.4) - 0.055);
    expect(Math.abs(draw(0.5) - half)).toBeLessThanOrEqual(0.6);
  });

  it('takes the sky ambient on faces looking up, the ground ambient on faces looking down, half of each on vertical ones', () => {
    const camera = createOrthographicCamera({ positionM: [3, 4, 5], lookAtM: [0, 0, 0], halfHeightM: 2, aspect: 1, nearM: 1, farM: 20 });
    const box = createBoxMesh([1, 1, 1]);
    const lighting = { ambient: [0.6, 0.6, 0.6] as [number, number, number], groundAmbient: [0.2, 0.2, 0.2] as [number, number, number], sunDirection: [0, -1, 0] as [number, number, number], sunColor: [0, 0, 0] as [number, number, number] };
    const target = createRenderTarget(80, 80);
    drawMesh(target, box, { baseColor: [1, 1, 1, 1] }, { camera, lighting });
    const encode = (v: number) => 255 * (1.055 * v ** (1 / 2.4) - 0.055);
    const values = new Set(Array.from({ length: 80 * 80 }, (_, i) => target.color![i * 3]).filter((v) => v > 0));
    // Top face: 0.6; side faces: (0.6 + 0.2) / 2 = 0.4.
    expect([...values].some((v) => Math.abs(v - encode(0.6)) <= 0.6)).toBe(true);
    expect([...values].some((v) => Math.abs(v - encode(0.4)) <= 0.6)).toBe(true);
    const down = createRenderTarget(80, 80);
    const below = createOrthographicCamera({ positionM: [0.01, -5, 0], lookAtM: [0, 0, 0], halfHeightM: 2, aspect: 1, nearM: 1, farM: 20 });
    drawMesh(down, box, { baseColor: [1, 1, 1, 1] }, { camera: below, lighting });
    expect(Math.abs(down.color![(40 * 80 + 40) * 3] - encode(0.2))).toBeLessThanOrEqual(0.6);
  });
});
