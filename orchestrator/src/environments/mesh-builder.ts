/**
 * Triangle meshes for procedural props, grouped by material: quads, boxes, cylinders, cones and
 * spheres with normals and UVs in metres (a texture repeat covers `tileM`), optionally moved by a
 * 4x4 transform. Pure: plain arrays in, plain arrays out. Front faces are counter-clockwise
 * (glTF), +Y is up, a prop's front faces +Z.
 */
import { mat4Identity, transformPoint } from '../geometry/mat4.js';
import type { Mat4, Vec3 } from '../geometry/mat4.js';
import type { RawImage } from '../imaging/raw-image.js';

export interface PropMaterial {
  name: string;
  /** Linear base colour multiplier, RGBA 0..1. */
  color: [number, number, number, number];
  /** Base colour texture (sRGB); tiled by the UVs. */
  texture?: RawImage;
  /** Alpha-tested cut-outs (leaves, railings). */
  alphaCutoff?: number;
  doubleSided?: boolean;
}

export interface MeshGroup {
  material: PropMaterial;
  positions: number[];
  normals: number[];
  uvs: number[];
  indices: number[];
}

export class MeshBuilder {
  readonly groups = new Map<string, MeshGroup>();

  group(material: PropMaterial): MeshGroup {
    let group = this.groups.get(material.name);
    if (!group) {
      group = { material, positions: [], normals: [], uvs: [], indices: [] };
      this.groups.set(material.name, group);
    }
    return group;
  }

  /**
   * A quad p0 p1 p2 p3, counter-clockwise seen from the front, with UVs (u right, v down) per
   * corner; the normal comes from the winding.
   */
  quad(material: PropMaterial, corners: [Vec3, Vec3, Vec3, Vec3], uvs: [[number, number], [number, number], [number, number], [number, number]], transform: Mat4 = IDENTITY): void {
    const g = this.group(material);
    const base = g.positions.length / 3;
    const p = corners.map((c) => transformPoint([0, 0, 0], transform, c[0], c[1], c[2]) as Vec3);
    const e1 = sub(p[1], p[0]);
    const e2 = sub(p[3], p[0]);
    const n = normalize(cross(e1, e2));
    for (let k = 0; k < 4; k++) {
      g.positions.push(...p[k]);
      g.normals.push(...n);
      g.uvs.push(...uvs[k]);
    }
    g.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  /**
   * An axis-aligned box from `min` to `max` (before `transform`), every face outward. Side UVs
   * run in metres / `tileM` (u along the face, v down from the top), so textures tile evenly;
   * `faces` leaves out faces by name.
   */
  box(material: PropMaterial, min: Vec3, max: Vec3, options: { tileM?: [number, number]; transform?: Mat4; skip?: ('top' | 'bottom' | 'front' | 'back' | 'left' | 'right')[]; topMaterial?: PropMaterial } = {}): void {
    const [x0, y0, z0] = min;
    const [x1, y1, z1] = max;
    const [tu, tv] = options.tileM ?? [1, 1];
    const t = options.transform ?? IDENTITY;
    const skip = new Set(options.skip ?? []);
    const w = x1 - x0, h = y1 - y0, d = z1 - z0;
    const side = (du: number): [[number, number], [number, number], [number, number], [number, number]] => [
      [0, h / tv],
      [du / tu, h / tv],
      [du / tu, 0],
      [0, 0],
    ];
    if (!skip.has('front')) this.quad(material, [[x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]], side(w), t);
    if (!skip.has('back')) this.quad(material, [[x1, y0, z0], [x0, y0, z0], [x0, y1, z0], [x1, y1, z0]], side(w), t);
    if (!skip.has('right')) this.quad(material, [[x1, y0, z1], [x1, y0, z0], [x1, y1, z0], [x1, y1, z1]], side(d), t);
    if (!skip.has('left')) this.quad(material, [[x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0]], side(d), t);
    const top = options.topMaterial ?? material;
    if (!skip.has('top')) this.quad(top, [[x0, y1, z1], [x1, y1, z1], [x1, y1, z0], [x0, y1, z0]], [[0, d / tv], [w / tu, d / tv], [w / tu, 0], [0, 0]], t);
    if (!skip.has('bottom')) this.quad(top, [[x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1]], [[0, 0], [w / tu, 0], [w / tu, d / tv], [0, d / tv]], t);
  }

  /** A vertical cylinder (or cone with `topRadiusM`) standing on `base`, `segments` sides, capped. */
  cylinder(material: PropMaterial, base: Vec3, radiusM: number, heightM: number, options: { segments?: number; topRadiusM?: number; transform?: Mat4; tileM?: number; caps?: boolean } = {}): void {
    const segments = options.segments ?? 12;
    const top = options.topRadiusM ?? radiusM;
    const t = options.transform ?? IDENTITY;
    const tile = options.tileM ?? 1;
    const g = this.group(material);
    const circumference = 2 * Math.PI * radiusM;
    const slope = (radiusM - top) / heightM;
    for (let s = 0; s < segments; s++) {
      const a0 = (2 * Math.PI * s) / segments, a1 = (2 * Math.PI * (s + 1)) / segments;
      const base0 = g.positions.length / 3;
      const corner = (a: number, y: number, r: number): Vec3 => [base[0] + r * Math.sin(a), base[1] + y, base[2] + r * Math.cos(a)];
      const ring = [corner(a0, 0, radiusM), corner(a1, 0, radiusM), corner(a1, heightM, top), corner(a0, heightM, top)];
      const angles = [a0, a1, a1, a0];
      ring.forEach((p, k) => {
        const q = transformPoint([0, 0, 0], t, p[0], p[1], p[2]);
        g.positions.push(q[0], q[1], q[2]);
        const n = normalize(rotateNormal(t, [Math.sin(angles[k]), slope, Math.cos(angles[k])]));
        g.normals.push(...n);
        g.uvs.push(((s + (k === 1 || k === 2 ? 1 : 0)) / segments) * (circumference / tile), k < 2 ? heightM / tile : 0);
      });
      g.indices.push(base0, base0 + 1, base0 + 2, base0, base0 + 2, base0 + 3);
    }
    if (options.caps ?? true) {
      for (const [y, r, up] of [
        [heightM, top, 1],
        [0, radiusM, -1],
      ] as const) {
        if (r <= 0) continue;
        const centre = g.positions.length / 3;
        const c = transformPoint([0, 0, 0], t, base[0], base[1] + y, base[2]);
        const n = normalize(rotateNormal(t, [0, up, 0]));
        g.positions.push(c[0], c[1], c[2]);
        g.normals.push(...n);
        g.uvs.push(0.5, 0.5);
        for (let s = 0; s <= segments; s++) {
          const a = (2 * Math.PI * s) / segments;
          const q = transformPoint([0, 0, 0], t, base[0] + r * Math.sin(a), base[1] + y, base[2] + r * Math.cos(a));
          g.positions.push(q[0], q[1], q[2]);
          g.normals.push(...n);
          g.uvs.push(0.5 + 0.5 * Math.sin(a), 0.5 + 0.5 * Math.cos(a));
        }
        for (let s = 0; s < segments; s++) {
          if (up > 0) g.indices.push(centre, centre + 1 + s, centre + 2 + s);
          else g.indices.push(centre, centre + 2 + s, centre + 1 + s);
        }
      }
    }
  }

  /** A UV sphere (ellipsoid with `radiiM`) around `centre`. */
  sphere(material: PropMaterial, centre: Vec3, radiiM: Vec3, options: { rings?: number; segments?: number; tileM?: number } = {}): void {
    const rings = options.rings ?? 8;
    const segments = options.segments ?? 12;
    const tile = options.tileM ?? 1;
    const g = this.group(material);
    const base = g.positions.length / 3;
    for (let r = 0; r <= rings; r++) {
      const polar = (Math.PI * r) / rings;
      for (let s = 0; s <= segments; s++) {
        const a = (2 * Math.PI * s) / segments;
        const n: Vec3 = [Math.sin(polar) * Math.sin(a), Math.cos(polar), Math.sin(polar) * Math.cos(a)];
        g.positions.push(centre[0] + radiiM[0] * n[0], centre[1] + radiiM[1] * n[1], centre[2] + radiiM[2] * n[2]);
        g.normals.push(...normalize([n[0] / radiiM[0], n[1] / radiiM[1], n[2] / radiiM[2]]));
        g.uvs.push(((s / segments) * 2 * Math.PI * radiiM[0]) / tile, ((r / rings) * Math.PI * radiiM[1]) / tile);
      }
    }
    for (let r = 0; r < rings; r++) {
      for (let s = 0; s < segments; s++) {
        const a = base + r * (segments + 1) + s;
        const b = a + segments + 1;
        g.indices.push(a, b, a + 1, a + 1, b, b + 1);
      }
    }
  }
}

const IDENTITY = mat4Identity();

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalize(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

function rotateNormal(m: Mat4, n: Vec3): Vec3 {
  return [m[0] * n[0] + m[4] * n[1] + m[8] * n[2], m[1] * n[0] + m[5] * n[1] + m[9] * n[2], m[2] * n[0] + m[6] * n[1] + m[10] * n[2]];
}
