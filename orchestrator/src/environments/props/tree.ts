/** A street or park tree: a tapered trunk with bark and a canopy of two overlapping ellipsoids. */
import type { Random } from '../../shared/random.js';
import { MeshBuilder } from '../mesh-builder.js';
import type { PropMaterial } from '../mesh-builder.js';
import type { Rgb } from '../prop-textures.js';
import { barkTexture, leavesTexture } from '../prop-textures.js';

const GREENS: Rgb[] = [
  [70, 110, 50],
  [60, 100, 60],
  [90, 120, 50],
  [55, 90, 45],
];

export function buildTree(p: { heightM: number; canopyRadiusM: number }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const bark: PropMaterial = { name: 'bark', color: [1, 1, 1, 1], texture: barkTexture(random) };
  const leaves: PropMaterial = { name: 'leaves', color: [1, 1, 1, 1], texture: leavesTexture(random, GREENS[random.int(GREENS.length)]) };
  const r = p.canopyRadiusM;
  const canopyCentre = p.heightM - r * 0.9;
  mesh.cylinder(bark, [0, 0, 0], 0.06 + 0.02 * p.heightM, canopyCentre, { segments: 8, topRadiusM: 0.04 + 0.012 * p.heightM, tileM: 0.6 });
  mesh.sphere(leaves, [0, canopyCentre, 0], [r, r * 0.85, r], { rings: 7, segments: 12, tileM: 1.5 });
  const dx = (random.next() - 0.5) * r * 0.6, dz = (random.next() - 0.5) * r * 0.6;
  // The crown's top stays under heightM.
  mesh.sphere(leaves, [dx, canopyCentre + r * 0.3, dz], [r * 0.7, r * 0.55, r * 0.7], { rings: 6, segments: 10, tileM: 1.5 });
  return mesh;
}
