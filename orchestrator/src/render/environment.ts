/**
 * The world around the people: a textured ground plane (y = 0), a sky gradient with an
 * optional cylindrical panorama (skyline, trees, walls), the static props (glTF models with
 * their sun shadow map) and the lighting. Ground and sky are drawn per output pixel by casting
 * the pixel's ray (the ground is a plane, so this is exact and needs a quarter of the texture
 * look-ups of rasterising it at 2x2 supersampling), lit gamma-correctly like the meshes (linear
 * light on decoded texels, sRGB out); the sky's colours and panorama are display colours, not
 * lit. Pure: images come in as RawImage, props as RenderProps (decoded at the edge).
 */
import type { RawImage } from '../imaging/raw-image.js';
import type { RenderCamera } from './camera.js';
import type { Vec3 } from '../geometry/mat4.js';
import type { Rgb8, RgbUnit } from '../imaging/colour.js';
import type { RenderProp } from './prop-model.js';
import type { Lighting } from './rasterizer.js';
import type { RenderTarget } from './render-target.js';
import { LINEAR_LUT_SIZE, LINEAR_TO_SRGB8, SRGB8_TO_LINEAR_Q } from './srgb.js';
import { buildSunShadowMap } from './sun-shadow.js';
import type { SunShadowMap } from './sun-shadow.js';
import { createMipTexture, sampleTexture } from './texture.js';
import type { MipTexture } from './texture.js';

export interface EnvironmentSpec {
  ground: { color: RgbUnit; tileM: number; halfSizeM: number };
  background: { zenithColor: RgbUnit; horizonColor: RgbUnit };
  lighting: { ambient: RgbUnit; groundAmbient?: RgbUnit; sunDirection: Vec3; sunColor: RgbUnit };
}

export interface RenderEnvironment {
  ground: { color: RgbUnit; tileM: number; halfSizeM: number; texture: MipTexture | null };
  /** Sky colours (fractional, not rounded). */
  zenith: Rgb8;
  horizon: Rgb8;
  panorama: MipTexture | null;
  lighting: Lighting;
  /** Static models, world space (drawn into each camera's cached background). */
  props: RenderProp[];
  /** The props' sun shadows (null without props or sun). */
  sunShadow: SunShadowMap | null;
}

/** Elevation range covered by the panorama image (top row, bottom row), degrees. */
export const PANORAMA_ELEVATION_DEG = { top: 40, bottom: -5 };

/** Builds the drawable environment; textures are optional (plain colours otherwise), props too. */
export function createRenderEnvironment(spec: EnvironmentSpec, images: { ground?: RawImage | null; panorama?: RawImage | null } = {}, props: readonly RenderProp[] = []): RenderEnvironment {
  const lighting: Lighting = {
    ambient: spec.lighting.ambient,
    ...(spec.lighting.groundAmbient ? { groundAmbient: spec.lighting.groundAmbient } : {}),
    sunDirection: spec.lighting.sunDirection,
    sunColor: spec.lighting.sunColor,
  };
  const to255 = (c: RgbUnit): Rgb8 => [Math.min(255, c[0] * 255), Math.min(255, c[1] * 255), Math.min(255, c[2] * 255)];
  return {
    ground: {
      color: spec.ground.color,
      tileM: spec.ground.tileM,
      halfSizeM: spec.ground.halfSizeM,
      texture: images.ground ? createMipTexture(images.ground, { shared: true }) : null,
    },
    zenith: to255(spec.background.zenithColor),
    horizon: to255(spec.background.horizonColor),
    panorama: images.panorama ? createMipTexture(images.panorama, { wrapS: 'repeat', wrapT: 'clamp', shared: true }) : null,
    lighting,
    props: [...props],
    sunShadow: buildSunShadowMap(props, spec.lighting.sunDirection, { shared: true }),
  };
}

const texel = new Float64Array(4);

/** 8-bit sRGB of a linear value (clamped at 1). */
function encode(linear: number): number {
  return LINEAR_TO_SRGB8[linear >= 1 ? LINEAR_LUT_SIZE : (linear * LINEAR_LUT_SIZE + 0.5) | 0];
}

/**
 * Draws ground and sky into every sample of `target` (call it first, on a cleared target):
 * colour for all samples of a pixel from the pixel's centre ray, ground depth (NDC) where the
 * ray meets the ground, +Infinity where it sees the sky. With `unlitBySun` (same layout as the
 * colour plane) the ground as it looks without sunlight goes there too (the shadow colour).
 */
export function drawEnvironment(target: RenderTarget, camera: RenderCamera, env: RenderEnvironment, samplesPerPixel: number, unlitBySun: Uint8Array | null = null): void {
  const color = target.color;
  if (!color) return;
  const s = samplesPerPixel;
  const width = target.widthPx / s;
  const height = target.heightPx / s;
  const v = camera.view;
  const vp = camera.viewProjection;
  // Camera axes in world space are the rows of the view rotation.
  const rx = v[0], ry = v[4], rz = v[8];
  const ux = v[1], uy = v[5], uz = v[9];
  const bx = v[2], by = v[6], bz = v[10];
  const [ex, ey, ez] = camera.positionM;
  const perspective = camera.kind === 'perspective';
  const sx = 1 / camera.projection[0];
  const sy = 1 / camera.projection[5];
  const pixelAngle = (2 * sy) / height;
  const pano = env.panorama;
  const top = (PANORAMA_ELEVATION_DEG.top * Math.PI) / 180;
  const bottom = (PANORAMA_ELEVATION_DEG.bottom * Math.PI) / 180;
  const panoLod = pano ? Math.log2(Math.max(1e-6, pixelAngle * (pano.levels[0].width / (2 * Math.PI)))) : 0;
  const [zr, zg, zb] = env.zenith;
  const [hr, hg, hb] = env.horizon;
  const ground = env.ground;
  const gtex = ground.texture;
  const gtexW = gtex ? gtex.levels[0].width : 1;
  const { ambient, sunDirection, sunColor } = env.lighting;
  const sunLen = Math.hypot(sunDirection[0], sunDirection[1], sunDirection[2]) || 1;
  const lambert = Math.max(0, -sunDirection[1] / sunLen);
  // Linear light on the (upward-facing) ground: all of the sky's ambient, the sun by Lambert.
  const gr = ground.color[0] * (ambient[0] + sunColor[0] * lambert);
  const gg = ground.color[1] * (ambient[1] + sunColor[1] * lambert);
  const gb = ground.color[2] * (ambient[2] + sunColor[2] * lambert);
  const sr = ground.color[0] * ambient[0], sg = ground.color[1] * ambient[1], sb = ground.color[2] * ambient[2];
  const half = ground.halfSizeM;
  const depth = target.depth;
  const sw = target.widthPx;
  for (let y = 0; y < height; y++) {
    const ndcY = 1 - ((y + 0.5) * 2) / height;
    for (let x = 0; x < width; x++) {
      const ndcX = ((x + 0.5) * 2) / width - 1;
      let ox = ex, oy = ey, oz = ez;
      let dx: number, dy: number, dz: number;
      if (perspective) {
        dx = -bx + ndcX * sx * rx + ndcY * sy * ux;
        dy = -by + ndcX * sx * ry + ndcY * sy * uy;
        dz = -bz + ndcX * sx * rz + ndcY * sy * uz;
      } else {
        ox += ndcX * sx * rx + ndcY * sy * ux;
        oy += ndcX * sx * ry + ndcY * sy * uy;
        oz += ndcX * sx * rz + ndcY * sy * uz;
        dx = -bx;
        dy = -by;
        dz = -bz;
      }
      // The ground needs no normalised direction: hit = o + t d with t = -oy / dy.
      let r: number, g: number, b: number;
      let ur = 0, ug = 0, ub = 0;
      let z = Infinity;
      const t = dy < 0 && oy > 0 ? -oy / dy : -1;
      const hx = ox + dx * t, hz = oz + dz * t;
      if (t > 0 && hx <= half && hx >= -half && hz <= half && hz >= -half) {
        const cw = vp[3] * hx + vp[11] * hz + vp[15];
        z = (vp[2] * hx + vp[10] * hz + vp[14]) / cw;
        if (z > 1) z = Infinity;
      }
      if (z !== Infinity) {
        let tr = 1, tg = 1, tb = 1;
        if (gtex) {
          // Footprint of the pixel on the ground: across the ray (angle x distance), stretched
          // along it by 1 / sin(elevation) (at most 50x): pixelAngle * t |d|^2 / -dy.
          const d2 = dx * dx + dy * dy + dz * dz;
          const sin = -dy / Math.sqrt(d2);
          const across = perspective ? pixelAngle * t * Math.sqrt(d2) : pixelAngle;
          const footprint = across / (sin > 0.02 ? sin : 0.02);
          const lod = Math.log2((footprint * gtexW) / ground.tileM + 1e-12);
          sampleTexture(gtex, hx / ground.tileM, hz / ground.tileM, lod, texel);
          tr = SRGB8_TO_LINEAR_Q[(texel[0] * 4 + 0.5) | 0];
          tg = SRGB8_TO_LINEAR_Q[(texel[1] * 4 + 0.5) | 0];
          tb = SRGB8_TO_LINEAR_Q[(texel[2] * 4 + 0.5) | 0];
        }
        r = encode(tr * gr);
        g = encode(tg * gg);
        b = encode(tb * gb);
        ur = encode(tr * sr);
        ug = encode(tg * sg);
        ub = encode(tb * sb);
      } else {
        const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const ux2 = dx / len, uy2 = dy / len, uz2 = dz / len;
        const elevation = Math.asin(uy2 > 1 ? 1 : uy2 < -1 ? -1 : uy2);
        const k = elevation <= 0 ? 0 : Math.sqrt(Math.min(1, elevation / 1.1));
        r = hr + (zr - hr) * k;
        g = hg + (zg - hg) * k;
        b = hb + (zb - hb) * k;
        if (elevation < 0) {
          // Below the horizon beyond the ground's edge: a slightly darker haze.
          r *= 0.92;
          g *= 0.92;
          b *= 0.92;
        }
        if (pano && perspective && elevation <= top && elevation >= bottom) {
          const u = Math.atan2(ux2, uz2) / (2 * Math.PI) + 0.5;
          sampleTexture(pano, u, (top - elevation) / (top - bottom), panoLod, texel);
          const a = texel[3] / 255;
          r = r * (1 - a) + texel[0] * a;
          g = g * (1 - a) + texel[1] * a;
          b = b * (1 - a) + texel[2] * a;
        }
      }
      const cr = r >= 255 ? 255 : r + 0.5, cg = g >= 255 ? 255 : g + 0.5, cb = b >= 255 ? 255 : b + 0.5;
      if (z === Infinity) {
        // The sky is not sunlit: the same without the sun.
        ur = cr;
        ug = cg;
        ub = cb;
      }
      for (let j = 0; j < s; j++) {
        let i = (y * s + j) * sw + x * s;
        for (let k = 0; k < s; k++, i++) {
          depth[i] = z;
          color[i * 3] = cr;
          color[i * 3 + 1] = cg;
          color[i * 3 + 2] = cb;
          if (unlitBySun !== null) {
            unlitBySun[i * 3] = ur;
            unlitBySun[i * 3 + 1] = ug;
            unlitBySun[i * 3 + 2] = ub;
          }
        }
      }
    }
  }
}
