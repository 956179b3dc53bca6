/**
 * Character assembly: from a {@link CharacterSpec} (body sliders, rig, skin, proxies, clothes
 * with optional cloned textures) to an {@link AssembledCharacter} — morphed body, fitted
 * proxies with hidden faces removed, rest skeleton and per-vertex bone influences — ready for
 * the glTF writer. Geometry stays in MakeHuman units (decimetres, y up, facing +z).
 *
 * Steps: apply the macro targets to the base mesh (makehuman/body-morph.ts); fit every proxy
 * (proxy-fit.ts); hide body and garment faces under clothes when `hideFacesUnderClothes`;
 * build the rig on the morphed body (skeleton.ts); take the rig's body weights and carry them
 * to proxies without their own (skeleton-weights.ts); keep the 4 largest influences.
 * Only the base mesh's `body` group is output (helpers and joint cubes never are).
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { CharacterSpec, ClothesItem } from './character-spec.js';
import { bodyHeightCm, morphBody } from '../makehuman/body-morph.js';
import type { LoadedMaterial, LoadedProxy, MakeHumanAssets, ProxyKind } from '../makehuman/makehuman-assets.js';
import type { RgbUnit } from '../imaging/colour.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { clothesMasks, faceMaskFromVertices, fitProxy } from '../makehuman/proxy-fit.js';
import { compileWeights, normalizeBoneWeights, remapBoneWeights, transferWeightsToProxy, weightReferences } from '../makehuman/skeleton-weights.js';
import type { CompiledWeights } from '../makehuman/skeleton-weights.js';
import { buildSkeleton } from '../makehuman/skeleton.js';
import type { Skeleton } from '../makehuman/skeleton.js';

export interface PartMaterial {
  name: string;
  /** Linear RGB multiplier. */
  baseColor: RgbUnit;
  /** Absolute path of the base colour texture (PNG or JPEG). */
  texture?: string;
  /** True when the texture is per character (cloned clothes) and should not be cached. */
  textureIsUnique?: boolean;
  alphaMode: 'OPAQUE' | 'MASK';
  doubleSided: boolean;
}

export interface MeshPart {
  /** `body`, or the proxy's asset name. */
  name: string;
  kind: 'body' | ProxyKind;
  mesh: ObjMesh;
  /** Fitted positions, xyz per mesh vertex, decimetres. */
  positions: Float32Array;
  /** 1 = face output, per mesh face. */
  faceVisible: Uint8Array;
  influences: CompiledWeights;
  material: PartMaterial;
  /** For clothes: the `.mhclo` uuid; for others too when known. */
  uuid?: string;
}

export interface AssembledCharacter {
  spec: CharacterSpec;
  /** Morphed base mesh positions (all vertices, helpers included), decimetres. */
  body: Float32Array;
  parts: MeshPart[];
  skeleton: Skeleton;
  /** Loaded proxies, for the .mhm writer and the card. */
  proxies: LoadedProxy[];
  /** MakeHuman's height (body group bounding box), centimetres. */
  heightCm: number;
  warnings: string[];
}

const GREY: PartMaterial = { name: 'grey', baseColor: [0.5, 0.5, 0.5], alphaMode: 'OPAQUE', doubleSided: false };

/** Compiled (top-4) body influences of a rig, cached per rig. */
function bodyInfluences(data: MakeHumanAssets, skeletonName: string, skeleton: Skeleton): Promise<CompiledWeights> {
  return data.memo(`influences:body:${skeletonName}`, async () => {
    const weights = await data.bodyWeights(skeletonName);
    return compileWeights(weights, skeleton.index, (await data.baseMesh()).positions.length / 3, 4, data.logger);
  });
}

/** Compiled influences of a proxy for a rig (independent of the body shape), cached. */
function proxyInfluences(data: MakeHumanAssets, proxy: LoadedProxy, skeletonName: string, skeleton: Skeleton): Promise<CompiledWeights> {
  return data.memo(`influences:${proxy.file}:${skeletonName}`, async () => {
    const count = proxy.definition.weights.length / 3;
    const root = skeleton.bones[0].name;
    const definition = await data.skeleton(skeletonName);
    if (proxy.ownWeights) {
      const reference = await data.referenceSkeleton();
      const referenceBones = new Set(reference.bones.map((b) => b.name));
      const known = [...proxy.ownWeights.keys()].filter((b) => referenceBones.has(b));
      if (known.length > 0) {
        const normalized = normalizeBoneWeights(proxy.ownWeights, count, reference.bones[0].name);
        const remapped = remapBoneWeights(normalized, definition, weightReferences(definition, reference), count, data.logger);
        return compileWeights(remapped, skeleton.index, count, 4, data.logger);
      }
      data.warnOnce(`characters: ${proxy.file}: its own weights name no bone of the reference rig; weights come from the body`);
    }
    const bodyWeights = await data.bodyWeights(skeletonName);
    const base = await data.baseMesh();
    const transferred = transferWeightsToProxy(bodyWeights, proxy.definition, base.positions.length / 3, root);
    return compileWeights(transferred, skeleton.index, count, 4, data.logger);
  });
}

function materialOf(loaded: LoadedMaterial | undefined, fallbackName: string, override?: string): PartMaterial {
  if (!loaded) return override ? { ...GREY, name: fallbackName, baseColor: [1, 1, 1], texture: override, textureIsUnique: true } : { ...GREY, name: fallbackName };
  const d = loaded.definition;
  const texture = override ?? loaded.diffuseTexture;
  return {
    name: d.name || fallbackName,
    baseColor: texture ? [1, 1, 1] : d.diffuseColor,
    ...(texture ? { texture } : {}),
    ...(override ? { textureIsUnique: true } : {}),
    alphaMode: d.transparent ? 'MASK' : 'OPAQUE',
    doubleSided: !d.backfaceCull,
  };
}

/** Blended skin material: a textured skin as is, or MakeHuman's race-blended tone. */
async function skinMaterial(data: MakeHumanAssets, spec: CharacterSpec): Promise<PartMaterial> {
  const loaded = await data.skin(spec.skin);
  const d = loaded.definition;
  if (loaded.diffuseTexture) return materialOf(loaded, 'skin');
  if (d.autoBlendSkin) {
    const tones = await data.skinTones();
    const total = spec.macro.african + spec.macro.asian + spec.macro.caucasian || 1;
    const mix = [0, 1, 2].map(
      (k) => (spec.macro.african * tones.african[k] + spec.macro.asian * tones.asian[k] + spec.macro.caucasian * tones.caucasian[k]) / total,
    ) as RgbUnit;
    return { name: d.name || 'skin', baseColor: mix, alphaMode: 'OPAQUE', doubleSided: false };
  }
  return materialOf(loaded, 'skin');
}

function bodyFaceMask(base: ObjMesh, vertexVisible: Uint8Array | undefined): Uint8Array {
  const bodyGroup = base.groupNames.indexOf('body');
  const mask = vertexVisible ? faceMaskFromVertices(base, vertexVisible) : new Uint8Array(base.faceSizes.length).fill(1);
  for (let f = 0; f < mask.length; f++) if (base.faceGroups[f] !== bodyGroup) mask[f] = 0;
  return mask;
}

/** The rig's rest skeleton on the morphed body (planes borrowed from the reference rig where needed). */
async function restSkeleton(data: MakeHumanAssets, name: string, body: Float32Array): Promise<Skeleton> {
  const definition = await data.skeleton(name);
  const skeleton = buildSkeleton(definition, body, { meshJoints: await data.meshJoints(), reference: await data.referenceSkeleton() });
  if (skeleton.bones.length === 0) throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${definition.file}: the rig has no bones`);
  if (skeleton.bones.length > 65535) throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${definition.file}: too many bones`);
  return skeleton;
}

/** A proxy the character wears, with the material that replaces its own and, for clothes, a cloned texture. */
interface Worn {
  proxy: LoadedProxy;
  material?: LoadedMaterial;
  texture?: string;
}

/**
 * Loads what the spec wears: accessories (eyes, eyebrows, eyelashes, teeth, tongue, hair) and
 * clothes (a beard among them). Optional ones that are not in the data roots are left out, with
 * the warning pushed to `warnings`.
 */
async function wornProxies(data: MakeHumanAssets, spec: CharacterSpec, warnings: string[]): Promise<{ accessories: Worn[]; garments: Worn[] }> {
  const overrideFor = async (proxy: LoadedProxy): Promise<LoadedMaterial | undefined> => {
    const file = spec.materials?.[proxy.definition.uuid] ?? spec.materials?.[proxy.assetName];
    return file ? data.materialOptional(file, proxy.file) : undefined;
  };
  const optionalProxy = async (ref: string, kind: ProxyKind): Promise<LoadedProxy | undefined> => {
    try {
      return await data.proxy(ref, kind);
    } catch (error) {
      if ((error as ClonedPersonError).code !== 'E_UNKNOWN_ASSET') throw error;
      const message = `characters: ${spec.id}: ${kind} ${ref} is not in the data roots; left out`;
      data.warnOnce(message);
      warnings.push(message);
      return undefined;
    }
  };
  const accessories: Worn[] = [];
  const simple: [ProxyKind, string | undefined][] = [
    ['eyes', spec.eyes],
    ['eyebrows', spec.eyebrows],
    ['eyelashes', spec.eyelashes],
    ['teeth', spec.teeth],
    ['tongue', spec.tongue],
    ['hair', spec.hair],
  ];
  for (const [kind, ref] of simple) {
    const proxy = ref ? await optionalProxy(ref, kind) : undefined;
    if (!proxy) continue;
    let material = await overrideFor(proxy);
    if (!material && kind === 'eyes' && spec.eyeMaterial) {
      material = await data.materialOptional((await data.resolveRelative(spec.eyeMaterial, proxy.file)) ?? spec.eyeMaterial, proxy.file);
    }
    accessories.push({ proxy, ...(material ? { material } : {}) });
  }
  const garments: Worn[] = [];
  for (const item of [...spec.clothes, ...(spec.beard ? [{ asset: spec.beard, optional: true }] : [])] as ClothesItem[]) {
    const proxy = item.optional ? await optionalProxy(item.asset, 'clothes') : await data.proxy(item.asset, 'clothes');
    if (!proxy) continue;
    const material = await overrideFor(proxy);
    garments.push({ proxy, ...(item.diffuseTexture ? { texture: item.diffuseTexture } : {}), ...(material ? { material } : {}) });
  }
  return { accessories, garments };
}

/** Assembles a character (see the module doc). */
export async function assembleCharacter(data: MakeHumanAssets, spec: CharacterSpec): Promise<AssembledCharacter> {
  const warnings: string[] = [];
  const base = await data.baseMesh();
  const body = await morphBody(data, spec.macro);
  const skeleton = await restSkeleton(data, spec.skeleton, body);
  const { accessories, garments } = await wornProxies(data, spec, warnings);
  const masks = spec.hideFacesUnderClothes ? clothesMasks(base.positions.length / 3, garments.map((g) => g.proxy.definition)) : undefined;
  const proxyPart = async ({ proxy, material, texture }: Worn, vertexVisible: Uint8Array | undefined): Promise<MeshPart> => ({
    name: proxy.assetName,
    kind: proxy.kind,
    mesh: proxy.mesh,
    positions: fitProxy(proxy.definition, body),
    faceVisible: vertexVisible ? faceMaskFromVertices(proxy.mesh, vertexVisible) : new Uint8Array(proxy.mesh.faceSizes.length).fill(1),
    influences: await proxyInfluences(data, proxy, spec.skeleton, skeleton),
    material: materialOf(material ?? proxy.material, proxy.assetName, texture),
    uuid: proxy.definition.uuid,
  });
  const parts: MeshPart[] = [
    {
      name: 'body',
      kind: 'body',
      mesh: base,
      positions: body,
      faceVisible: bodyFaceMask(base, masks?.body),
      influences: await bodyInfluences(data, spec.skeleton, skeleton),
      material: await skinMaterial(data, spec),
    },
  ];
  for (const worn of accessories) parts.push(await proxyPart(worn, undefined));
  for (const [i, worn] of garments.entries()) parts.push(await proxyPart(worn, masks?.garments[i]));
  const proxies = [...accessories, ...garments].map((w) => w.proxy);
  return { spec, body, parts, skeleton, proxies, heightCm: bodyHeightCm(base, body), warnings };
}
