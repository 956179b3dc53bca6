/**
 * The file-backed {@link MakeHumanAssets}: reads assets from the data roots (data-root.ts)
 * through a FileStore and caches what it parsed, so a batch of characters parses the base mesh,
 * each target, rig and proxy once. Every asset is checked against the hm08 base mesh (19158
 * vertices) the CC0 assets are made for.
 *
 * Lookups follow MakeHuman: user roots before system roots; proxies (clothes, hair, eyes,
 * eyebrows, eyelashes, teeth, tongue) resolve by UUID (as `.mhm` files reference them), by
 * folder name, by `.mhclo` file name or by their `name` field (asset-lookup.ts); `.mhclo`
 * `obj_file` and `material` and `.mhmat` texture names are relative to the file's own folder,
 * while `data/...` and `litspheres/...` references are relative to the data root. Targets come
 * from the release `targets.npz` when one is given or sits at `<system root>/targets.npz`, else
 * from the text `.target` files under `targets/`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { decodeImage } from '../imaging/image-io.js';
import type { FileStore } from '../shared/file-store.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { invalidAsset, missingAsset } from './asset-errors.js';
import { matchProxy, peekProxy, skinCandidates } from './asset-lookup.js';
import { AssetMemo } from './asset-memo.js';
import { findInRoots, rootsInOrder } from './data-root.js';
import type { DataRoots } from './data-root.js';
import { classifyTarget, MACRO_GROUPS } from './macro-modifiers.js';
import type { TargetComponent } from './macro-modifiers.js';
import { PROXY_KINDS } from './makehuman-assets.js';
import type { LoadedMaterial, LoadedProxy, MakeHumanAssets, ProxyEntry, ProxyKind, SkinTones } from './makehuman-assets.js';
import { parseMaterial } from './material-parser.js';
import { jointGroups, parseObj } from './obj-parser.js';
import type { ObjMesh } from './obj-parser.js';
import { parseProxy, proxyVertexCount } from './proxy-parser.js';
import { parseSkeleton, parseWeights } from './rig-parser.js';
import type { RawBoneWeights, SkeletonDefinition } from './rig-parser.js';
import { normalizeBoneWeights, remapBoneWeights, weightReferences } from './skeleton-weights.js';
import type { BoneWeights } from './skeleton-weights.js';
import { breadthFirst } from './skeleton.js';
import { FALLBACK_SKIN_TONES, litSkinTone, SKIN_RACES } from './skin-tones.js';
import { parseTargetsNpz, parseTargetText } from './target-parser.js';
import type { MorphTarget } from './target-parser.js';

/** Vertex count of the hm08 base mesh every CC0 asset is made for. */
export const HM08_VERTEX_COUNT = 19158;

export interface MakeHumanDataOptions {
  logger?: Logger;
  /** 'auto' (default): `targetsNpz` or `<system root>/targets.npz` if present, else text. */
  targets?: 'auto' | 'text' | 'npz';
  /** Explicit release `targets.npz` path. */
  targetsNpz?: string;
  files?: FileStore;
}

/** `/`-separated path of `file` inside `root`. */
function relativeInside(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export class MakeHumanData implements MakeHumanAssets {
  readonly roots: DataRoots;
  readonly logger: Logger;
  private readonly options: MakeHumanDataOptions;
  private readonly files: FileStore;
  private readonly memory: AssetMemo;

  constructor(roots: DataRoots, options: MakeHumanDataOptions = {}) {
    this.roots = roots;
    this.logger = options.logger ?? silentLogger;
    this.options = options;
    this.files = options.files ?? nodeFileStore;
    this.memory = new AssetMemo(this.logger);
  }

  warnOnce(message: string): void {
    this.memory.warnOnce(message);
  }

  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.memory.memo(key, make);
  }

  relativeToRoot(file: string): string | undefined {
    for (const root of rootsInOrder(this.roots)) {
      const relative = path.relative(root, file);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
    }
    return undefined;
  }

  findFile(relativePath: string): Promise<string | undefined> {
    return findInRoots(this.roots, relativePath, this.files);
  }

  /** Absolute path of a data-root-relative file, or E_ASSET_MISSING. */
  private async require(relativePath: string): Promise<string> {
    const found = await this.findFile(relativePath);
    if (!found) throw missingAsset(relativePath, rootsInOrder(this.roots));
    return found;
  }

  private readText(file: string): Promise<string> {
    return this.files.readText(file, 'E_ASSET_MISSING');
  }

  private async isFile(file: string): Promise<boolean> {
    return (await this.files.exists(file)) && !(await this.files.isDirectory(file));
  }

  /** Files under `dir` (recursively, sorted) whose name passes `accept`; none when it does not exist. */
  private async walk(dir: string, accept: (name: string) => boolean, out: string[] = []): Promise<string[]> {
    if (!(await this.files.isDirectory(dir))) return out;
    for (const entry of await this.files.list(dir)) {
      const full = path.join(dir, entry.name);
      if (entry.kind === 'dir') await this.walk(full, accept, out);
      else if (accept(entry.name)) out.push(full);
    }
    return out;
  }

  /** The hm08 base mesh (`3dobjs/base.obj`), checked for its vertex count. */
  baseMesh(): Promise<ObjMesh> {
    return this.memo('base', async () => {
      const file = await this.require('3dobjs/base.obj');
      const mesh = parseObj(await this.readText(file), file);
      const count = mesh.positions.length / 3;
      if (count !== HM08_VERTEX_COUNT) throw invalidAsset(file, `expected the hm08 base mesh with ${HM08_VERTEX_COUNT} vertices, found ${count}`);
      if (!mesh.groupNames.includes('body')) throw invalidAsset(file, 'the base mesh has no "body" group');
      return mesh;
    });
  }

  meshJoints(): Promise<Map<string, Uint32Array>> {
    return this.memo('meshJoints', async () => jointGroups(await this.baseMesh()));
  }

  private npzPath(): Promise<string | undefined> {
    return this.memo('npzPath', async () => {
      if (this.options.targets === 'text') return undefined;
      if (this.options.targetsNpz) return this.options.targetsNpz;
      for (const root of this.roots.system) {
        const candidate = path.join(root, 'targets.npz');
        if (await this.files.exists(candidate)) return candidate;
      }
      if (this.options.targets === 'npz') throw missingAsset('targets.npz', this.roots.system);
      return undefined;
    });
  }

  private npzTargets(): Promise<Map<string, MorphTarget> | undefined> {
    return this.memo('npz', async () => {
      const file = await this.npzPath();
      if (!file) return undefined;
      if (!(await this.files.exists(file))) throw missingAsset(file, [path.dirname(file)]);
      return parseTargetsNpz(await this.files.read(file, 'E_ASSET_MISSING'), file, HM08_VERTEX_COUNT);
    });
  }

  targetCatalog(): Promise<TargetComponent[]> {
    return this.memo('catalog', async () => {
      const npz = await this.npzTargets();
      const paths = new Set<string>();
      if (npz) {
        for (const key of npz.keys()) paths.add(key);
      } else {
        for (const root of rootsInOrder(this.roots)) {
          const files = await this.walk(path.join(root, 'targets'), (name) => name.endsWith('.target'));
          for (const file of files) paths.add(relativeInside(root, file));
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

  target(relativePath: string): Promise<MorphTarget> {
    return this.memo(`target:${relativePath}`, async () => {
      const npz = await this.npzTargets();
      if (npz) {
        const target = npz.get(relativePath);
        if (!target) throw missingAsset(`${relativePath} (in targets.npz)`, [(await this.npzPath()) ?? '']);
        return target;
      }
      const file = await this.require(relativePath);
      return parseTargetText(await this.readText(file), file, HM08_VERTEX_COUNT);
    });
  }

  skeleton(name: string): Promise<SkeletonDefinition> {
    const file = name.endsWith('.mhskel') ? name : `${name}.mhskel`;
    return this.memo(`skel:${file}`, async () => {
      const found = await this.require(file.includes('/') ? file : `rigs/${file}`);
      return parseSkeleton(await this.readText(found), found, HM08_VERTEX_COUNT);
    });
  }

  referenceSkeleton(): Promise<SkeletonDefinition> {
    return this.skeleton('default');
  }

  /**
   * Normalised body weights for a rig: its own `.mhw` if it names one, else the reference
   * rig's weights remapped through its reference bones (skeleton-weights.ts).
   */
  bodyWeights(name: string): Promise<BoneWeights> {
    return this.memo(`weights:${name}`, async () => {
      const definition = await this.skeleton(name);
      const root = breadthFirst(definition)[0]?.name ?? 'root';
      if (definition.weightsFile) {
        const file = path.join(path.dirname(definition.file), definition.weightsFile);
        if (!(await this.isFile(file))) throw missingAsset(`${definition.weightsFile} (weights of ${definition.file})`, [path.dirname(definition.file)]);
        const raw = parseWeights(await this.readText(file), file, HM08_VERTEX_COUNT);
        return normalizeBoneWeights(raw, HM08_VERTEX_COUNT, root);
      }
      const reference = await this.referenceSkeleton();
      if (reference === definition) throw invalidAsset(definition.file, 'the reference rig has no weights_file');
      const referenceWeights = await this.bodyWeights('default');
      return remapBoneWeights(referenceWeights, definition, weightReferences(definition, reference), HM08_VERTEX_COUNT, this.logger);
    });
  }

  /** Every proxy of every kind in the roots (user roots shadow system ones). */
  private proxyIndex(): Promise<ProxyEntry[]> {
    return this.memo('proxyIndex', async () => {
      const entries: ProxyEntry[] = [];
      const seen = new Set<string>();
      for (const root of rootsInOrder(this.roots)) {
        for (const kind of PROXY_KINDS) {
          const files = await this.walk(path.join(root, kind), (name) => name.toLowerCase().endsWith('.mhclo'));
          for (const file of files) {
            const relative = relativeInside(root, file);
            if (seen.has(relative)) continue;
            seen.add(relative);
            const { uuid, name } = peekProxy(await this.readText(file));
            entries.push({ kind, assetName: relative.split('/')[1] ?? '', name, uuid, file });
          }
        }
      }
      return entries;
    });
  }

  async listProxies(kind: ProxyKind): Promise<ProxyEntry[]> {
    return (await this.proxyIndex()).filter((e) => e.kind === kind);
  }

  async findProxy(reference: string, kind?: ProxyKind, where?: string): Promise<ProxyEntry> {
    return matchProxy(await this.proxyIndex(), reference, kind, where);
  }

  /** Loads a proxy (definition, mesh, material, own weights), checking their consistency. */
  async proxy(reference: string, kind?: ProxyKind, where?: string): Promise<LoadedProxy> {
    const entry = await this.findProxy(reference, kind, where);
    return this.memo(`proxy:${entry.file}`, async () => {
      const definition = parseProxy(await this.readText(entry.file), entry.file, HM08_VERTEX_COUNT);
      for (const warning of definition.warnings) this.warnOnce(`characters: ${warning}`);
      if (definition.hasShear) this.warnOnce(`characters: ${entry.file}: shear transforms are not supported; offsets are scaled by 1`);
      const folder = path.dirname(entry.file);
      const objFile = path.join(folder, definition.objFile.trim());
      if (!(await this.isFile(objFile))) throw missingAsset(`${definition.objFile} (obj_file of ${entry.file})`, [folder]);
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
        if (await this.isFile(file)) ownWeights = parseWeights(await this.readText(file), file, expected);
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
    });
  }

  async resolveRelative(name: string, ownerFile: string): Promise<string | undefined> {
    const cleaned = name.trim().replace(/\\/g, '/');
    if (path.isAbsolute(cleaned)) return cleaned;
    if (cleaned.startsWith('data/')) return this.findFile(cleaned.slice('data/'.length));
    const local = path.join(path.dirname(ownerFile), cleaned);
    return (await findInRoots({ user: [path.dirname(local)], system: [], missing: [] }, path.basename(local), this.files)) ?? this.findFile(cleaned);
  }

  async materialOptional(file: string, owner: string): Promise<LoadedMaterial | undefined> {
    if (!(await this.isFile(file))) {
      this.warnOnce(`characters: ${owner}: material ${file} missing; using a plain grey`);
      return undefined;
    }
    return this.material(file);
  }

  /** Loads and caches a `.mhmat`, resolving its diffuse texture. */
  private material(file: string): Promise<LoadedMaterial> {
    return this.memo(`material:${file}`, async () => {
      const definition = parseMaterial(await this.readText(file), file);
      let diffuseTexture: string | undefined;
      if (definition.diffuseTexture) {
        diffuseTexture = await this.resolveRelative(definition.diffuseTexture, file);
        if (!diffuseTexture || !(await this.isFile(diffuseTexture))) {
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
    for (const candidate of skinCandidates(name)) {
      const found = await this.findFile(candidate);
      if (found) return this.material(found);
    }
    this.warnOnce(`characters: skin ${name} not found; using skins/default.mhmat`);
    return this.material(await this.require('skins/default.mhmat'));
  }

  /** Skin tones per race from the litsphere images (skin-tones.ts), built-in ones where they are missing. */
  skinTones(): Promise<SkinTones> {
    return this.memo('skinTones', async () => {
      const tones = { ...FALLBACK_SKIN_TONES };
      for (const race of SKIN_RACES) {
        const file = await this.findFile(`litspheres/skinmat_${race}.png`);
        if (!file) {
          this.warnOnce(`characters: litspheres/skinmat_${race}.png missing; using a built-in ${race} skin tone`);
          continue;
        }
        tones[race] = litSkinTone(await decodeImage(await this.files.read(file, 'E_ASSET_MISSING'), file)) ?? tones[race];
      }
      return tones;
    });
  }

  bytes(file: string, cache = true): Promise<Uint8Array> {
    const read = (): Promise<Uint8Array> => this.files.read(file, 'E_ASSET_MISSING');
    return cache ? this.memo(`bytes:${file}`, read) : read();
  }

  /**
   * A content hash over every file of the data roots (and the release targets file), for the
   * input keys of characters: any asset that changes redoes them. Computed once per object.
   */
  fingerprint(): Promise<string> {
    return this.memo('fingerprint', async () => {
      const hash = createHash('sha256');
      for (const root of rootsInOrder(this.roots)) {
        for (const file of await this.walk(root, () => true)) {
          hash.update(`${path.relative(root, file)}\0`).update(await this.files.read(file)).update('\0');
        }
      }
      const npz = await this.npzPath();
      if (npz) hash.update(await this.files.read(npz, 'E_ASSET_MISSING'));
      hash.update(`targets:${this.options.targets ?? 'auto'}`);
      return hash.digest('hex');
    });
  }
}
