/**
 * MakeHuman proxy files (`.mhclo`): clothes, hair, eyes, eyebrows, eyelashes, teeth, tongue.
 *
 * A proxy is a mesh (`obj_file`, whose vertex *positions are not used*: they are not in body
 * space) plus, for every proxy vertex in order, a mapping to the body after `verts 0`:
 * - `v` (one index): the proxy vertex sits exactly on body vertex v;
 * - `v1 v2 v3 w1 w2 w3 [dx dy dz]`: barycentric weights of three body vertices plus an offset,
 *   scaled per axis by the `x_scale`/`y_scale`/`z_scale` matrix (see proxy-fit.ts);
 * - version >= 120 files (`v1 v2 v3 v4 dx dy dz`): an offset in a local frame of a body quad.
 * `delete_verts` lists body vertices (single numbers and `a - b` ranges) that the proxy covers,
 * `z_depth` orders proxies for face hiding, `material` names the `.mhmat`, and
 * `vertexboneweights_file` optional own bone weights (`.mhw`, on the default rig's bones).
 * Keys may appear anywhere, also after `verts`. Unknown keys are reported as warnings, as
 * MakeHuman does; malformed numbers and out-of-range indices are errors naming `file:line`.
 */
import { invalidAsset } from './asset-errors.js';

export interface ScaleAxis {
  vertexA: number;
  vertexB: number;
  /** The reference distance along the axis, in the base mesh's units. */
  denominator: number;
}

export interface ProxyDefinition {
  file: string;
  name: string;
  uuid: string;
  tags: string[];
  version: number;
  /** Render and masking order; MakeHuman uses 50 when absent. */
  zDepth: number;
  objFile: string;
  material?: string;
  vertexBoneWeightsFile?: string;
  /** 3 (or 4 for new fitting) body vertex indices per proxy vertex. */
  refVerts: Uint32Array;
  /** Per proxy vertex: 3 barycentric weights (old fitting) or the local delta (new fitting). */
  weights: Float32Array;
  /** Per proxy vertex: xyz offset before scaling (old fitting; zeros for exact vertices). */
  offsets: Float32Array;
  /** True for version >= 120 files (4 reference vertices, local-frame delta). */
  newFitting: boolean;
  /** Per axis x, y, z, or null when the file gives none (unit scale). */
  scales: [ScaleAxis | null, ScaleAxis | null, ScaleAxis | null];
  hasShear: boolean;
  /** Body vertex indices the proxy hides, ascending. */
  deleteVerts: Uint32Array;
  warnings: string[];
}

const IGNORED_KEYS = new Set([
  'description',
  'author',
  'license',
  'homepage',
  'basemesh',
  'max_pole',
  'special_pose',
  'uvLayer',
  'backface_culling',
  'transparent',
  'shapekey',
  'subsurf',
  'shrinkwrap',
  'solidify',
  'objfile_layer',
  'uvtex_layer',
  'use_projection',
  'mask_uv_layer',
  'texture_uv_layer',
  'delete',
  'vertexgroup_file',
  'offset_scale',
  'obj_file_uvs',
]);

type Section = 'none' | 'verts' | 'weights' | 'delete';

/** Reads a `.mhclo` line by line into a {@link ProxyDefinition}. */
class ProxyReader {
  readonly proxy: ProxyDefinition;
  private section: Section = 'none';
  private readonly refs: number[] = [];
  private readonly weights: number[] = [];
  private readonly offsets: number[] = [];
  private readonly deleted: Uint8Array;
  private anyDeleted = false;

  constructor(
    private readonly file: string,
    private readonly bodyVertexCount: number,
  ) {
    this.deleted = new Uint8Array(bodyVertexCount);
    this.proxy = {
      file,
      name: '',
      uuid: '',
      tags: [],
      version: 110,
      zDepth: -1,
      objFile: '',
      refVerts: new Uint32Array(0),
      weights: new Float32Array(0),
      offsets: new Float32Array(0),
      newFitting: false,
      scales: [null, null, null],
      hasShear: false,
      deleteVerts: new Uint32Array(0),
      warnings: [],
    };
  }

  private num(word: string | undefined, lineNo: number, what: string): number {
    const value = Number(word);
    if (word === undefined || !Number.isFinite(value)) throw invalidAsset(this.file, `bad ${what} ${JSON.stringify(word ?? '')}`, lineNo);
    return value;
  }

  private vertex(word: string | undefined, lineNo: number): number {
    const value = this.num(word, lineNo, 'vertex index');
    if (!Number.isInteger(value) || value < 0 || value >= this.bodyVertexCount) {
      throw invalidAsset(this.file, `body vertex index ${word} is out of range (0..${this.bodyVertexCount - 1})`, lineNo);
    }
    return value;
  }

  line(raw: string, lineNo: number): void {
    const words = raw.trim().split(/\s+/);
    if (words[0] === '' || words[0].startsWith('#')) return;
    if (!/^-?[\d.]/.test(words[0])) this.keyword(words, lineNo);
    else if (this.section === 'verts') this.mapping(words, lineNo);
    else if (this.section === 'delete') this.deletion(words, lineNo);
    // 'weights': legacy per-proxy weight groups; MakeHuman ignores them for rigging.
    else if (this.section !== 'weights') {
      throw invalidAsset(this.file, `numbers outside a verts/delete_verts section: ${JSON.stringify(raw.trim().slice(0, 60))}`, lineNo);
    }
  }

  private keyword(words: string[], lineNo: number): void {
    const [key] = words;
    const rest = words.slice(1).join(' ');
    const proxy = this.proxy;
    if (key === 'name') proxy.name = rest;
    else if (key === 'uuid') proxy.uuid = rest;
    else if (key === 'tag') proxy.tags.push(rest.toLowerCase());
    else if (key === 'version') {
      proxy.version = this.num(words[1], lineNo, 'version');
      proxy.newFitting = proxy.version >= 120;
    } else if (key === 'z_depth') proxy.zDepth = this.num(words[1], lineNo, 'z_depth');
    else if (key === 'obj_file') proxy.objFile = rest;
    else if (key === 'material') proxy.material = rest;
    else if (key === 'vertexboneweights_file') proxy.vertexBoneWeightsFile = rest;
    else if (key === 'x_scale' || key === 'y_scale' || key === 'z_scale') {
      const denominator = this.num(words[3], lineNo, 'scale');
      if (denominator === 0) throw invalidAsset(this.file, `${key} has a zero reference distance`, lineNo);
      proxy.scales[key === 'x_scale' ? 0 : key === 'y_scale' ? 1 : 2] = { vertexA: this.vertex(words[1], lineNo), vertexB: this.vertex(words[2], lineNo), denominator };
    } else if (key === 'verts') this.section = 'verts';
    else if (key === 'weights') this.section = 'weights';
    else if (key === 'delete_verts') this.section = 'delete';
    else if (/^[lr]?_?shear_[xyz]$/.test(key)) proxy.hasShear = true;
    else if (!IGNORED_KEYS.has(key)) proxy.warnings.push(`${this.file}:${lineNo}: unknown keyword ${key}`);
  }

  /** One proxy vertex: `v`, `v1 v2 v3 w1 w2 w3 [dx dy dz]`, or (new fitting) `v1 v2 v3 v4 dx dy dz`. */
  private mapping(words: string[], lineNo: number): void {
    if (this.proxy.newFitting) {
      if (words.length !== 7) throw invalidAsset(this.file, `expected "v1 v2 v3 v4 dx dy dz", got ${words.length} fields`, lineNo);
      for (let i = 0; i < 4; i++) this.refs.push(this.vertex(words[i], lineNo));
      for (let i = 4; i < 7; i++) this.weights.push(this.num(words[i], lineNo, 'delta'));
      this.offsets.push(0, 0, 0);
    } else if (words.length === 1) {
      this.refs.push(this.vertex(words[0], lineNo), 0, 1);
      this.weights.push(1, 0, 0);
      this.offsets.push(0, 0, 0);
    } else if (words.length === 6 || words.length === 9) {
      for (let i = 0; i < 3; i++) this.refs.push(this.vertex(words[i], lineNo));
      for (let i = 3; i < 6; i++) this.weights.push(this.num(words[i], lineNo, 'weight'));
      if (words.length === 9) for (let i = 6; i < 9; i++) this.offsets.push(this.num(words[i], lineNo, 'offset'));
      else this.offsets.push(0, 0, 0);
    } else {
      throw invalidAsset(this.file, `expected "v" or "v1 v2 v3 w1 w2 w3 [dx dy dz]", got ${words.length} fields`, lineNo);
    }
  }

  /** Deleted body vertices: single numbers and `a - b` ranges. */
  private deletion(words: string[], lineNo: number): void {
    let sequence = false;
    let previous = -1;
    for (const word of words) {
      if (word === '-') {
        if (previous < 0) throw invalidAsset(this.file, 'a "-" range needs a start', lineNo);
        sequence = true;
        continue;
      }
      const v = this.vertex(word, lineNo);
      if (sequence) {
        for (let k = previous; k <= v; k++) this.deleted[k] = 1;
        sequence = false;
      } else {
        this.deleted[v] = 1;
      }
      this.anyDeleted = true;
      previous = v;
    }
  }

  /** The checked definition, with MakeHuman's defaults for what the file left out. */
  finish(): ProxyDefinition {
    const { proxy, file } = this;
    if (!proxy.objFile) throw invalidAsset(file, 'no obj_file given');
    if (this.refs.length === 0) throw invalidAsset(file, 'no vertex mapping (verts section) found');
    if (proxy.zDepth === -1) proxy.zDepth = 50;
    const width = proxy.newFitting ? 4 : 3;
    proxy.refVerts = Uint32Array.from(this.refs);
    proxy.weights = Float32Array.from(this.weights);
    proxy.offsets = Float32Array.from(this.offsets);
    if (proxy.refVerts.length / width !== proxy.weights.length / 3) throw invalidAsset(file, 'inconsistent vertex mapping');
    if (this.anyDeleted) {
      const list: number[] = [];
      for (let v = 0; v < this.deleted.length; v++) if (this.deleted[v]) list.push(v);
      proxy.deleteVerts = Uint32Array.from(list);
    }
    if (!proxy.name) proxy.name = file.replace(/^.*[\\/]/, '').replace(/\.mhclo$/i, '');
    return proxy;
  }
}

/** Parses `.mhclo` text. `bodyVertexCount` bounds reference and deleted vertex indices. */
export function parseProxy(text: string, file: string, bodyVertexCount: number): ProxyDefinition {
  const reader = new ProxyReader(file, bodyVertexCount);
  text.split('\n').forEach((raw, index) => reader.line(raw, index + 1));
  return reader.finish();
}

/** The number of proxy vertices the mapping describes. */
export function proxyVertexCount(proxy: ProxyDefinition): number {
  return proxy.weights.length / 3;
}
