/**
 * The MakeHuman data edge: reads assets from the data roots (data-root.ts) and caches what it
 * parsed, so a batch of characters parses the base mesh, each target, rig and proxy once.
 *
 * Lookups follow MakeHuman: user roots before system roots; proxies (clothes, hair, eyes,
 * eyebrows, eyelashes, teeth, tongue) resolve by UUID (as `.mhm` files reference them), by
 * folder name, by `.mhclo` file name or by their `name` field; `.mhclo` `obj_file` and
 * `material` and `.mhmat` texture names are relative to the file's own folder, while `data/...`
 * and `litspheres/...` references are relative to the data root. Targets come from the release
 * `targets.npz` when one is given or sits at `<system root>/targets.npz`, else from the text
 * `.target` files under `targets/`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeImage } from '../imaging/image-io.js';
import { ClonedPersonError } from '../shared/errors.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { invalidAsset, missingAsset, unknownAsset } from './asset-errors.js';
import { findInRoots, rootsInOrder } from './data-root.js';
import type { DataRoots } from './data-root.js';
import { classifyTarget, MACRO_GROUPS } from './macro-modifiers.js';
import type { TargetComponent } from './macro-modifiers.js';
import { parseMaterial } from './material-parser.js';
import type { MaterialDefinition, Rgb } from './material-parser.js';
import { parseObj } from './obj-parser.js';
import type { ObjMesh } from './obj-parser.js';
import { parseProxy, proxyVertexCount } from './proxy-parser.js';
import type { ProxyDefinition } from './proxy-parser.js';
import { parseSkeleton, parseWeights } from './rig-parser.js';
import type { RawBoneWeights, SkeletonDefinition } from './rig-parser.js';
import { normalizeBoneWeights, remapBoneWeights, weightReferences } from './skeleton-weights.js';
import type { BoneWeights } from './skeleton-weights.js';
import { breadthFirst } from './skeleton.js';
import { parseTargetsNpz, parseTargetText } from './target-parser.js';
import type { MorphTarget } from './target-parser.js';

/** Vertex count of the hm08 base mesh every CC0 asset is made for. */
export const HM08_VERTEX_COUNT = 19158;

export const PROXY_KINDS = ['clothes', 'hair', 'eyes', 'eyebrows', 'eyelashes', 'teeth', 'tongue'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

export interface LoadedMaterial {
  definition: MaterialDefinition;
  /** Absolute path of the diffuse texture, when it has one that exists. */
  diffuseTexture?: string;
}

export interface LoadedProxy {
  kind: ProxyKind;
  definition: ProxyDefinition;
  mesh: ObjMesh;
  /** Absolute path of the `.mhclo`. */
  file: string;
  /** The folder name under `<kind>/` (for clothes: the asset name templates use). */
  assetName: string;
  material?: LoadedMaterial;
  /** The proxy's own weights (`vertexboneweights_file`), on the reference rig's bones. */
  ownWeights?: RawBoneWeights;
}

export interface MakeHumanDataOptions {
  logger?: Logger;
  /** 'auto' (default): `targetsNpz` or `<system root>/targets.npz` if present, else text. */
  targets?: 'auto' | 'text' | 'npz';
  /** Explicit release `targets.npz` path. */
  targetsNpz?: string;
}

interface ProxyIndexEntry {
  file: string;
  uuid: string;
  name: string;
  kind: ProxyKind;
  assetName: string;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, accept, out);
    else if (accept(entry.name)) out.push(full);
  }
  return out;
}

/** Reads a `.mhclo` header (until `verts`) for its uuid and name, as MakeHuman's peekMetadata. */
function peekProxy(text: string): { uuid: string; name: string } {
  let uuid = '';
  let name = '';
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'uuid') uuid = words.slice(1).join(' ');
    else if (words[0] === 'name') name = words.slice(1).join(' ');
    else if (words[0] === 'verts') break;
  }
  return { uuid, name };
}

/** sRGB 0-255 to linear 0-1. */
function srgbToLinear(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Fallback skin tones (linear RGB) when the litsphere images are missing. */
const FALLBACK_SKIN: Readonly<Record<'african' | 'asian' | 'caucasian', Rgb>> = {
  african: [0.17, 0.08, 0.06],
  asian: [0.34, 0.15, 0.09],
  caucasian: [0.41, 0.19, 0.13],
};

export class MakeHumanData {
  readonly roots: DataRoots;
  readonly logger: Logger;
  private readonly options: MakeHumanDataOptions;
  private readonly cache = new Map<string, Promise<unknown>>();
  private warned = new Set<string>();

  constructor(roots: DataRoots, options: MakeHumanDataOptions = {}) {
    this.roots = roots;
    this.logger = options.logger ?? silentLogger;
    this.options = options;
  }

  /** Logs a warning once per distinct message (batches repeat the same fallbacks). */
  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.logger.warn(message);
  }

  /** Memoises `make` under `key` for the life of this object (failures are not kept). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.cached(key, make);
  }

  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.cache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = make();
      this.cache.set(key, entry);
      // A failed load should be retried next time, not cached.
      entry.catch(() => this.cache.delete(key));
    }
    return entry;
  }

  /** `file` relative to the data root holding it (`/`-separated), or undefined. */
  relativeToRoot(file: string): string | undefined {
    for (const root of rootsInOrder(this.roots)) {
      const relative = path.relative(root, file);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
    }
    return undefined;
  }

  /** Absolute path of a data-root-relative file, or E_ASSET_MISSING. */
  require(relativePath: string): string {
    const found = findInRoots(this.roots, relativePath);
    if (!found) throw missingAsset(relativePath, rootsInOrder(this.roots));
    return found;
  }

  async readText(file: string): Promise<string> {
    try {
      return await readFile(file, 'utf8');
    } catch (cause) {
      throw new ClonedPersonError('E_IO', `characters: cannot read ${file}: ${(cause as Error).message}`, { cause, details: { file } });
    }
  }

  /** The hm08 base mesh (`3dobjs/base.obj`), checked for its vertex count. */
  baseMesh(): Promise<ObjMesh> {
    return this.cached('base', async () => {
      const file = this.require('3dobjs/base.obj');
      const mesh = parseObj(await this.readText(file), file);
      const count = mesh.positions.length / 3;
      if (count !== HM08_VERTEX_COUNT) throw invalidAsset(file, `expected the hm08 base mesh with ${HM08_VERTEX_COUNT} vertices, found ${count}`);
      if (!mesh.groupNames.includes('body')) throw invalidAsset(file, 'the base mesh has no "body" group');
      return mesh;
    });
  }

  /** Vertices of the base mesh's `joint-<name>` groups, keyed by `<name>`. */
  meshJoints(): Promise<Map<string, Uint32Array>> {
    return this.cached('meshJoints', async () => {
      const mesh = await this.baseMesh();
      const lists = new Map<number, Set<number>>();
      for (let f = 0; f < mesh.faceSizes.length; f++) {
        const g = mesh.faceGroups[f];
        if (!mesh.groupNames[g].startsWith('joint-')) continue;
        const set = lists.get(g) ?? new Set<number>();
        for (let c = 0; c < 4; c++) set.add(mesh.faceVerts[f * 4 + c]);
        lists.set(g, set);
      }
      return new Map([...lists].map(([g, set]) => [mesh.groupNames[g].slice('joint-'.length), Uint32Array.from([...set].sort((a, b) => a - b))]));
    });
  }

  private npzPath(): string | undefined {
    if (this.options.targets === 'text') return undefined;
    if (this.options.targetsNpz) return this.options.targetsNpz;
    for (const root of this.roots.system) {
      const candidate = path.join(root, 'targets.npz');
      if (existsSync(candidate)) return candidate;
    }
    if (this.options.targets === 'npz') throw missingAsset('targets.npz', this.roots.system);
    return undefined;
  }

  private npzTargets(): Promise<Map<string, MorphTarget> | undefined> {
    return this.cached('npz', async () => {
      const file = this.npzPath();
      if (!file) return undefined;
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        throw missingAsset(file, [path.dirname(file)]);
      }
      return parseTargetsNpz(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, HM08_VERTEX_COUNT);
    });
  }

  /** Every target the data offers, classified by MakeHuman's naming rules. */
  targetCatalog(): Promise<TargetComponent[]> {
    return this.cached('catalog', async () => {
      const npz = await this.npzTargets();
      const paths = new Set<string>();
      if (npz) {
        for (const key of npz.keys()) paths.add(key);
      } else {
        for (const root of rootsInOrder(this.roots)) {
          const files = await walk(path.join(root, 'targets'), (name) => name.endsWith('.target'));
          for (const file of files) paths.add(path.relative(root, file).split(path.sep).join('/'));
        }
      }
      const catalog = [...paths].sort().map(classifyTarget);
      const present = new Set(catalog.map((c) => c.group));
      for (const group of MACRO_GROUPS) {
        if (!present.has(group)) {
          this.warnOnce(`characters: no targets for macro group ${group} in the data roots; its sliders have no effect`);
        }
      }
      return catalog;
    });
  }

  /** One morph target by its data-root-relative path (`targets/macrodetails/x.target`). */
  target(relativePath: string): Promise<MorphTarget> {
    return this.cached(`target:${relativePath}`, async () => {
      const npz = await this.npzTargets();
      if (npz) {
        const target = npz.get(relativePath);
        if (!target) throw missingAsset(`${relativePath} (in targets.npz)`, [this.npzPath() ?? '']);
        return target;
      }
      const file = this.require(relativePath);
      return parseTargetText(await this.readText(file), file, HM08_VERTEX_COUNT);
    });
  }

  /** A rig by name (`default`, `cmu_mb`, `game_engine`) or `.mhskel` file name. */
  skeleton(name: string): Promise<SkeletonDefinition> {
    const file = name.endsWith('.mhskel') ? name : `${name}.mhskel`;
    return this.cached(`skel:${file}`, async () => {
      const found = this.require(file.includes('/') ? file : `rigs/${file}`);
      return parseSkeleton(await this.readText(found), found, HM08_VERTEX_COUNT);
    });
  }

  /** The reference rig every other rig maps to (MakeHuman's default skeleton). */
  referenceSkeleton(): Promise<SkeletonDefinition> {
    return this.skeleton('default');
  }

  /**
   * Normalised body weights for a rig: its own `.mhw` if it names one, else the reference
   * rig's weights remapped through its reference bones (skeleton-weights.ts).
   */
  bodyWeights(name: string): Promise<BoneWeights> {
    return this.cached(`weights:${name}`, async () => {
      const definition = await this.skeleton(name);
      const root = breadthFirst(definition)[0]?.name ?? 'root';
      if (definition.weightsFile) {
        const file = path.join(path.dirname(definition.file), definition.weightsFile);
        if (!(await isFile(file))) throw missingAsset(`${definition.weightsFile} (weights of ${definition.file})`, [path.dirname(definition.file)]);
        const raw = parseWeights(await this.readText(file), file, HM08_VERTEX_COUNT);
        return normalizeBoneWeights(raw, HM08_VERTEX_COUNT, root);
      }
      const reference = await this.referenceSkeleton();
      if (reference === definition) throw invalidAsset(definition.file, 'the reference rig has no weights_file');
      const referenceWeights = await this.bodyWeights('default');
      return remapBoneWeights(referenceWeights, definition, weightReferences(definition, reference), HM08_VERTEX_COUNT, this.logger);
    });
  }

  /** Index of every proxy of every kind in the roots (user roots shadow system ones). */
  private proxyIndex(): Promise<ProxyIndexEntry[]> {
    return this.cached('proxyIndex', async () => {
      const entries: ProxyIndexEntry[] = [];
      const seen = new Set<string>();
      for (const root of rootsInOrder(this.roots)) {
        for (const kind of PROXY_KINDS) {
          const files = await walk(path.join(root, kind), (name) => name.toLowerCase().endsWith('.mhclo'));
          for (const file of files) {
            const relative = path.relative(root, file).split(path.sep).join('/');
            if (seen.has(relative)) continue;
            seen.add(relative);
            const { uuid, name } = peekProxy(await this.readText(file));
            const assetName = relative.split('/')[1] ?? '';
            entries.push({ file, uuid, name, kind, assetName });
          }
        }
      }
      return entries;
    });
  }

  /** Lists the proxies of a kind: asset (folder) name, proxy name, uuid, file. */
  async listProxies(kind: ProxyKind): Promise<{ assetName: string; name: string; uuid: string; file: string }[]> {
    return (await this.proxyIndex()).filter((e) => e.kind === kind).map(({ assetName, name, uuid, file }) => ({ assetName, name, uuid, file }));
  }

  /**
   * Finds a proxy by UUID, folder name, `.mhclo` base name or `name` field (case-insensitive),
   * within `kind` when given. E_UNKNOWN_ASSET when nothing matches.
   */
  async findProxy(reference: string, kind?: ProxyKind, where?: string): Promise<ProxyIndexEntry> {
    const index = (await this.proxyIndex()).filter((e) => !kind || e.kind === kind);
    const wanted = reference.trim();
    const lower = wanted.toLowerCase();
    const base = (file: string): string => path.basename(file).replace(/\.mhclo$/i, '').toLowerCase();
    const match =
      index.find((e) => e.uuid && e.uuid === wanted) ??
      index.find((e) => e.assetName.toLowerCase() === lower && base(e.file) === lower) ??
      index.find((e) => base(e.file) === lower) ??
      index.find((e) => e.assetName.toLowerCase() === lower) ??
      index.find((e) => e.name.toLowerCase() === lower);
    if (!match) throw unknownAsset(kind ?? 'proxy', reference, where);
    return match;
  }

  /** Loads a proxy (definition, mesh, material, own weights), checking their consistency. */
  proxy(reference: string, kind?: ProxyKind, where?: string): Promise<LoadedProxy> {
    return this.findProxy(reference, kind, where).then((entry) =>
      this.cached(`proxy:${entry.file}`, async () => {
        const definition = parseProxy(await this.readText(entry.file), entry.file, HM08_VERTEX_COUNT);
        for (const warning of definition.warnings) this.warnOnce(`characters: ${warning}`);
        if (definition.hasShear) this.warnOnce(`characters: ${entry.file}: shear transforms are not supported; offsets are scaled by 1`);
        const folder = path.dirname(entry.file);
        const objFile = path.join(folder, definition.objFile.trim());
        if (!(await isFile(objFile))) throw missingAsset(`${definition.objFile} (obj_file of ${entry.file})`, [folder]);
        const mesh = parseObj(await this.readText(objFile), objFile);
        const expected = proxyVertexCount(definition);
        const found = mesh.positions.length / 3;
        if (found !== expected) {
          throw invalidAsset(objFile, `has ${found} vertices but ${path.basename(entry.file)} maps ${expected}`);
        }
        let material: LoadedMaterial | undefined;
        if (definition.material) material = await this.materialOptional(path.join(folder, definition.material), entry.file);
        else this.warnOnce(`characters: ${entry.file}: no material; using a plain grey`);
        let ownWeights: RawBoneWeights | undefined;
        if (definition.vertexBoneWeightsFile) {
          const file = path.join(folder, definition.vertexBoneWeightsFile);
          if (await isFile(file)) ownWeights = parseWeights(await this.readText(file), file, expected);
          else this.warnOnce(`characters: ${entry.file}: vertex weights ${definition.vertexBoneWeightsFile} missing; weights come from the body`);
        }
        return {
          kind: entry.kind,
          definition,
          mesh,
          file: entry.file,
          assetName: entry.assetName,
          ...(material ? { material } : {}),
          ...(ownWeights ? { ownWeights } : {}),
        };
      }),
    );
  }

  /** Resolves a texture or file named inside `ownerFile` (a .mhmat or .mhclo). */
  resolveRelative(name: string, ownerFile: string): string | undefined {
    const cleaned = name.trim().replace(/\\/g, '/');
    if (path.isAbsolute(cleaned)) return cleaned;
    if (cleaned.startsWith('data/')) return findInRoots(this.roots, cleaned.slice('data/'.length));
    const local = path.join(path.dirname(ownerFile), cleaned);
    return findInRoots({ user: [path.dirname(local)], system: [], missing: [] }, path.basename(local)) ?? findInRoots(this.roots, cleaned);
  }

  /** Loads a material file; a missing file or texture falls back with a warning. */
  async materialOptional(file: string, owner: string): Promise<LoadedMaterial | undefined> {
    if (!(await isFile(file))) {
      this.warnOnce(`characters: ${owner}: material ${file} missing; using a plain grey`);
      return undefined;
    }
    return this.material(file);
  }

  /** Loads and caches a `.mhmat`, resolving its diffuse texture. */
  material(file: string): Promise<LoadedMaterial> {
    return this.cached(`material:${file}`, async () => {
      const definition = parseMaterial(await this.readText(file), file);
      let diffuseTexture: string | undefined;
      if (definition.diffuseTexture) {
        diffuseTexture = this.resolveRelative(definition.diffuseTexture, file);
        if (!diffuseTexture || !(await isFile(diffuseTexture))) {
          this.warnOnce(`characters: ${file}: texture ${definition.diffuseTexture} missing; using the diffuse colour`);
          diffuseTexture = undefined;
        }
      }
      return { definition, ...(diffuseTexture ? { diffuseTexture } : {}) };
    });
  }

  /**
   * A skin material by name (`default`, `young_caucasian_female`, `skins/x/x.mhmat`). Names
   * that do not resolve fall back to `skins/default.mhmat` with a warning.
   */
  async skin(name: string): Promise<LoadedMaterial> {
    const candidates = name.endsWith('.mhmat')
      ? [name.startsWith('skins/') ? name : `skins/${name}`]
      : name === 'default'
        ? ['skins/default.mhmat']
        : [`skins/${name}/${name}.mhmat`, `skins/${name}.mhmat`];
    for (const candidate of candidates) {
      const found = findInRoots(this.roots, candidate);
      if (found) return this.material(found);
    }
    this.warnOnce(`characters: skin ${name} not found; using skins/default.mhmat`);
    return this.material(this.require('skins/default.mhmat'));
  }

  /** Lists skin names (folders under skins/ with a same-named .mhmat, plus "default"). */
  async listSkins(): Promise<string[]> {
    const names = new Set<string>();
    for (const root of rootsInOrder(this.roots)) {
      const files = await walk(path.join(root, 'skins'), (n) => n.endsWith('.mhmat'));
      for (const file of files) {
        const rel = path.relative(path.join(root, 'skins'), file).split(path.sep);
        if (rel.length === 1 && rel[0] === 'default.mhmat') names.add('default');
        if (rel.length === 2 && rel[1] === `${rel[0]}.mhmat`) names.add(rel[0]);
      }
    }
    return [...names].sort();
  }

  /**
   * Linear-RGB skin tones per race for skins that blend by race (`autoBlendSkin`), from
   * MakeHuman's `litspheres/skinmat_<race>.png` (the images its skin blender mixes): the mean
   * colour of the pixels at the 90th percentile of brightness, i.e. lit skin without the
   * specular highlight.
   */
  skinTones(): Promise<Record<'african' | 'asian' | 'caucasian', Rgb>> {
    return this.cached('skinTones', async () => {
      const tones = { ...FALLBACK_SKIN };
      for (const race of ['african', 'asian', 'caucasian'] as const) {
        const file = findInRoots(this.roots, `litspheres/skinmat_${race}.png`);
        if (!file) {
          this.warnOnce(`characters: litspheres/skinmat_${race}.png missing; using a built-in ${race} skin tone`);
          continue;
        }
        const { width, height, channels, data } = await decodeImage(await readFile(file), file);
        const lum = new Float64Array(width * height);
        const lit: number[] = [];
        for (let i = 0; i < width * height; i++) {
          const o = i * channels;
          lum[i] = channels === 1 ? data[o] : (data[o] + data[o + 1] + data[o + 2]) / 3;
          if (lum[i] > 5) lit.push(lum[i]);
        }
        if (lit.length === 0) continue;
        lit.sort((a, b) => a - b);
        const level = lit[Math.floor(0.9 * (lit.length - 1))];
        const sum = [0, 0, 0];
        let count = 0;
        for (let i = 0; i < width * height; i++) {
          if (Math.abs(lum[i] - level) > 3) continue;
          const o = i * channels;
          for (let k = 0; k < 3; k++) sum[k] += channels === 1 ? data[o] : data[o + k];
          count++;
        }
        tones[race] = [srgbToLinear(sum[0] / count), srgbToLinear(sum[1] / count), srgbToLinear(sum[2] / count)];
      }
      return tones;
    });
  }

  /** File bytes (textures); cached unless `cache` is false (per-character textures). */
  bytes(file: string, cache = true): Promise<Uint8Array> {
    const read = async (): Promise<Uint8Array> => {
      try {
        const buffer = await readFile(file);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (cause) {
        const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
        throw new ClonedPersonError(missing ? 'E_ASSET_MISSING' : 'E_IO', `characters: cannot read ${file}: ${(cause as Error).message}`, {
          cause,
          details: { file },
        });
      }
    };
    return cache ? this.cached(`bytes:${file}`, read) : read();
  }

  /**
   * A content hash over every file of the data roots (and the release targets file), for the
   * input keys of characters: any asset that changes redoes them. Computed once per object.
   */
  fingerprint(): Promise<string> {
    return this.cached('fingerprint', async () => {
      const hash = createHash('sha256');
      const visit = async (root: string, dir: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) await visit(root, file);
          else if (entry.isFile()) hash.update(`${path.relative(root, file)}\0`).update(await readFile(file)).update('\0');
        }
      };
      for (const root of rootsInOrder(this.roots)) await visit(root, root);
      const npz = this.npzPath();
      if (npz) hash.update(await readFile(npz));
      hash.update(`targets:${this.options.targets ?? 'auto'}`);
      return hash.digest('hex');
    });
  }
}
