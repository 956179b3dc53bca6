/**
 * The MakeHuman assets as the stages use them: what character assembly, weights, the glTF and
 * card writers, height solving, random characters and garment derivation read. The file-backed
 * implementation is makehuman-data.ts (data roots through a FileStore, hm08 checks, caching);
 * tests use a tiny in-memory body (test/helpers/synthetic-makehuman.ts). Stages depend on this
 * interface only, never on the class.
 *
 * Files are named by absolute paths (as the file-backed loader finds them); a data-root-relative
 * path is `/`-separated (`skins/default.mhmat`).
 */
import type { Logger } from '../shared/logger.js';
import type { TargetComponent } from './macro-modifiers.js';
import type { RgbUnit } from '../imaging/colour.js';
import type { MaterialDefinition } from './material-parser.js';
import type { ObjMesh } from './obj-parser.js';
import type { ProxyDefinition } from './proxy-parser.js';
import type { RawBoneWeights, SkeletonDefinition } from './rig-parser.js';
import type { BoneWeights } from './skeleton-weights.js';
import type { MorphTarget } from './target-parser.js';

export const PROXY_KINDS = ['clothes', 'hair', 'eyes', 'eyebrows', 'eyelashes', 'teeth', 'tongue'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

export interface LoadedMaterial {
  definition: MaterialDefinition;
  /** Absolute path of the diffuse texture, when it has one that exists. */
  diffuseTexture?: string;
}

/** A proxy as listed (before its files are loaded). */
export interface ProxyEntry {
  kind: ProxyKind;
  /** The folder name under `<kind>/` (for clothes: the asset name templates use). */
  assetName: string;
  /** The `.mhclo`'s `name` field. */
  name: string;
  uuid: string;
  /** Absolute path of the `.mhclo`. */
  file: string;
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

/** Linear-RGB skin tones per race, for skins that blend by race. */
export type SkinTones = Record<'african' | 'asian' | 'caucasian', RgbUnit>;

export interface MakeHumanAssets {
  readonly logger: Logger;
  /** Logs a warning once per distinct message (batches repeat the same fallbacks). */
  warnOnce(message: string): void;
  /** Memoises `make` under `key` for the life of the assets object (failures are not kept). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;

  /** The base mesh; it has a `body` group, the only one characters show. */
  baseMesh(): Promise<ObjMesh>;
  /** Vertices of the base mesh's `joint-<name>` groups, keyed by `<name>`. */
  meshJoints(): Promise<Map<string, Uint32Array>>;
  /** Every target offered, classified by MakeHuman's naming rules. */
  targetCatalog(): Promise<TargetComponent[]>;
  /** One morph target by its data-root-relative path (`targets/macrodetails/x.target`). */
  target(relativePath: string): Promise<MorphTarget>;

  /** A rig by name (`default`, `cmu_mb`) or `.mhskel` file name. */
  skeleton(name: string): Promise<SkeletonDefinition>;
  /** The reference rig every other rig maps to (MakeHuman's default skeleton). */
  referenceSkeleton(): Promise<SkeletonDefinition>;
  /** Normalised body weights for a rig (its own, or the reference rig's remapped). */
  bodyWeights(name: string): Promise<BoneWeights>;

  listProxies(kind: ProxyKind): Promise<ProxyEntry[]>;
  /** A proxy by UUID, folder name, `.mhclo` base name or `name` field; E_UNKNOWN_ASSET if none. */
  findProxy(reference: string, kind?: ProxyKind, where?: string): Promise<ProxyEntry>;
  /** Loads a proxy (definition, mesh, material, own weights). */
  proxy(reference: string, kind?: ProxyKind, where?: string): Promise<LoadedProxy>;

  /** Loads a material file; a missing file or texture falls back (undefined / no texture) with a warning. */
  materialOptional(file: string, owner: string): Promise<LoadedMaterial | undefined>;
  /** A skin material by name; unknown names fall back to the default skin with a warning. */
  skin(name: string): Promise<LoadedMaterial>;
  skinTones(): Promise<SkinTones>;

  /** Absolute path of a data-root-relative file, or undefined when no root has it. */
  findFile(relativePath: string): Promise<string | undefined>;
  /** Resolves a texture or file named inside `ownerFile` (a .mhmat or .mhclo). */
  resolveRelative(name: string, ownerFile: string): Promise<string | undefined>;
  /** `file` relative to the data root holding it (`/`-separated), or undefined. */
  relativeToRoot(file: string): string | undefined;
  /** File bytes (textures); cached unless `cache` is false. */
  bytes(file: string, cache?: boolean): Promise<Uint8Array>;
  /** A content hash over all the assets, for input keys: any asset that changes redoes characters. */
  fingerprint(): Promise<string>;
}
