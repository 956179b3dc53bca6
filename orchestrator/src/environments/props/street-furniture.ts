/**
 * Street furniture from primitives: benches (wooden slats on metal legs), lamp posts, litter bins
 * and bollards. Origins on the ground at the centre; a bench's seat faces +Z.
 */
import type { Random } from '../../shared/random.js';
import { MeshBuilder } from '../mesh-builder.js';
import type { PropMaterial } from '../mesh-builder.js';
import { woodTexture } from '../prop-textures.js';

const METAL: PropMaterial = { name: 'metal', color: [0.16, 0.17, 0.18, 1] };
const LAMP: PropMaterial = { name: 'lamp', color: [0.95, 0.93, 0.85, 1] };

export function buildBench(p: { lengthM: number }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const wood: PropMaterial = { name: 'wood', color: [1, 1, 1, 1], texture: woodTexture(random, [150 + random.int(40), 100 + random.int(30), 60 + random.int(20)]) };
  const l = p.lengthM / 2;
  for (let k = 0; k < 4; k++) mesh.box(wood, [-l, 0.42, -0.22 + k * 0.11], [l, 0.46, -0.14 + k * 0.11], { tileM: [1, 0.5] });
  for (let k = 0; k < 3; k++) mesh.box(wood, [-l, 0.55 + k * 0.12, -0.27], [l, 0.64 + k * 0.12, -0.23], { tileM: [1, 0.5] });
  for (const x of [-l + 0.15, l - 0.15]) {
    mesh.box(METAL, [x - 0.03, 0, -0.22], [x + 0.03, 0.42, 0.2]);
    mesh.box(METAL, [x - 0.03, 0.42, -0.29], [x + 0.03, 0.92, -0.23]);
  }
  return mesh;
}

export function buildLampPost(p: { heightM: number }): MeshBuilder {
  const mesh = new MeshBuilder();
  mesh.cylinder(METAL, [0, 0, 0], 0.12, 0.5, { segments: 10 });
  mesh.cylinder(METAL, [0, 0.5, 0], 0.07, p.heightM - 0.5, { segments: 10, topRadiusM: 0.05 });
  // The arm reaches 0.9 m towards +Z, the lamp hangs at its end.
  mesh.box(METAL, [-0.04, p.heightM - 0.08, -0.04], [0.04, p.heightM, 0.9]);
  mesh.box(METAL, [-0.16, p.heightM - 0.2, 0.6], [0.16, p.heightM - 0.08, 1.05]);
  mesh.box(LAMP, [-0.14, p.heightM - 0.23, 0.62], [0.14, p.heightM - 0.2, 1.03]);
  return mesh;
}

export function buildBin(): MeshBuilder {
  const mesh = new MeshBuilder();
  mesh.cylinder({ name: 'bin', color: [0.2, 0.32, 0.22, 1] }, [0, 0, 0], 0.28, 0.95, { segments: 12 });
  mesh.cylinder(METAL, [0, 0.95, 0], 0.3, 0.05, { segments: 12 });
  return mesh;
}

export function buildBollard(): MeshBuilder {
  const mesh = new MeshBuilder();
  mesh.cylinder(METAL, [0, 0, 0], 0.1, 0.9, { segments: 10 });
  mesh.cylinder({ name: 'band', color: [0.85, 0.85, 0.8, 1] }, [0, 0.75, 0], 0.102, 0.06, { segments: 10, caps: false });
  return mesh;
}
