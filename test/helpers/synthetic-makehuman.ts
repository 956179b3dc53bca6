/**
 * A synthetic MakeHuman "mini-body" in memory, small enough to check every number by hand, so
 * character assembly, the glTF writer and the characters batch are tested on every machine.
 *
 * Base mesh (decimetres, facing +z): a 2 x 16 dm strip of two quads in the `body` group,
 * vertices 0 (-1, 0) 1 (1, 0) | 2 (-1, 8) 3 (1, 8) | 4 (-1, 16) 5 (1, 16), all at z = 0; a
 * `helper-below` quad 6-9 at y -5..-4 (never output); a `joint-neck` triangle 10-12 whose centre
 * (0, 16, 0) is the `neck` joint.
 *
 * Macro targets: `macrodetails/height/maxheight` moves vertices 4, 5 and 10-12 up 4 dm (weight
 * max(0, 2 height - 1)), `minheight` down 4 dm (weight max(0, 1 - 2 height)), so the body
 * measures 120 + 80 height cm; `macrodetails/universal-male` moves 4 and 5 outwards 1 dm
 * (weight = gender).
 *
 * Rigs: `default` (the reference), bones breadth-first root (hip -> neck), upperleg.L (3 -> 1),
 * upperleg.R (2 -> 0), shoulder.L (neck -> 5), shoulder.R (neck -> 4), all with the plane
 * (rfoot 0, rhip 2, lhip 3) whose normal is +z, and its weights file: vertex 2 has five
 * influences (root 0.4, upperleg.R 0.3, upperleg.L 0.15, shoulder.R 0.1, shoulder.L 0.05), vertex
 * 4 raw weights root 1 and shoulder.R 3 (normalised 0.25 / 0.75); `cmu_mb`: Hips, LeftUpLeg,
 * RightUpLeg referencing root and the upper legs (no planes, no weights: both borrowed).
 *
 * Proxies: clothes `shirt01` over the upper quad, 0.5 dm in front of it: proxy vertices exactly on
 * body vertices 2, 3 and 4 (plus the offset) and one at 0.75 v5 + 0.25 v3 + (0.5, 0.4, 0.5)
 * scaled by x_scale |x2 - x3| / 2 and y_scale |y2 - y4| / 8; it deletes body vertices 2-5 and has
 * a material with a 4 x 4 PNG texture. Skin `default` blends by race (no texture).
 *
 * The same files (as MakeHuman writes them) are in {@link syntheticMakeHumanFiles}, so the
 * file-backed loader can be tested on them too; it refuses the base mesh (not hm08).
 */
import path from 'node:path';
import { encodePng } from '../../orchestrator/src/imaging/image-io.js';
import { missingAsset } from '../../orchestrator/src/makehuman/asset-errors.js';
import { matchProxy, skinCandidates } from '../../orchestrator/src/makehuman/asset-lookup.js';
import { AssetMemo } from '../../orchestrator/src/makehuman/asset-memo.js';
import { classifyTarget } from '../../orchestrator/src/makehuman/macro-modifiers.js';
import type { TargetComponent } from '../../orchestrator/src/makehuman/macro-modifiers.js';
import type { LoadedMaterial, LoadedProxy, MakeHumanAssets, ProxyEntry, ProxyKind, SkinTones } from '../../orchestrator/src/makehuman/makehuman-assets.js';
import { parseMaterial } from '../../orchestrator/src/makehuman/material-parser.js';
import { jointGroups, parseObj } from '../../orchestrator/src/makehuman/obj-parser.js';
import type { ObjMesh } from '../../orchestrator/src/makehuman/obj-parser.js';
import { parseProxy } from '../../orchestrator/src/makehuman/proxy-parser.js';
import { parseSkeleton, parseWeights } from '../../orchestrator/src/makehuman/rig-parser.js';
import type { SkeletonDefinition } from '../../orchestrator/src/makehuman/rig-parser.js';
import { normalizeBoneWeights, remapBoneWeights, weightReferences } from '../../orchestrator/src/makehuman/skeleton-weights.js';
import type { BoneWeights } from '../../orchestrator/src/makehuman/skeleton-weights.js';
import { FALLBACK_SKIN_TONES } from '../../orchestrator/src/makehuman/skin-tones.js';
import { parseTargetText } from '../../orchestrator/src/makehuman/target-parser.js';
import type { MorphTarget } from '../../orchestrator/src/makehuman/target-parser.js';
import { contentHash } from '../../orchestrator/src/shared/input-key.js';
import { silentLogger } from '../../orchestrator/src/shared/logger.js';
import type { Logger } from '../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../orchestrator/src/shared/memory-file-store.js';

/** The data root the synthetic files live under. */
export const SYNTHETIC_ROOT = '/mh';

export const SYNTHETIC_VERTEX_COUNT = 13;

export const SYNTHETIC_SHIRT_UUID = '5f1c0000-0000-4000-8000-000000000001';

const BASE_OBJ = `# synthetic mini body (decimetres): a 2 x 16 dm strip facing +z, feet at y = 0
v -1 0 0
v 1 0 0
v -1 8 0
v 1 8 0
v -1 16 0
v 1 16 0
v -1 -5 -1
v 1 -5 -1
v 1 -4 -1
v -1 -4 -1
v -0.25 15.75 0
v 0.25 15.75 0
v 0 16.5 0
vt 0 0
vt 1 0
vt 0 0.5
vt 1 0.5
vt 0 1
vt 1 1
g body
f 1/1 2/2 4/4 3/3
f 3/3 4/4 6/6 5/5
g helper-below
f 7 8 9 10
g joint-neck
f 11 12 13
`;

const DEFAULT_RIG = {
  name: 'default',
  version: 110,
  weights_file: 'default_weights.mhw',
  joints: { rfoot: [0], lfoot: [1], rhip: [2], lhip: [3], hip: [2, 3], rtop: [4], ltop: [5] },
  planes: { front: ['rfoot', 'rhip', 'lhip'] },
  bones: {
    root: { head: 'hip', tail: 'neck', parent: null, rotation_plane: 'front' },
    'upperleg.L': { head: 'lhip', tail: 'lfoot', parent: 'root', rotation_plane: 'front' },
    'upperleg.R': { head: 'rhip', tail: 'rfoot', parent: 'root', rotation_plane: 'front' },
    'shoulder.L': { head: 'neck', tail: 'ltop', parent: 'root', rotation_plane: 'front' },
    'shoulder.R': { head: 'neck', tail: 'rtop', parent: 'root', rotation_plane: 'front' },
  },
};

const DEFAULT_WEIGHTS = {
  weights: {
    root: [
      [2, 0.4],
      [3, 0.5],
      [4, 1],
    ],
    'upperleg.R': [
      [0, 1],
      [2, 0.3],
    ],
    'upperleg.L': [
      [1, 1],
      [2, 0.15],
      [3, 0.5],
    ],
    'shoulder.R': [
      [2, 0.1],
      [4, 3],
    ],
    'shoulder.L': [
      [2, 0.05],
      [5, 1],
    ],
  },
};

const CMU_MB_RIG = {
  name: 'cmu_mb',
  version: 110,
  joints: { rfoot: [0], lfoot: [1], rhip: [2], lhip: [3], hip: [2, 3] },
  bones: {
    Hips: { head: 'hip', tail: 'neck', parent: null, reference: ['root'] },
    LeftUpLeg: { head: 'lhip', tail: 'lfoot', parent: 'Hips', reference: ['upperleg.L'] },
    RightUpLeg: { head: 'rhip', tail: 'rfoot', parent: 'Hips', reference: ['upperleg.R'] },
  },
};

const SHIRT_MHCLO = `# a shirt over the upper body, 0.5 dm in front of it
name Shirt 01
uuid ${SYNTHETIC_SHIRT_UUID}
tag shirt
obj_file shirt01.obj
material shirt01.mhmat
x_scale 2 3 2.0
y_scale 2 4 8.0
z_depth 50
verts 0
2 3 4 1 0 0 0 0 0.5
3 2 5 1 0 0 0 0 0.5
5 3 4 0.75 0.25 0 0.5 0.4 0.5
4 2 5 1 0 0 0 0 0.5
delete_verts
2 - 5
`;

const SHIRT_OBJ = `v 0 0 0
v 0 0 0
v 0 0 0
v 0 0 0
vt 0 0
vt 1 0
vt 1 1
vt 0 1
f 1/1 2/2 3/3 4/4
`;

/** The text files of the mini-body, by data-root-relative path. */
export const SYNTHETIC_TEXT_FILES: Readonly<Record<string, string>> = {
  '3dobjs/base.obj': BASE_OBJ,
  'targets/macrodetails/height/maxheight.target': '4 0 4 0\n5 0 4 0\n10 0 4 0\n11 0 4 0\n12 0 4 0\n',
  'targets/macrodetails/height/minheight.target': '4 0 -4 0\n5 0 -4 0\n10 0 -4 0\n11 0 -4 0\n12 0 -4 0\n',
  'targets/macrodetails/universal-male.target': '4 -1 0 0\n5 1 0 0\n',
  'rigs/default.mhskel': JSON.stringify(DEFAULT_RIG, null, 1),
  'rigs/default_weights.mhw': JSON.stringify(DEFAULT_WEIGHTS, null, 1),
  'rigs/cmu_mb.mhskel': JSON.stringify(CMU_MB_RIG, null, 1),
  'clothes/shirt01/shirt01.mhclo': SHIRT_MHCLO,
  'clothes/shirt01/shirt01.obj': SHIRT_OBJ,
  'clothes/shirt01/shirt01.mhmat': 'name shirt01\ndiffuseColor 0.8 0.8 0.8\ndiffuseTexture shirt01.png\n',
  'skins/default.mhmat': 'name default\ndiffuseColor 1 1 1\nautoBlendSkin True\n',
};

/** The shirt texture: 4 x 4 RGB, red left half, blue right half. */
export async function shirtTexturePng(): Promise<Uint8Array> {
  const data = new Uint8Array(4 * 4 * 3);
  for (let i = 0; i < 16; i++) data.set((i % 4) < 2 ? [200, 30, 30] : [30, 30, 200], i * 3);
  return new Uint8Array(await encodePng({ width: 4, height: 4, channels: 3, data }));
}

/** Every file of the mini-body (texts and the PNG) by absolute path under `root`. */
export async function syntheticMakeHumanFiles(root = SYNTHETIC_ROOT): Promise<Record<string, string | Uint8Array>> {
  const files: Record<string, string | Uint8Array> = {};
  for (const [relative, text] of Object.entries(SYNTHETIC_TEXT_FILES)) files[path.posix.join(root, relative)] = text;
  files[path.posix.join(root, 'clothes/shirt01/shirt01.png')] = await shirtTexturePng();
  return files;
}

export interface SyntheticMakeHumanOptions {
  /** The store the assets' files are added to (tests put clone outputs there too); default a new one. */
  files?: MemoryFileStore;
  logger?: Logger;
  skinTones?: SkinTones;
}

/**
 * The mini-body as {@link MakeHumanAssets}: parsed once from the texts above, held in memory;
 * textures are read from `files`, where tests may replace them.
 */
export class SyntheticMakeHuman implements MakeHumanAssets {
  readonly logger: Logger;
  readonly files: MemoryFileStore;
  private readonly memory: AssetMemo;
  private readonly mesh: ObjMesh;
  private readonly targets = new Map<string, MorphTarget>();
  private readonly skeletons = new Map<string, SkeletonDefinition>();
  private readonly proxies: LoadedProxy[];
  private readonly tones: SkinTones;

  constructor(options: SyntheticMakeHumanOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.files = options.files ?? createMemoryFileStore();
    this.memory = new AssetMemo(this.logger);
    this.tones = options.skinTones ?? FALLBACK_SKIN_TONES;
    const at = (relative: string): string => path.posix.join(SYNTHETIC_ROOT, relative);
    this.mesh = parseObj(BASE_OBJ, at('3dobjs/base.obj'));
    for (const [relative, text] of Object.entries(SYNTHETIC_TEXT_FILES)) {
      if (relative.endsWith('.target')) this.targets.set(relative, parseTargetText(text, at(relative), SYNTHETIC_VERTEX_COUNT));
      if (relative.endsWith('.mhskel')) this.skeletons.set(path.posix.basename(relative, '.mhskel'), parseSkeleton(text, at(relative), SYNTHETIC_VERTEX_COUNT));
    }
    const shirtFile = at('clothes/shirt01/shirt01.mhclo');
    this.proxies = [
      {
        kind: 'clothes',
        assetName: 'shirt01',
        file: shirtFile,
        definition: parseProxy(SHIRT_MHCLO, shirtFile, SYNTHETIC_VERTEX_COUNT),
        mesh: parseObj(SHIRT_OBJ, at('clothes/shirt01/shirt01.obj')),
      },
    ];
  }

  /** Creates the mini-body and writes its files (texts and texture) into its store. */
  static async create(options: SyntheticMakeHumanOptions = {}): Promise<SyntheticMakeHuman> {
    const assets = new SyntheticMakeHuman(options);
    for (const [file, data] of Object.entries(await syntheticMakeHumanFiles())) await assets.files.writeAtomic(file, data);
    assets.files.resetWrites();
    return assets;
  }

  warnOnce(message: string): void {
    this.memory.warnOnce(message);
  }

  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.memory.memo(key, make);
  }

  baseMesh(): Promise<ObjMesh> {
    return Promise.resolve(this.mesh);
  }

  meshJoints(): Promise<Map<string, Uint32Array>> {
    return Promise.resolve(jointGroups(this.mesh));
  }

  targetCatalog(): Promise<TargetComponent[]> {
    return Promise.resolve([...this.targets.keys()].sort().map(classifyTarget));
  }

  target(relativePath: string): Promise<MorphTarget> {
    const target = this.targets.get(relativePath);
    return target ? Promise.resolve(target) : Promise.reject(missingAsset(relativePath, [SYNTHETIC_ROOT]));
  }

  skeleton(name: string): Promise<SkeletonDefinition> {
    const skeleton = this.skeletons.get(name.replace(/\.mhskel$/, ''));
    return skeleton ? Promise.resolve(skeleton) : Promise.reject(missingAsset(`rigs/${name}.mhskel`, [SYNTHETIC_ROOT]));
  }

  referenceSkeleton(): Promise<SkeletonDefinition> {
    return this.skeleton('default');
  }

  /** `default`: its weights file normalised; other rigs: the default weights remapped to their bones. */
  bodyWeights(name: string): Promise<BoneWeights> {
    return this.memo(`weights:${name}`, async () => {
      const definition = await this.skeleton(name);
      if (name === 'default') {
        const raw = parseWeights(SYNTHETIC_TEXT_FILES['rigs/default_weights.mhw'], 'default_weights.mhw', SYNTHETIC_VERTEX_COUNT);
        return normalizeBoneWeights(raw, SYNTHETIC_VERTEX_COUNT, 'root');
      }
      const reference = await this.referenceSkeleton();
      return remapBoneWeights(await this.bodyWeights('default'), definition, weightReferences(definition, reference), SYNTHETIC_VERTEX_COUNT, this.logger);
    });
  }

  private entries(): ProxyEntry[] {
    return this.proxies.map((p) => ({ kind: p.kind, assetName: p.assetName, name: p.definition.name, uuid: p.definition.uuid, file: p.file }));
  }

  listProxies(kind: ProxyKind): Promise<ProxyEntry[]> {
    return Promise.resolve(this.entries().filter((e) => e.kind === kind));
  }

  async findProxy(reference: string, kind?: ProxyKind, where?: string): Promise<ProxyEntry> {
    return Promise.resolve(matchProxy(this.entries(), reference, kind, where));
  }

  async proxy(reference: string, kind?: ProxyKind, where?: string): Promise<LoadedProxy> {
    const entry = await this.findProxy(reference, kind, where);
    const proxy = this.proxies.find((p) => p.file === entry.file) as LoadedProxy;
    const material = await this.materialOptional(path.posix.join(path.posix.dirname(proxy.file), proxy.definition.material ?? ''), proxy.file);
    return { ...proxy, ...(material ? { material } : {}) };
  }

  async materialOptional(file: string, owner: string): Promise<LoadedMaterial | undefined> {
    if (!file.endsWith('.mhmat') || !(await this.files.exists(file))) {
      this.warnOnce(`characters: ${owner}: material ${file} missing; using a plain grey`);
      return undefined;
    }
    const definition = parseMaterial(await this.files.readText(file), file);
    const texture = definition.diffuseTexture ? path.posix.join(path.posix.dirname(file), definition.diffuseTexture) : undefined;
    if (texture && !(await this.files.exists(texture))) this.warnOnce(`characters: ${file}: texture ${definition.diffuseTexture} missing; using the diffuse colour`);
    return { definition, ...(texture && (await this.files.exists(texture)) ? { diffuseTexture: texture } : {}) };
  }

  async skin(name: string): Promise<LoadedMaterial> {
    for (const candidate of skinCandidates(name)) {
      const file = await this.findFile(candidate);
      if (file) return (await this.materialOptional(file, 'skin')) as LoadedMaterial;
    }
    this.warnOnce(`characters: skin ${name} not found; using skins/default.mhmat`);
    return (await this.materialOptional(path.posix.join(SYNTHETIC_ROOT, 'skins/default.mhmat'), 'skin')) as LoadedMaterial;
  }

  skinTones(): Promise<SkinTones> {
    return Promise.resolve(this.tones);
  }

  async findFile(relativePath: string): Promise<string | undefined> {
    const file = path.posix.join(SYNTHETIC_ROOT, relativePath);
    return (await this.files.exists(file)) ? file : undefined;
  }

  async resolveRelative(name: string, ownerFile: string): Promise<string | undefined> {
    if (path.posix.isAbsolute(name)) return name;
    if (name.startsWith('data/')) return this.findFile(name.slice('data/'.length));
    const local = path.posix.join(path.posix.dirname(ownerFile), name);
    return (await this.files.exists(local)) ? local : this.findFile(name);
  }

  relativeToRoot(file: string): string | undefined {
    const relative = path.posix.relative(SYNTHETIC_ROOT, file);
    return relative.startsWith('..') || path.posix.isAbsolute(relative) ? undefined : relative;
  }

  bytes(file: string): Promise<Uint8Array> {
    return this.files.read(file, 'E_ASSET_MISSING');
  }

  /** A hash over the files under the data root (as the file-backed loader's). */
  async fingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const [file, data] of [...this.files.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (file.startsWith(`${SYNTHETIC_ROOT}/`)) parts.push(`${file}:${contentHash(data)}`);
    }
    return Promise.resolve(contentHash(parts.join('\n')));
  }
}
