/**
 * Wavefront OBJ parsing for MakeHuman meshes (the hm08 base mesh and proxy meshes).
 *
 * Reads `v` (positions), `vt` (texture coordinates), `f` (faces of 3 or 4 corners, `v`,
 * `v/vt`, `v/vt/vn` or `v//vn` corners, 1-based or negative indices) and `g` (face groups).
 * Everything else (`o`, `s`, `usemtl`, `mtllib`, `vn`, comments) is ignored, as MakeHuman does.
 * Faces are stored as quads: a triangle repeats its last corner (MakeHuman's own convention),
 * and `faceSizes` says which is which. Corners without a `vt` get UV index -1.
 * Positions stay in the file's units (MakeHuman: decimetres, y up, facing +z).
 */
import { invalidAsset } from './asset-errors.js';

export interface ObjMesh {
  /** xyz per vertex, in the file's units. */
  positions: Float32Array;
  /** uv per texture vertex (OBJ convention: v up). */
  uvs: Float32Array;
  /** 4 vertex indices per face (0-based); triangles repeat the third. */
  faceVerts: Int32Array;
  /** 4 UV indices per face (0-based), -1 where the corner has none. */
  faceUvs: Int32Array;
  /** 3 or 4 per face. */
  faceSizes: Uint8Array;
  /** Index into `groupNames` per face (0 = faces before any `g`, named ""). */
  faceGroups: Uint16Array;
  groupNames: string[];
}

export function objVertexCount(mesh: ObjMesh): number {
  return mesh.positions.length / 3;
}

export function objFaceCount(mesh: ObjMesh): number {
  return mesh.faceSizes.length;
}

/** Growable typed buffer, to avoid boxing tens of thousands of numbers. */
class Growable<T extends Float32Array | Int32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  result(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Parses OBJ text. `file` names the source in errors (`file:line: problem`), which are
 * E_ASSET_INVALID for malformed numbers, faces of other than 3 or 4 corners and indices out
 * of range.
 */
export function parseObj(text: string, file: string): ObjMesh {
  const positions = new Growable(new Float32Array(1 << 14), (n) => new Float32Array(n));
  const uvs = new Growable(new Float32Array(1 << 14), (n) => new Float32Array(n));
  const faceVerts = new Growable(new Int32Array(1 << 15), (n) => new Int32Array(n));
  const faceUvs = new Growable(new Int32Array(1 << 15), (n) => new Int32Array(n));
  const sizes: number[] = [];
  const groups: number[] = [];
  const groupNames = [''];
  const groupIndex = new Map<string, number>([['', 0]]);
  let group = 0;
  const faceLines: number[] = [];

  let lineNo = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line.length === 0 || line.charCodeAt(0) === 35 /* # */) continue;
    const words = line.split(/\s+/);
    const key = words[0];
    if (key === 'v') {
      if (words.length < 4) throw invalidAsset(file, 'a vertex needs 3 coordinates', lineNo);
      for (let i = 1; i <= 3; i++) {
        const value = Number(words[i]);
        if (!Number.isFinite(value)) throw invalidAsset(file, `bad vertex coordinate ${JSON.stringify(words[i])}`, lineNo);
        positions.push(value);
      }
    } else if (key === 'vt') {
      if (words.length < 3) throw invalidAsset(file, 'a texture vertex needs 2 coordinates', lineNo);
      for (let i = 1; i <= 2; i++) {
        const value = Number(words[i]);
        if (!Number.isFinite(value)) throw invalidAsset(file, `bad texture coordinate ${JSON.stringify(words[i])}`, lineNo);
        uvs.push(value);
      }
    } else if (key === 'f') {
      const corners = words.length - 1;
      if (corners !== 3 && corners !== 4) throw invalidAsset(file, `faces must have 3 or 4 corners, this one has ${corners}`, lineNo);
      const vCount = positions.length / 3;
      const tCount = uvs.length / 2;
      let lastV = 0;
      let lastT = -1;
      for (let c = 0; c < 4; c++) {
        if (c < corners) {
          const parts = words[c + 1].split('/');
          let v = Number(parts[0]);
          if (!Number.isInteger(v) || v === 0) throw invalidAsset(file, `bad face vertex ${JSON.stringify(words[c + 1])}`, lineNo);
          v = v < 0 ? vCount + v : v - 1;
          let t = -1;
          if (parts.length > 1 && parts[1] !== '') {
            t = Number(parts[1]);
            if (!Number.isInteger(t) || t === 0) throw invalidAsset(file, `bad face texture index ${JSON.stringify(words[c + 1])}`, lineNo);
            t = t < 0 ? tCount + t : t - 1;
          }
          lastV = v;
          lastT = t;
        }
        faceVerts.push(lastV);
        faceUvs.push(lastT);
      }
      sizes.push(corners);
      groups.push(group);
      faceLines.push(lineNo);
    } else if (key === 'g') {
      const name = words.slice(1).join(' ');
      let index = groupIndex.get(name);
      if (index === undefined) {
        index = groupNames.length;
        groupNames.push(name);
        groupIndex.set(name, index);
      }
      group = index;
    }
  }
  const mesh: ObjMesh = {
    positions: positions.result(),
    uvs: uvs.result(),
    faceVerts: faceVerts.result(),
    faceUvs: faceUvs.result(),
    faceSizes: Uint8Array.from(sizes),
    faceGroups: Uint16Array.from(groups),
    groupNames,
  };
  // Indices may point forward in OBJ, so range checks happen once everything is read.
  const vCount = mesh.positions.length / 3;
  const tCount = mesh.uvs.length / 2;
  for (let i = 0; i < mesh.faceVerts.length; i++) {
    const v = mesh.faceVerts[i];
    const t = mesh.faceUvs[i];
    if (v < 0 || v >= vCount) throw invalidAsset(file, `face vertex ${v + 1} is out of range (1..${vCount})`, faceLines[i >> 2]);
    if (t >= tCount || t < -1) throw invalidAsset(file, `face texture index ${t + 1} is out of range (1..${tCount})`, faceLines[i >> 2]);
  }
  return mesh;
}

/** The vertex indices used by faces of groups whose name passes `test`, sorted. */
export function verticesOfGroups(mesh: ObjMesh, test: (name: string) => boolean): Uint32Array {
  const selected = mesh.groupNames.map(test);
  const used = new Uint8Array(mesh.positions.length / 3);
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!selected[mesh.faceGroups[f]]) continue;
    for (let c = 0; c < 4; c++) used[mesh.faceVerts[f * 4 + c]] = 1;
  }
  const out: number[] = [];
  for (let v = 0; v < used.length; v++) if (used[v]) out.push(v);
  return Uint32Array.from(out);
}

/** Vertices of the `joint-<name>` face groups (MakeHuman's joint cubes), keyed by `<name>`, sorted. */
export function jointGroups(mesh: ObjMesh): Map<string, Uint32Array> {
  const lists = new Map<number, Set<number>>();
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const g = mesh.faceGroups[f];
    if (!mesh.groupNames[g].startsWith('joint-')) continue;
    const set = lists.get(g) ?? new Set<number>();
    for (let c = 0; c < 4; c++) set.add(mesh.faceVerts[f * 4 + c]);
    lists.set(g, set);
  }
  return new Map([...lists].map(([g, set]) => [mesh.groupNames[g].slice('joint-'.length), Uint32Array.from([...set].sort((a, b) => a - b))]));
}
