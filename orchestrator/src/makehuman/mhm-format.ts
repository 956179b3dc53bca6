/**
 * MakeHuman model files (`.mhm`, MakeHuman 1.1 layout): one `key values...` line each.
 *
 * Written and read here: `version v1.1.1`, `name`, `tags`, `camera`, `modifier <group/Name>
 * <value>` (macro modifiers), `eyes|eyebrows|eyelashes|hair|teeth|tongue <name> <uuid>`,
 * `clothes <name> <uuid>` (one line per garment), `clothesHideFaces True|False`,
 * `skeleton <file>.mhskel`, `skinMaterial <path>`, `material <name> <uuid> <path>` (a proxy's
 * material override), `subdivide False`. Other lines are kept as warnings when reading
 * (non-macro modifiers, poses, expressions are not supported by the characters stage).
 * Material paths: MakeHuman writes them relative to its data folder; ours for cloned textures are
 * relative to the `.mhm` itself (`materials/<garment>.mhmat` next to it).
 */
import { invalidAsset } from './asset-errors.js';
import { MACRO_DEFAULTS, MACRO_MODIFIER_NAMES } from './macro-modifiers.js';
import type { MacroValues } from './macro-modifiers.js';

export type MhmProxyType = 'eyes' | 'eyebrows' | 'eyelashes' | 'hair' | 'teeth' | 'tongue' | 'clothes';

export interface MhmProxyLine {
  type: MhmProxyType;
  name: string;
  uuid: string;
}

export interface MhmModel {
  version: string;
  name: string;
  tags: string[];
  macro: MacroValues;
  proxies: MhmProxyLine[];
  hideFacesUnderClothes: boolean;
  skeleton?: string;
  skinMaterial?: string;
  /** `material` lines: proxy uuid -> material path. */
  materials: { name: string; uuid: string; path: string }[];
  warnings: string[];
}

const PROXY_TYPES = new Set<string>(['eyes', 'eyebrows', 'eyelashes', 'hair', 'teeth', 'tongue', 'clothes']);

const MODIFIER_TO_KEY = new Map<string, keyof MacroValues>(
  (Object.entries(MACRO_MODIFIER_NAMES) as [keyof MacroValues, string][]).map(([key, name]) => [name, key]),
);

function format(value: number): string {
  return value.toFixed(6);
}

/** Writes an `.mhm` text (see the module doc). */
export function writeMhm(model: Omit<MhmModel, 'warnings'>): string {
  const lines = [`# Written by clonedperson (MakeHuman 1.1 model format)`, `version ${model.version}`];
  if (model.tags.length > 0) lines.push(`tags ${model.tags.join(',')}`);
  lines.push('camera 0.0 0.0 0.0 0.0 0.0 1.0');
  for (const [key, name] of Object.entries(MACRO_MODIFIER_NAMES) as [keyof MacroValues, string][]) {
    lines.push(`modifier ${name} ${format(model.macro[key])}`);
  }
  for (const proxy of model.proxies) lines.push(`${proxy.type} ${proxy.name.replace(/\s+/g, '_')} ${proxy.uuid}`);
  lines.push(`clothesHideFaces ${model.hideFacesUnderClothes ? 'True' : 'False'}`);
  if (model.skeleton) lines.push(`skeleton ${model.skeleton}`);
  if (model.skinMaterial) lines.push(`skinMaterial ${model.skinMaterial}`);
  for (const m of model.materials) lines.push(`material ${m.name.replace(/\s+/g, '_')} ${m.uuid} ${m.path}`);
  lines.push('subdivide False');
  lines.push(`name ${model.name}`);
  return `${lines.join('\n')}\n`;
}

/** Parses `.mhm` text; malformed modifier values are errors naming `file:line`. */
export function parseMhm(text: string, file: string): MhmModel {
  const model: MhmModel = {
    version: '',
    name: '',
    tags: [],
    macro: { ...MACRO_DEFAULTS },
    proxies: [],
    hideFacesUnderClothes: true,
    materials: [],
    warnings: [],
  };
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (!line || line.startsWith('#')) return;
    const words = line.split(/\s+/);
    const key = words[0];
    if (key === 'version') model.version = words[1] ?? '';
    else if (key === 'name') model.name = words.slice(1).join(' ');
    else if (key === 'tags') model.tags = words.slice(1).join(' ').split(/[,;]/).map((t) => t.trim()).filter(Boolean);
    else if (key === 'modifier') {
      const value = Number(words[2]);
      if (words.length < 3 || !Number.isFinite(value)) throw invalidAsset(file, `expected "modifier <name> <value>", got ${JSON.stringify(line)}`, lineNo);
      const macroKey = MODIFIER_TO_KEY.get(words[1]);
      if (macroKey) model.macro[macroKey] = Math.min(1, Math.max(0, value));
      else model.warnings.push(`${file}:${lineNo}: modifier ${words[1]} is not a macro modifier; ignored`);
    } else if (PROXY_TYPES.has(key)) {
      if (words.length < 3) throw invalidAsset(file, `expected "${key} <name> <uuid>"`, lineNo);
      model.proxies.push({ type: key as MhmProxyType, name: words[1], uuid: words[2] });
    } else if (key === 'clothesHideFaces') model.hideFacesUnderClothes = /^(true|yes|1)$/i.test(words[1] ?? '');
    else if (key === 'skeleton') model.skeleton = words.slice(1).join(' ');
    else if (key === 'skinMaterial') model.skinMaterial = words.slice(1).join(' ');
    else if (key === 'material') {
      if (words.length < 4) throw invalidAsset(file, 'expected "material <name> <uuid> <path>"', lineNo);
      model.materials.push({ name: words[1], uuid: words[2], path: words.slice(3).join(' ') });
    } else if (key === 'camera' || key === 'subdivide' || key === 'uuid') {
      // viewer state only
    } else model.warnings.push(`${file}:${lineNo}: ${key} is not supported by the characters stage; ignored`);
  });
  return model;
}
