/**
 * A parametric building: a box of `floors` floors, facades made of bays (one window per bay and
 * floor), a ground floor of shops (coloured sign bands, shop windows and doors), offices (glass
 * bands), flats (entrance and windows) or a station hall (tall glazing), a roof with a parapet.
 * Origin: the centre of the footprint on the ground; the main facade faces +Z.
 */
import type { Rgb } from '../prop-textures.js';
import { concreteTexture, officeBayTexture, plasterTexture, shopBayTexture, windowBayTexture } from '../prop-textures.js';
import { MeshBuilder } from '../mesh-builder.js';
import type { PropMaterial } from '../mesh-builder.js';
import type { Random } from '../../shared/random.js';

export interface BuildingParameters {
  widthM: number;
  depthM: number;
  floors: number;
  floorHeightM: number;
  groundFloorHeightM: number;
  bayWidthM: number;
  style: 'shops' | 'offices' | 'residential' | 'station';
}

const WALLS: Rgb[] = [
  [214, 196, 170],
  [190, 160, 140],
  [222, 214, 196],
  [176, 180, 178],
  [200, 176, 150],
  [160, 120, 100],
  [228, 222, 210],
];
const SIGNS: Rgb[] = [
  [180, 40, 40],
  [40, 90, 160],
  [30, 120, 70],
  [220, 170, 40],
  [120, 50, 120],
  [30, 30, 35],
  [230, 230, 225],
];

export function buildBuilding(p: BuildingParameters, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const wall = WALLS[random.int(WALLS.length)];
  const w = p.widthM / 2, d = p.depthM / 2;
  const ground = p.style === 'station' ? p.groundFloorHeightM * 1.6 : p.groundFloorHeightM;
  const top = ground + (p.floors - 1) * p.floorHeightM;
  // Upper floors: one facade texture per building, repeated per bay and floor.
  const bays = Math.max(1, Math.round(p.widthM / p.bayWidthM));
  const sideBays = Math.max(1, Math.round(p.depthM / p.bayWidthM));
  const bay = p.widthM / bays;
  const sideBay = p.depthM / sideBays;
  const upper: PropMaterial = {
    name: 'facade',
    color: [1, 1, 1, 1],
    texture: p.style === 'offices' ? officeBayTexture(random, [150, 150, 155]) : windowBayTexture(random, wall),
  };
  const roof: PropMaterial = { name: 'roof', color: [1, 1, 1, 1], texture: concreteTexture(random, [120, 118, 115]) };
  if (p.floors > 1) {
    // Front and back faces tile per bay width, the sides per side bay.
    mesh.box(upper, [-w, ground, -d], [w, top, d], { tileM: [bay, p.floorHeightM], skip: ['bottom', 'top', 'left', 'right'] });
    mesh.box(upper, [-w, ground, -d], [w, top, d], { tileM: [sideBay, p.floorHeightM], skip: ['bottom', 'top', 'front', 'back'] });
  }
  // Ground floor: shop fronts of varied signs along the front, plain wall elsewhere.
  const plinth: PropMaterial = { name: 'ground-wall', color: [1, 1, 1, 1], texture: plasterTexture(random, [wall[0] * 0.85, wall[1] * 0.85, wall[2] * 0.85]) };
  mesh.box(plinth, [-w, 0, -d], [w, ground, d], { tileM: [2, 2], skip: ['bottom', 'top', 'front'] });
  const shops = p.style === 'shops' ? Math.max(1, Math.round(bays / 2)) : 1;
  const baysPerShop = Math.max(1, Math.round(bays / shops));
  for (let s = 0; s < shops; s++) {
    const x0 = -w + (s * p.widthM) / shops;
    const x1 = -w + ((s + 1) * p.widthM) / shops;
    let texture;
    if (p.style === 'shops') texture = shopBayTexture(random, wall, SIGNS[random.int(SIGNS.length)], random.next() < 0.5);
    else if (p.style === 'offices') texture = officeBayTexture(random, [90, 92, 96]);
    else if (p.style === 'station') texture = officeBayTexture(random, [180, 180, 176]);
    else texture = windowBayTexture(random, wall);
    const front: PropMaterial = { name: `ground-front-${s}`, color: [1, 1, 1, 1], texture };
    const repeats = p.style === 'shops' ? baysPerShop : bays;
    mesh.quad(front, [[x0, 0, d], [x1, 0, d], [x1, ground, d], [x0, ground, d]], [[0, 1], [repeats, 1], [repeats, 0], [0, 0]]);
    if (p.style === 'shops') {
      // An awning over each shop, in its sign colour.
      const awning: PropMaterial = { name: `awning-${s}`, color: [...SIGNS[random.int(SIGNS.length)].map((c) => c / 255), 1] as [number, number, number, number], doubleSided: true };
      const y = ground * 0.82;
      mesh.quad(awning, [[x0 + 0.2, y - 0.5, d + 1.2], [x1 - 0.2, y - 0.5, d + 1.2], [x1 - 0.2, y, d], [x0 + 0.2, y, d]], [[0, 1], [1, 1], [1, 0], [0, 0]]);
    }
  }
  // Cornice between the ground floor and the upper floors, and a parapet on the roof.
  const cornice: PropMaterial = { name: 'cornice', color: [1, 1, 1, 1], texture: plasterTexture(random, [wall[0] * 0.7, wall[1] * 0.7, wall[2] * 0.7]) };
  if (p.floors > 1) mesh.box(cornice, [-w - 0.15, ground - 0.25, -d - 0.15], [w + 0.15, ground, d + 0.15], { tileM: [2, 2] });
  mesh.box(cornice, [-w, top, -d], [w, top + 0.6, d], { tileM: [2, 2], skip: ['bottom', 'top'] });
  mesh.quad(roof, [[-w, top + 0.3, d], [w, top + 0.3, d], [w, top + 0.3, -d], [-w, top + 0.3, -d]], [[0, p.depthM / 4], [p.widthM / 4, p.depthM / 4], [p.widthM / 4, 0], [0, 0]]);
  return mesh;
}
