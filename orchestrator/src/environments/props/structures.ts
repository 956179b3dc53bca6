/** Walls, pillars and market stalls: the large static shapes that divide and furnish spaces. */
import type { Random } from '../../shared/random.js';
import { MeshBuilder } from '../mesh-builder.js';
import type { PropMaterial } from '../mesh-builder.js';
import type { Rgb } from '../prop-textures.js';
import { brickTexture, concreteTexture, gravelTexture, plasterTexture, stripesTexture, tileTexture, woodTexture } from '../prop-textures.js';

export function buildWall(p: { lengthM: number; heightM: number; thicknessM: number; material: 'brick' | 'concrete' | 'plaster' }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const texture =
    p.material === 'brick' ? brickTexture(random, [150 + random.int(30), 70 + random.int(25), 55]) : p.material === 'concrete' ? concreteTexture(random, [160, 158, 152]) : plasterTexture(random, [205, 200, 188], 64);
  const wall: PropMaterial = { name: p.material, color: [1, 1, 1, 1], texture };
  const tile: [number, number] = p.material === 'brick' ? [1, 0.6] : [2, 2];
  mesh.box(wall, [-p.lengthM / 2, 0, -p.thicknessM / 2], [p.lengthM / 2, p.heightM, p.thicknessM / 2], { tileM: tile });
  return mesh;
}

export function buildPillar(p: { heightM: number; widthM: number; round: boolean }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const tiles: PropMaterial = { name: 'pillar', color: [1, 1, 1, 1], texture: tileTexture(random, [200 + random.int(30), 195 + random.int(25), 185]) };
  const base: PropMaterial = { name: 'pillar-base', color: [0.3, 0.3, 0.32, 1] };
  const h = p.widthM / 2;
  if (p.round) {
    mesh.cylinder(tiles, [0, 0.2, 0], h, p.heightM - 0.2, { segments: 16, tileM: 0.5 });
    mesh.cylinder(base, [0, 0, 0], h * 1.15, 0.2, { segments: 16 });
  } else {
    mesh.box(tiles, [-h, 0.2, -h], [h, p.heightM, h], { tileM: [0.5, 0.5] });
    mesh.box(base, [-h * 1.1, 0, -h * 1.1], [h * 1.1, 0.2, h * 1.1]);
  }
  return mesh;
}

const FABRIC: [Rgb, Rgb][] = [
  [
    [200, 40, 40],
    [240, 235, 225],
  ],
  [
    [40, 100, 170],
    [240, 235, 225],
  ],
  [
    [40, 130, 70],
    [235, 225, 200],
  ],
  [
    [220, 160, 30],
    [120, 60, 30],
  ],
];

export function buildStall(p: { widthM: number; depthM: number }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const [a, b] = FABRIC[random.int(FABRIC.length)];
  const canvas: PropMaterial = { name: 'canvas', color: [1, 1, 1, 1], texture: stripesTexture(a, b), doubleSided: true };
  const wood: PropMaterial = { name: 'counter', color: [1, 1, 1, 1], texture: woodTexture(random, [140, 95, 60]) };
  const pole: PropMaterial = { name: 'poles', color: [0.25, 0.25, 0.27, 1] };
  const w = p.widthM / 2, d = p.depthM / 2;
  mesh.box(wood, [-w, 0, -d], [w, 0.9, d * 0.2], { tileM: [0.8, 0.4] });
  for (const x of [-w + 0.05, w - 0.05]) for (const z of [-d + 0.05, d - 0.05]) mesh.box(pole, [x - 0.03, 0, z - 0.03], [x + 0.03, 2.25, z + 0.03]);
  // A sloped canopy, higher at the back, striped across.
  mesh.quad(canvas, [[-w - 0.1, 2.15, d + 0.3], [w + 0.1, 2.15, d + 0.3], [w + 0.1, 2.45, -d - 0.1], [-w - 0.1, 2.45, -d - 0.1]], [[0, 1], [p.widthM / 1.2, 1], [p.widthM / 1.2, 0], [0, 0]]);
  // Goods on the counter.
  for (let k = 0; k < 8; k++) {
    const x = -w + 0.2 + random.next() * (p.widthM - 0.4);
    const z = -d + 0.1 + random.next() * (d * 1.1 - 0.2);
    const goods: PropMaterial = { name: `goods-${k % 4}`, color: [0.3 + 0.6 * random.next(), 0.3 + 0.6 * random.next(), 0.2 + 0.5 * random.next(), 1] };
    mesh.box(goods, [x - 0.12, 0.9, z - 0.1], [x + 0.12, 0.9 + 0.08 + 0.15 * random.next(), z + 0.1]);
  }
  return mesh;
}

/**
 * A flat slab (2 cm): on the ground a gravel or paved path, a concrete pad, a white road
 * marking (below ankle height, so it never blocks anyone); raised by its position, a ceiling.
 */
export function buildSlab(p: { lengthM: number; widthM: number; material: 'gravel' | 'paving' | 'concrete' | 'marking' }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const texture =
    p.material === 'gravel' ? gravelTexture(random) : p.material === 'paving' ? tileTexture(random, [175, 170, 160]) : p.material === 'concrete' ? concreteTexture(random, [165, 162, 155]) : undefined;
  const surface: PropMaterial = { name: p.material, color: p.material === 'marking' ? [0.85, 0.85, 0.82, 1] : [1, 1, 1, 1], ...(texture ? { texture } : {}) };
  const tile: [number, number] = p.material === 'paving' ? [0.6, 0.6] : [1.5, 1.5];
  mesh.box(surface, [-p.widthM / 2, 0, -p.lengthM / 2], [p.widthM / 2, 0.02, p.lengthM / 2], { tileM: tile });
  return mesh;
}
