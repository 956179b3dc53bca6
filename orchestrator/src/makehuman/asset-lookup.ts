/**
 * How MakeHuman finds assets by name. A proxy (as `.mhm` files and character specs name it):
 * by UUID first, then by folder + file name, `.mhclo` base name, folder name, and `name` field,
 * case-insensitively. A skin: `skins/<name>/<name>.mhmat`, then `skins/<name>.mhmat`.
 */
import { unknownAsset } from './asset-errors.js';
import type { ProxyEntry, ProxyKind } from './makehuman-assets.js';

/** Reads a `.mhclo` header (until `verts`) for its uuid and name, as MakeHuman's peekMetadata. */
export function peekProxy(text: string): { uuid: string; name: string } {
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

function baseName(file: string): string {
  return file
    .replace(/^.*[\\/]/, '')
    .replace(/\.mhclo$/i, '')
    .toLowerCase();
}

/** The entry `reference` names among `entries` (of `kind` when given); E_UNKNOWN_ASSET when none. */
export function matchProxy(entries: readonly ProxyEntry[], reference: string, kind?: ProxyKind, where?: string): ProxyEntry {
  const index = entries.filter((e) => !kind || e.kind === kind);
  const wanted = reference.trim();
  const lower = wanted.toLowerCase();
  const match =
    index.find((e) => e.uuid && e.uuid === wanted) ??
    index.find((e) => e.assetName.toLowerCase() === lower && baseName(e.file) === lower) ??
    index.find((e) => baseName(e.file) === lower) ??
    index.find((e) => e.assetName.toLowerCase() === lower) ??
    index.find((e) => e.name.toLowerCase() === lower);
  if (!match) throw unknownAsset(kind ?? 'proxy', reference, where);
  return match;
}

/** Data-root-relative files a skin name may denote, in lookup order (`skins/default.mhmat` is the fallback). */
export function skinCandidates(name: string): string[] {
  if (name.endsWith('.mhmat')) return [name.startsWith('skins/') ? name : `skins/${name}`];
  if (name === 'default') return ['skins/default.mhmat'];
  return [`skins/${name}/${name}.mhmat`, `skins/${name}.mhmat`];
}
