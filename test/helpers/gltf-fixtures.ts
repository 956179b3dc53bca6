/**
 * Small glTF assets built in-process with glTF-Transform for renderer and player tests: a
 * textured cube and a box-limbed skinned humanoid with a cmu_mb-named skeleton (A-pose arms,
 * facing +Z, feet at y = 0, `extras.clonedperson.humanoidBones` like the characters stage writes).
 */
import { Document, NodeIO } from '@gltf-transform/core';
import type { Node } from '@gltf-transform/core';
import { encodePng } from '../../orchestrator/src/imaging/image-io.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';

type V3 = [number, number, number];

/** A checkerboard texture: 8 x 8 cells of `a` and `b`, with a marker cell `m` at top-left. */
export function checkerImage(size = 64, a: V3 = [230, 230, 230], b: V3 = [40, 60, 160], m: V3 = [220, 40, 40]): RawImage {
  const data = new Uint8Array(size * size * 3);
  const cell = size / 8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = Math.floor(x / cell), cy = Math.floor(y / cell);
      const c = cx === 0 && cy === 0 ? m : (cx + cy) % 2 === 0 ? a : b;
      data.set(c, (y * size + x) * 3);
    }
  }
  return { width: size, height: size, channels: 3, data };
}

interface BoxGeometry {
  positions: number[];
  normals: number[];
  uvs: number[];
  indices: number[];
}

/**
 * Appends a box spanning `from` -> `to` (its long axis) with square cross-section `thickM`
 * (or `[widthM, depthM]` for an axis-aligned vertical box), faces counter-clockwise outward.
 */
function addBox(g: BoxGeometry, from: V3, to: V3, thick: number | [number, number]): number {
  const axis: V3 = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
  const len = Math.hypot(...axis);
  const a: V3 = [axis[0] / len, axis[1] / len, axis[2] / len];
  // Side axes: u perpendicular to a in the x-y plane (or x), w = a x u.
  let u: V3 = Math.abs(a[2]) > 0.9 ? [1, 0, 0] : [a[1], -a[0], 0];
  const ul = Math.hypot(...u);
  u = [u[0] / ul, u[1] / ul, u[2] / ul];
  const w: V3 = [a[1] * u[2] - a[2] * u[1], a[2] * u[0] - a[0] * u[2], a[0] * u[1] - a[1] * u[0]];
  const [hu, hw] = typeof thick === 'number' ? [thick / 2, thick / 2] : [thick[0] / 2, thick[1] / 2];
  const corner = (t: number, su: number, sw: number): V3 => [
    from[0] + axis[0] * t + u[0] * su * hu + w[0] * sw * hw,
    from[1] + axis[1] * t + u[1] * su * hu + w[1] * sw * hw,
    from[2] + axis[2] * t + u[2] * su * hu + w[2] * sw * hw,
  ];
  const faces: [V3, V3, V3, V3][] = [];
  const c = (t: number, su: number, sw: number): V3 => corner(t, su, sw);
  faces.push([c(0, -1, 1), c(0, 1, 1), c(1, 1, 1), c(1, -1, 1)]); // +w
  faces.push([c(0, 1, -1), c(0, -1, -1), c(1, -1, -1), c(1, 1, -1)]); // -w
  faces.push([c(0, 1, 1), c(0, 1, -1), c(1, 1, -1), c(1, 1, 1)]); // +u
  faces.push([c(0, -1, -1), c(0, -1, 1), c(1, -1, 1), c(1, -1, -1)]); // -u
  faces.push([c(1, -1, 1), c(1, 1, 1), c(1, 1, -1), c(1, -1, -1)]); // +a end
  faces.push([c(0, -1, -1), c(0, 1, -1), c(0, 1, 1), c(0, -1, 1)]); // -a end
  const start = g.positions.length / 3;
  for (const quad of faces) {
    const base = g.positions.length / 3;
    const e1: V3 = [quad[1][0] - quad[0][0], quad[1][1] - quad[0][1], quad[1][2] - quad[0][2]];
    const e2: V3 = [quad[3][0] - quad[0][0], quad[3][1] - quad[0][1], quad[3][2] - quad[0][2]];
    let n: V3 = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
    const nl = Math.hypot(...n) || 1;
    n = [n[0] / nl, n[1] / nl, n[2] / nl];
    // Make the winding counter-clockwise seen from outside (normal pointing away from the box centre).
    const centre = corner(0.5, 0, 0);
    const out: V3 = [quad[0][0] - centre[0], quad[0][1] - centre[1], quad[0][2] - centre[2]];
    const flip = n[0] * out[0] + n[1] * out[1] + n[2] * out[2] < 0;
    quad.forEach((p, k) => {
      g.positions.push(...p);
      g.normals.push(...(flip ? ([-n[0], -n[1], -n[2]] as V3) : n));
      g.uvs.push(k === 1 || k === 2 ? 1 : 0, k >= 2 ? 0 : 1);
    });
    if (flip) g.indices.push(base, base + 2, base + 1, base, base + 3, base + 2);
    else g.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  return g.positions.length / 3 - start;
}

async function addTexture(doc: Document, image: RawImage) {
  return doc.createTexture('checker').setImage(new Uint8Array(await encodePng(image))).setMimeType('image/png');
}

/** A textured unit cube (edge `sizeM`, resting on the ground, centred on x = z = 0), no skin. */
export async function buildTexturedCubeGlb(sizeM = 1, image: RawImage = checkerImage()): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const g: BoxGeometry = { positions: [], normals: [], uvs: [], indices: [] };
  addBox(g, [0, 0, 0], [0, sizeM, 0], [sizeM, sizeM]);
  const material = doc.createMaterial('cube').setBaseColorTexture(await addTexture(doc, image));
  const primitive = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.positions)).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.normals)).setBuffer(buffer))
    .setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(g.uvs)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(g.indices)).setBuffer(buffer))
    .setMaterial(material);
  const node = doc.createNode('cube').setMesh(doc.createMesh('cube').addPrimitive(primitive));
  doc.createScene('scene').addChild(node);
  return new NodeIO().writeBinary(doc);
}

/** Joint head positions (metres) of the test figure, cmu_mb names; arms in a 45-degree A-pose. */
export const FIGURE_JOINTS: { name: string; parent: string | null; head: V3; humanoid?: string }[] = (() => {
  const s45 = Math.SQRT1_2;
  const arm = (side: 1 | -1, l: 'Left' | 'Right') => [
    { name: `${l}Shoulder`, parent: 'Spine1', head: [0.05 * side, 1.42, 0] as V3, humanoid: `${l}Shoulder` },
    { name: `${l}Arm`, parent: `${l}Shoulder`, head: [0.19 * side, 1.42, 0] as V3, humanoid: `${l}UpperArm` },
    { name: `${l}ForeArm`, parent: `${l}Arm`, head: [(0.19 + 0.28 * s45) * side, 1.42 - 0.28 * s45, 0] as V3, humanoid: `${l}LowerArm` },
    { name: `${l}Hand`, parent: `${l}ForeArm`, head: [(0.19 + 0.54 * s45) * side, 1.42 - 0.54 * s45, 0] as V3, humanoid: `${l}Hand` },
  ];
  const leg = (side: 1 | -1, l: 'Left' | 'Right') => [
    { name: `${l}UpLeg`, parent: 'Hips', head: [0.1 * side, 0.92, 0] as V3, humanoid: `${l}UpperLeg` },
    { name: `${l}Leg`, parent: `${l}UpLeg`, head: [0.1 * side, 0.5, 0] as V3, humanoid: `${l}LowerLeg` },
    { name: `${l}Foot`, parent: `${l}Leg`, head: [0.1 * side, 0.08, 0] as V3, humanoid: `${l}Foot` },
  ];
  return [
    { name: 'Hips', parent: null, head: [0, 0.95, 0], humanoid: 'Hips' },
    { name: 'LowerBack', parent: 'Hips', head: [0, 1.05, 0], humanoid: 'Spine' },
    { name: 'Spine', parent: 'LowerBack', head: [0, 1.2, 0], humanoid: 'Chest' },
    { name: 'Spine1', parent: 'Spine', head: [0, 1.35, 0], humanoid: 'UpperChest' },
    { name: 'Neck', parent: 'Spine1', head: [0, 1.5, 0], humanoid: 'Neck' },
    { name: 'Head', parent: 'Neck', head: [0, 1.58, 0], humanoid: 'Head' },
    ...arm(1, 'Left'),
    ...arm(-1, 'Right'),
    ...leg(1, 'Left'),
    ...leg(-1, 'Right'),
  ];
})();

/** The figure's boxes: bone, from, to, thickness. */
function figureBoxes(): { bone: string; from: V3; to: V3; thick: number | [number, number] }[] {
  const j = Object.fromEntries(FIGURE_JOINTS.map((x) => [x.name, x.head])) as Record<string, V3>;
  const boxes: { bone: string; from: V3; to: V3; thick: number | [number, number] }[] = [
    { bone: 'Hips', from: [0, 0.84, 0], to: [0, 1.05, 0], thick: [0.34, 0.2] },
    { bone: 'Spine', from: [0, 1.05, 0], to: [0, 1.48, 0], thick: [0.38, 0.22] },
    { bone: 'Neck', from: [0, 1.48, 0], to: [0, 1.58, 0], thick: 0.1 },
    { bone: 'Head', from: [0, 1.58, 0], to: [0, 1.8, 0], thick: [0.18, 0.2] },
    { bone: 'Head', from: [0, 1.66, 0.1], to: [0, 1.7, 0.1], thick: [0.03, 0.06] }, // nose
  ];
  for (const l of ['Left', 'Right']) {
    boxes.push({ bone: `${l}Arm`, from: j[`${l}Arm`], to: j[`${l}ForeArm`], thick: 0.09 });
    boxes.push({ bone: `${l}ForeArm`, from: j[`${l}ForeArm`], to: j[`${l}Hand`], thick: 0.08 });
    boxes.push({ bone: `${l}UpLeg`, from: j[`${l}UpLeg`], to: j[`${l}Leg`], thick: 0.14 });
    boxes.push({ bone: `${l}Leg`, from: j[`${l}Leg`], to: j[`${l}Foot`], thick: 0.11 });
    const f = j[`${l}Foot`];
    boxes.push({ bone: `${l}Foot`, from: [f[0], 0, f[2] + 0.04], to: [f[0], 0.08, f[2] + 0.04], thick: [0.1, 0.26] });
  }
  return boxes;
}

/**
 * A skinned, textured humanoid made of boxes, each bound 100% to one bone of a cmu_mb-named
 * skeleton. `withHumanoidExtras` writes the humanoid bone map like the characters stage.
 */
export async function buildSkinnedFigureGlb(options: { withHumanoidExtras?: boolean; image?: RawImage } = {}): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const nodes = new Map<string, Node>();
  for (const joint of FIGURE_JOINTS) {
    const parentHead = joint.parent ? FIGURE_JOINTS.find((x) => x.name === joint.parent)!.head : ([0, 0, 0] as V3);
    const node = doc.createNode(joint.name).setTranslation([joint.head[0] - parentHead[0], joint.head[1] - parentHead[1], joint.head[2] - parentHead[2]]);
    nodes.set(joint.name, node);
    if (joint.parent) nodes.get(joint.parent)!.addChild(node);
  }
  const jointIndex = new Map(FIGURE_JOINTS.map((x, i) => [x.name, i]));
  const g: BoxGeometry = { positions: [], normals: [], uvs: [], indices: [] };
  const joints: number[] = [];
  const weights: number[] = [];
  for (const box of figureBoxes()) {
    const added = addBox(g, box.from, box.to, box.thick);
    for (let i = 0; i < added; i++) {
      joints.push(jointIndex.get(box.bone)!, 0, 0, 0);
      weights.push(1, 0, 0, 0);
    }
  }
  const ibm = new Float32Array(FIGURE_JOINTS.length * 16);
  FIGURE_JOINTS.forEach((joint, i) => {
    ibm.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -joint.head[0], -joint.head[1], -joint.head[2], 1], i * 16);
  });
  const skin = doc.createSkin('figure').setSkeleton(nodes.get('Hips')!);
  for (const joint of FIGURE_JOINTS) skin.addJoint(nodes.get(joint.name)!);
  skin.setInverseBindMatrices(doc.createAccessor().setType('MAT4').setArray(ibm).setBuffer(buffer));
  const material = doc.createMaterial('figure').setBaseColorTexture(await addTexture(doc, options.image ?? checkerImage(64, [225, 200, 170], [70, 90, 150])));
  const primitive = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.positions)).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.normals)).setBuffer(buffer))
    .setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(g.uvs)).setBuffer(buffer))
    .setAttribute('JOINTS_0', doc.createAccessor().setType('VEC4').setArray(new Uint16Array(joints)).setBuffer(buffer))
    .setAttribute('WEIGHTS_0', doc.createAccessor().setType('VEC4').setArray(new Float32Array(weights)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(g.indices)).setBuffer(buffer))
    .setMaterial(material);
  const meshNode = doc.createNode('figure').setMesh(doc.createMesh('figure').addPrimitive(primitive)).setSkin(skin);
  doc.createScene('scene').addChild(nodes.get('Hips')!).addChild(meshNode);
  if (options.withHumanoidExtras ?? true) {
    doc.getRoot().setExtras({
      clonedperson: {
        formatVersion: 1,
        skeleton: 'cmu_mb',
        humanoidBones: Object.fromEntries(FIGURE_JOINTS.filter((x) => x.humanoid).map((x) => [x.name, x.humanoid])),
      },
    });
  }
  return new NodeIO().writeBinary(doc);
}
