/**
 * MakeHuman materials (`.mhmat`): `key value...` lines, `#` and `//` comments.
 *
 * Texture names are relative to the `.mhmat`'s own folder, except names starting with `data/`
 * (relative to the data root) and shader/litsphere references; resolving them is the loader's
 * job (makehuman-data.ts). Only what a glTF material needs is typed; everything else stays in
 * `raw`.
 */
import type { RgbUnit } from '../imaging/colour.js';
import { invalidAsset } from './asset-errors.js';

export interface MaterialDefinition {
  file: string;
  name: string;
  diffuseColor: RgbUnit;
  opacity: number;
  transparent: boolean;
  backfaceCull: boolean;
  diffuseTexture?: string;
  normalmapTexture?: string;
  /** MakeHuman blends the skin tone from the race values (skins/default.mhmat). */
  autoBlendSkin: boolean;
  /** `shaderParam litsphereTexture ...`, used as a colour hint for untextured skins. */
  litsphereTexture?: string;
  /** Every `key value` line, last one wins. */
  raw: Map<string, string>;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return /^(true|yes|1)$/i.test(value.trim());
}

/** Parses `.mhmat` text; malformed colours and numbers are errors naming `file:line`. */
export function parseMaterial(text: string, file: string): MaterialDefinition {
  const raw = new Map<string, string>();
  const lineOf = new Map<string, number>();
  let litsphere: string | undefined;
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    const space = trimmed.search(/\s/);
    const key = space === -1 ? trimmed : trimmed.slice(0, space);
    const value = space === -1 ? '' : trimmed.slice(space + 1).trim();
    if (key === 'shaderParam') {
      const [param, ...rest] = value.split(/\s+/);
      if (param === 'litsphereTexture') litsphere = rest.join(' ');
      return;
    }
    raw.set(key, value);
    lineOf.set(key, index + 1);
  });
  const number = (key: string, fallback: number): number => {
    const value = raw.get(key);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw invalidAsset(file, `${key} must be a number, got ${JSON.stringify(value)}`, lineOf.get(key));
    return parsed;
  };
  const color = (key: string, fallback: RgbUnit): RgbUnit => {
    const value = raw.get(key);
    if (value === undefined) return fallback;
    const parts = value.split(/\s+/).map(Number);
    if (parts.length < 3 || parts.slice(0, 3).some((p) => !Number.isFinite(p))) {
      throw invalidAsset(file, `${key} must be three numbers, got ${JSON.stringify(value)}`, lineOf.get(key));
    }
    return [parts[0], parts[1], parts[2]];
  };
  const diffuseTexture = raw.get('diffuseTexture');
  const normalmapTexture = raw.get('normalmapTexture');
  return {
    file,
    name: raw.get('name') ?? file.replace(/^.*[\\/]/, '').replace(/\.mhmat$/i, ''),
    diffuseColor: color('diffuseColor', [1, 1, 1]),
    opacity: number('opacity', 1),
    transparent: bool(raw.get('transparent'), false),
    backfaceCull: bool(raw.get('backfaceCull'), true),
    ...(diffuseTexture ? { diffuseTexture } : {}),
    ...(normalmapTexture ? { normalmapTexture } : {}),
    autoBlendSkin: bool(raw.get('autoBlendSkin'), false),
    ...(litsphere ? { litsphereTexture: litsphere } : {}),
    raw,
  };
}
