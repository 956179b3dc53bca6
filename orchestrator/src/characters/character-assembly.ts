/**
 * Character assembly: from a {@link CharacterSpec} (body sliders, rig, skin, proxies, clothes
 * with optional cloned textures) to an {@link AssembledCharacter} — morphed body, fitted
 * proxies with hidden faces removed, rest skeleton and per-vertex bone influences — ready for
 * the glTF writer. Geometry stays in MakeHuman units (decimetres, y up, facing +z).
 *
 * Steps: apply the macro targets to the base mesh (macro-modifiers.ts); fit every proxy
 * (proxy-fit.ts); hide body and garment faces under clothes when `hideFacesUnderClothes`;
 * build the rig on the morphed body (skeleton.ts); take the rig's body weights and carry them
 * to proxies without their own (skeleton-weights.ts); keep the 4 largest influences.
 * Only the base mesh's `body` group is output (helpers and joint cubes never are).
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { CharacterSpec, ClothesItem } from './character-spec.js';
import { macroTargetWeights } from '../makehuman/macro-modifiers.js';
import type { MakeHumanData, LoadedMaterial, LoadedProxy, ProxyKind } from '../makehuman/makehuman-data.js';
import type { Rgb } from '../makehuman/material-parser.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { clothesMasks, faceMaskFromVertices, fitProxy } from '../makehuman/proxy-fit.js';
import { compileWeights, normalizeBoneWeights, remapBoneWeights, transferWeightsToProxy, weightReferences } from '../makehuman/skeleton-weights.js';
import type { CompiledWeights } from '../makehuman/skeleton-weights.js';
import { buildSkeleton } from '../makehuman/skeleton.js';
import type { Skeleton } from '../makehuman/skeleton.js';
import { applyTarget } from '../makehuman/target-parser.js';

export interface PartMaterial {
  name: string;
  /** Linear RGB multiplier. */
  baseColor: Rgb;
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
  /** Morphed base mesh positions (all 19158 vertices, helpers included), decimetres. */
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

/** Body positions (decimetres) for the spec's macro values: base + weighted macro targets. */
export async function morphBody(data: MakeHumanData, spec: Pick<CharacterSpec, 'macro'>): Promise<Float32Array> {
  const base = await data.baseMesh();
  const positions = base.positions.slice();
  const catalog = await data.targetCatalog();
  for (const { path, weight } of macroTargetWeights(catalog, spec.macro)) {
    applyTarget(positions, await data.target(path), weight);
  }
  return positions;
}

/** Compiled (top-4) body influences of a rig, cached per rig. */
function bodyInfluences(data: MakeHumanData, skeletonName: string, skeleton: Skeleton): Promise<CompiledWeights> {
  return data.memo(`influences:body:${skeletonName}`, async () => {
    const weights = await data.bodyWeights(skeletonName);
    return compileWeights(weights, skeleton.index, (await data.baseMesh()).positions.length / 3, 4, data.logger);
  });
}

/** Compiled influences of a proxy for a rig (independent of the body shape), cached. */
function proxyInfluences(data: MakeHumanData, proxy: LoadedProxy, skeletonName: string, skeleton: Skeleton): Promise<CompiledWeights> {
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
async function skinMaterial(data: MakeHumanData, spec: CharacterSpec): Promise<PartMaterial> {
  const loaded = await data.skin(spec.skin);
  const d = loaded.definition;
  if (loaded.diffuseTexture) return materialOf(loaded, 'skin');
  if (d.autoBlendSkin) {
    const tones = await data.skinTones();
    const total = spec.macro.african + spec.macro.asian + spec.macro.caucasian || 1;
    const mix = [0, 1, 2].map(
      (k) => (spec.macro.african * tones.african[k] + spec.macro.asian * tones.asian[k] + spec.macro.caucasian * tones.caucasian[k]) / total,
    ) as Rgb;
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

/** Height as MakeHuman measures it: y extent of the body group, decimetres x 10 = centimetres. */
export function bodyHeightCm(base: ObjMesh, positions: Float32Array): number {
  const bodyGroup = base.groupNames.indexOf('body');
  let min = Infinity;
  let max = -Infinity;
  for (let f = 0; f < base.faceSizes.length; f++) {
    if (base.faceGroups[f] !== bodyGroup) continue;
    for (let c = 0; c < base.faceSizes[f]; c++) {
      const y = positions[base.faceVerts[f * 4 + c] * 3 + 1];
      if (y < min) min = y;
      if (y > max) max = y;
    }
  }
  return (max - min) * 10;
}

/** Assembles a character (see the module doc). */
export async function assembleCharacter(data: MakeHumanData, spec: CharacterSpec): Promise<AssembledCharacter> {
  const warnings: string[] = [];
  const base = await data.baseMesh();
  const body = await morphBody(data, spec);
  const definition = await data.skeleton(spec.skeleton);
  const reference = await data.referenceSkeleton();
  const skeleton = buildSkeleton(definition, body, { meshJoints: await data.meshJoints(), reference });
  if (skeleton.bones.length === 0) throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${definition.file}: the rig has no bones`);
  if (skeleton.bones.length > 65535) throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${definition.file}: too many bones`);

  const overrideFor = async (proxy: LoadedProxy): Promise<LoadedMaterial | undefined> => {
    const file = spec.materials?.[proxy.definition.uuid] ?? spec.materials?.[proxy.assetName];
    return file ? data.materialOptional(file, proxy.file) : undefined;
  };
  const proxies: LoadedProxy[] = [];
  const simple: { kind: ProxyKind; ref: string | undefined; material?: string }[] = [
    { kind: 'eyes', ref: spec.eyes, ...(spec.eyeMaterial ? { material: spec.eyeMaterial } : {}) },
    { kind: 'eyebrows', ref: spec.eyebrows },
    { kind: 'eyelashes', ref: spec.eyelashes },
    { kind: 'teeth', ref: spec.teeth },
    { kind: 'tongue', ref: spec.tongue },
    { kind: 'hair', ref: spec.hair },
  ];
  const parts: MeshPart[] = [];
  const simpleParts: { proxy: LoadedProxy; materialOverride?: LoadedMaterial }[] = [];
  /** Loads an optional accessory; an unknown one is left out with a warning. */
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
  for (const item of simple) {
    if (!item.ref) continue;
    const proxy = await optionalProxy(item.ref, item.kind);
    if (!proxy) continue;
    proxies.push(proxy);
    let materialOverride = await overrideFor(proxy);
    if (!materialOverride && item.material) {
      materialOverride = await data.materialOptional(data.resolveRelative(item.material, proxy.file) ?? item.material, proxy.file);
    }
    simpleParts.push({ proxy, ...(materialOverride ? { materialOverride } : {}) });
  }
  const garments: { proxy: LoadedProxy; texture?: string; material?: LoadedMaterial }[] = [];
  for (const item of [...spec.clothes, ...(spec.beard ? [{ asset: spec.beard, optional: true }] : [])] as ClothesItem[]) {
    const proxy = item.optional ? await optionalProxy(item.asset, 'clothes') : await data.proxy(item.asset, 'clothes');
    if (!proxy) continue;
    proxies.push(proxy);
    const material = await overrideFor(proxy);
    garments.push({ proxy, ...(item.diffuseTexture ? { texture: item.diffuseTexture } : {}), ...(material ? { material } : {}) });
  }

  const masks = spec.hideFacesUnderClothes
    ? clothesMasks(
        base.positions.length / 3,
        garments.map((g) => g.proxy.definition),
      )
    : undefined;

  parts.push({
    name: 'body',
    kind: 'body',
    mesh: base,
    positions: body,
    faceVisible: bodyFaceMask(base, masks?.body),
    influences: await bodyInfluences(data, spec.skeleton, skeleton),
    material: await skinMaterial(data, spec),
  });
  for (const { proxy, materialOverride } of simpleParts) {
    parts.push({
      name: proxy.assetName,
      kind: proxy.kind,
      mesh: proxy.mesh,
      positions: fitProxy(proxy.definition, body),
      faceVisible: new Uint8Array(proxy.mesh.faceSizes.length).fill(1),
      influences: await proxyInfluences(data, proxy, spec.skeleton, skeleton),
      material: materialOf(materialOverride ?? proxy.material, proxy.assetName),
      uuid: proxy.definition.uuid,
    });
  }
  for (let i = 0; i < garments.length; i++) {
    const { proxy, texture, material } = garments[i];
    parts.push({
      name: proxy.assetName,
      kind: 'clothes',
      mesh: proxy.mesh,
      positions: fitProxy(proxy.definition, body),
      faceVisible: masks ? faceMaskFromVertices(proxy.mesh, masks.garments[i]) : new Uint8Array(proxy.mesh.faceSizes.length).fill(1),
      influences: await proxyInfluences(data, proxy, spec.skeleton, skeleton),
      material: materialOf(material ?? proxy.material, proxy.assetName, texture),
      uuid: proxy.definition.uuid,
    });
  }
  return { spec, body, parts, skeleton, proxies, heightCm: bodyHeightCm(base, body), warnings };
}
