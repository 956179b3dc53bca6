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

/**
 * Parses `.mhclo` text. `bodyVertexCount` bounds reference and deleted vertex indices.
 */
export function parseProxy(text: string, file: string, bodyVertexCount: number): ProxyDefinition {
  const lines = text.split('\n');
  let status: 'none' | 'verts' | 'weights' | 'delete' = 'none';
  const proxy: ProxyDefinition = {
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
  const refs: number[] = [];
  const weights: number[] = [];
  const offsets: number[] = [];
  const deleted = new Uint8Array(bodyVertexCount);
  let anyDeleted = false;

  const num = (word: string | undefined, lineNo: number, what: string): number => {
    const value = Number(word);
    if (word === undefined || !Number.isFinite(value)) throw invalidAsset(file, `bad ${what} ${JSON.stringify(word ?? '')}`, lineNo);
    return value;
  };
  const vertex = (word: string | undefined, lineNo: number): number => {
    const value = num(word, lineNo, 'vertex index');
    if (!Number.isInteger(value) || value < 0 || value >= bodyVertexCount) {
      throw invalidAsset(file, `body vertex index ${word} is out of range (0..${bodyVertexCount - 1})`, lineNo);
    }
    return value;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const words = raw.trim().split(/\s+/);
    if (words[0] === '' || words[0].startsWith('#')) return;
    const key = words[0];
    const rest = words.slice(1).join(' ');
    const isNumeric = /^-?[\d.]/.test(key);
    if (!isNumeric) {
      switch (key) {
        case 'name':
          proxy.name = rest;
          return;
        case 'uuid':
          proxy.uuid = rest;
          return;
        case 'tag':
          proxy.tags.push(rest.toLowerCase());
          return;
        case 'version':
          proxy.version = num(words[1], lineNo, 'version');
          proxy.newFitting = proxy.version >= 120;
          return;
        case 'z_depth':
          proxy.zDepth = num(words[1], lineNo, 'z_depth');
          return;
        case 'obj_file':
          proxy.objFile = rest;
          return;
        case 'material':
          proxy.material = rest;
          return;
        case 'vertexboneweights_file':
          proxy.vertexBoneWeightsFile = rest;
          return;
        case 'x_scale':
        case 'y_scale':
        case 'z_scale': {
          const axis = key === 'x_scale' ? 0 : key === 'y_scale' ? 1 : 2;
          const denominator = num(words[3], lineNo, 'scale');
          if (denominator === 0) throw invalidAsset(file, `${key} has a zero reference distance`, lineNo);
          proxy.scales[axis] = { vertexA: vertex(words[1], lineNo), vertexB: vertex(words[2], lineNo), denominator };
          return;
        }
        case 'verts':
          status = 'verts';
          return;
        case 'weights':
          status = 'weights';
          return;
        case 'delete_verts':
          status = 'delete';
          return;
        default:
          if (/^[lr]?_?shear_[xyz]$/.test(key)) {
            proxy.hasShear = true;
            return;
          }
          if (!IGNORED_KEYS.has(key)) proxy.warnings.push(`${file}:${lineNo}: unknown keyword ${key}`);
          return;
      }
    }
    if (status === 'verts') {
      if (proxy.newFitting) {
        if (words.length !== 7) throw invalidAsset(file, `expected "v1 v2 v3 v4 dx dy dz", got ${words.length} fields`, lineNo);
        for (let i = 0; i < 4; i++) refs.push(vertex(words[i], lineNo));
        for (let i = 4; i < 7; i++) weights.push(num(words[i], lineNo, 'delta'));
        offsets.push(0, 0, 0);
      } else if (words.length === 1) {
        refs.push(vertex(words[0], lineNo), 0, 1);
        weights.push(1, 0, 0);
        offsets.push(0, 0, 0);
      } else if (words.length === 6 || words.length === 9) {
        for (let i = 0; i < 3; i++) refs.push(vertex(words[i], lineNo));
        for (let i = 3; i < 6; i++) weights.push(num(words[i], lineNo, 'weight'));
        if (words.length === 9) for (let i = 6; i < 9; i++) offsets.push(num(words[i], lineNo, 'offset'));
        else offsets.push(0, 0, 0);
      } else {
        throw invalidAsset(file, `expected "v" or "v1 v2 v3 w1 w2 w3 [dx dy dz]", got ${words.length} fields`, lineNo);
      }
    } else if (status === 'delete') {
      let sequence = false;
      let previous = -1;
      for (const word of words) {
        if (word === '-') {
          if (previous < 0) throw invalidAsset(file, 'a "-" range needs a start', lineNo);
          sequence = true;
          continue;
        }
        const v = vertex(word, lineNo);
        if (sequence) {
          for (let k = previous; k <= v; k++) deleted[k] = 1;
          sequence = false;
        } else {
          deleted[v] = 1;
        }
        anyDeleted = true;
        previous = v;
      }
    } else if (status === 'weights') {
      // Legacy per-proxy weight groups; MakeHuman ignores them for rigging.
    } else {
      throw invalidAsset(file, `numbers outside a verts/delete_verts section: ${JSON.stringify(raw.trim().slice(0, 60))}`, lineNo);
    }
  });

  if (!proxy.objFile) throw invalidAsset(file, 'no obj_file given');
  if (refs.length === 0) throw invalidAsset(file, 'no vertex mapping (verts section) found');
  if (proxy.zDepth === -1) proxy.zDepth = 50;
  const width = proxy.newFitting ? 4 : 3;
  proxy.refVerts = Uint32Array.from(refs);
  proxy.weights = Float32Array.from(weights);
  proxy.offsets = Float32Array.from(offsets);
  if (proxy.refVerts.length / width !== proxy.weights.length / 3) throw invalidAsset(file, 'inconsistent vertex mapping');
  if (anyDeleted) {
    const list: number[] = [];
    for (let v = 0; v < deleted.length; v++) if (deleted[v]) list.push(v);
    proxy.deleteVerts = Uint32Array.from(list);
  }
  if (!proxy.name) proxy.name = file.replace(/^.*[\\/]/, '').replace(/\.mhclo$/i, '');
  return proxy;
}

/** The number of proxy vertices the mapping describes. */
export function proxyVertexCount(proxy: ProxyDefinition): number {
  return proxy.weights.length / 3;
}
