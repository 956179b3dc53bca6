/** A parked car: lower body, glazed cabin, bumpers, lights and four wheels. Its front faces +Z. */
import type { Random } from '../../shared/random.js';
import { mat4FromAxisAngle } from '../../geometry/mat4.js';
import { MeshBuilder } from '../mesh-builder.js';
import type { PropMaterial } from '../mesh-builder.js';

const PAINTS: [number, number, number][] = [
  [0.62, 0.62, 0.64],
  [0.08, 0.08, 0.09],
  [0.85, 0.85, 0.86],
  [0.45, 0.06, 0.05],
  [0.1, 0.18, 0.38],
  [0.3, 0.33, 0.36],
  [0.55, 0.48, 0.3],
];

export function buildCar(p: { lengthM: number; widthM: number; heightM: number }, random: Random): MeshBuilder {
  const mesh = new MeshBuilder();
  const paint: PropMaterial = { name: 'paint', color: [...PAINTS[random.int(PAINTS.length)], 1] };
  const glass: PropMaterial = { name: 'glass', color: [0.1, 0.12, 0.15, 1] };
  const tyre: PropMaterial = { name: 'tyre', color: [0.05, 0.05, 0.05, 1] };
  const trim: PropMaterial = { name: 'trim', color: [0.12, 0.12, 0.13, 1] };
  const light: PropMaterial = { name: 'lights', color: [0.95, 0.92, 0.8, 1] };
  const rear: PropMaterial = { name: 'rear-lights', color: [0.6, 0.05, 0.05, 1] };
  const l = p.lengthM / 2, w = p.widthM / 2;
  const sill = 0.28;
  const belt = p.heightM * 0.58;
  mesh.box(paint, [-w, sill, -l], [w, belt, l]);
  // Cabin: narrower and shorter, glass all round under a painted roof.
  const c0 = -l * 0.55, c1 = l * 0.35;
  mesh.box(glass, [-w * 0.9, belt, c0], [w * 0.9, p.heightM - 0.06, c1], { skip: ['top', 'bottom'] });
  mesh.box(paint, [-w * 0.9, p.heightM - 0.06, c0], [w * 0.9, p.heightM, c1]);
  mesh.box(trim, [-w - 0.01, sill - 0.08, l - 0.12], [w + 0.01, sill + 0.1, l + 0.04]);
  mesh.box(trim, [-w - 0.01, sill - 0.08, -l - 0.04], [w + 0.01, sill + 0.1, -l + 0.12]);
  for (const x of [-w * 0.7, w * 0.7]) {
    mesh.box(light, [x - 0.18, belt - 0.16, l], [x + 0.18, belt - 0.06, l + 0.01]);
    mesh.box(rear, [x - 0.18, belt - 0.16, -l - 0.01], [x + 0.18, belt - 0.06, -l]);
  }
  const axle = mat4FromAxisAngle(new Float64Array(16), [0, 0, 1], Math.PI / 2);
  for (const z of [-l * 0.68, l * 0.68]) {
    for (const side of [-1, 1]) {
      // A wheel: a cylinder turned onto the X axis, centred at wheel height.
      const t = Float64Array.from(axle);
      t[12] = side * (w - 0.02);
      t[13] = 0.33;
      t[14] = z;
      mesh.cylinder(tyre, [0, -0.11, 0], 0.33, 0.22, { segments: 14, transform: t });
    }
  }
  return mesh;
}
