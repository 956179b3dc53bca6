/**
 * The parts of a baseline JPEG that cutting it needs (jpeg-tiles.ts): frame size, components
 * with their Huffman tables, where the header ends, and the entropy-coded scan unstuffed.
 * Supports baseline sequential Huffman (SOF0), 8-bit samples, one interleaved scan, no restart
 * markers; anything else is refused (E_ARGUMENT).
 */
import { invalidArgument } from '../shared/check.js';

export interface HuffmanTable {
  /** 9-bit lookahead: (code length << 8) | symbol, 0 when the code is longer. */
  fast: Uint16Array;
  /** Canonical decoding for longer codes: maxCode[l] (exclusive), valOffset[l], for l = 1..16. */
  maxCode: Int32Array;
  valOffset: Int32Array;
  values: Uint8Array;
  /** Encoding of each symbol: code and length (0 when the symbol is absent). */
  code: Uint16Array;
  length: Uint8Array;
}

export interface Component {
  id: number;
  h: number;
  v: number;
  dc: HuffmanTable;
  ac: HuffmanTable;
}

export interface ParsedJpeg {
  widthPx: number;
  heightPx: number;
  components: Component[];
  /** Offset of the SOF0 segment's height field (two bytes height, two bytes width). */
  sofSizeOffset: number;
  /** Bytes from SOI through the SOS header. */
  headerEnd: number;
  /** Entropy-coded data with the 0xFF00 stuffing removed, plus {@link SCAN_PADDING_BYTES} zero bytes. */
  scan: Uint8Array;
  scanBits: number;
}

/** Bits of the DC lookahead table ({@link HuffmanTable.fast}). */
export const FAST_BITS = 9;

/**
 * Zero bytes after the scan: a block walk checks for the end once per block, and one block
 * starting near the end reads at most 27 + 63 * 26 bits past it (then a 32-bit word), so no
 * read of a truncated scan leaves the array.
 */
export const SCAN_PADDING_BYTES = 256;

/** Refuses the file: E_ARGUMENT. */
export function fail(message: string): never {
  throw invalidArgument('a baseline JPEG of whole-MCU tiles', 'jpeg', message);
}

function buildTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const fast = new Uint16Array(1 << FAST_BITS);
  const maxCode = new Int32Array(18);
  const valOffset = new Int32Array(18);
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  let next = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    valOffset[l] = k - next;
    for (let i = 0; i < counts[l - 1]; i++, k++) {
      const symbol = values[k];
      code[symbol] = next;
      length[symbol] = l;
      if (l <= FAST_BITS) {
        const shift = FAST_BITS - l;
        for (let fill = 0; fill < 1 << shift; fill++) fast[(next << shift) | fill] = (l << 8) | symbol;
      }
      next++;
    }
    maxCode[l] = next;
    next <<= 1;
  }
  maxCode[17] = 0x7fffffff;
  return { fast, maxCode, valOffset, values, code, length };
}

/** Removes byte stuffing from the entropy-coded data starting at `start`; stops at the next marker. */
function unstuff(bytes: Uint8Array, start: number): Uint8Array {
  const out = new Uint8Array(bytes.length - start + SCAN_PADDING_BYTES);
  let n = 0;
  let p = start;
  // runs between 0xFF bytes are copied whole (indexOf and set are native)
  for (;;) {
    const ff = bytes.indexOf(0xff, p);
    const end = ff < 0 ? bytes.length : ff;
    out.set(bytes.subarray(p, end), n);
    n += end - p;
    if (ff < 0) break;
    const next = bytes[ff + 1];
    if (next === 0x00) {
      out[n++] = 0xff;
      p = ff + 2;
      continue;
    }
    if (next >= 0xd0 && next <= 0xd7) fail('restart markers are not supported');
    break;
  }
  return out.subarray(0, n + SCAN_PADDING_BYTES);
}

/** The frame, tables and unstuffed scan of a baseline JPEG; anything else is refused (E_ARGUMENT). */
export function parseJpeg(bytes: Uint8Array): ParsedJpeg {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) fail('no SOI marker');
  const dcTables: (HuffmanTable | undefined)[] = [];
  const acTables: (HuffmanTable | undefined)[] = [];
  let frame: { widthPx: number; heightPx: number; sofSizeOffset: number; components: { id: number; h: number; v: number }[] } | undefined;
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) fail(`expected a marker at byte ${p}`);
    const marker = bytes[p + 1];
    const length = (bytes[p + 2] << 8) | bytes[p + 3];
    const body = p + 4;
    if (marker === 0xc4) {
      for (let q = body; q < p + 2 + length; ) {
        const tc = bytes[q] >> 4;
        const th = bytes[q] & 15;
        const counts = bytes.subarray(q + 1, q + 17);
        let total = 0;
        for (const c of counts) total += c;
        const table = buildTable(counts, bytes.slice(q + 17, q + 17 + total));
        (tc === 0 ? dcTables : acTables)[th] = table;
        q += 17 + total;
      }
    } else if (marker === 0xc0) {
      if (bytes[body] !== 8) fail('only 8-bit samples are supported');
      const components = [];
      for (let c = 0; c < bytes[body + 5]; c++) {
        const at = body + 6 + 3 * c;
        components.push({ id: bytes[at], h: bytes[at + 1] >> 4, v: bytes[at + 1] & 15 });
      }
      frame = { heightPx: (bytes[body + 1] << 8) | bytes[body + 2], widthPx: (bytes[body + 3] << 8) | bytes[body + 4], sofSizeOffset: body + 1, components };
    } else if ((marker >= 0xc1 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xdd) {
      fail(marker === 0xdd ? 'restart intervals are not supported' : `frame type 0x${marker.toString(16)} is not baseline`);
    } else if (marker === 0xda) {
      if (!frame) fail('SOS before SOF0');
      const count = bytes[body];
      if (count !== frame.components.length) fail('only one interleaved scan is supported');
      const components: Component[] = [];
      for (let c = 0; c < count; c++) {
        const id = bytes[body + 1 + 2 * c];
        const tables = bytes[body + 2 + 2 * c];
        const meta = frame.components.find((m) => m.id === id);
        const dc = dcTables[tables >> 4];
        const ac = acTables[tables & 15];
        if (!meta || !dc || !ac) fail(`scan component ${id} has no frame entry or tables`);
        components.push({ ...meta, dc, ac });
      }
      const headerEnd = p + 2 + length;
      const scan = unstuff(bytes, headerEnd);
      return { widthPx: frame.widthPx, heightPx: frame.heightPx, components, sofSizeOffset: frame.sofSizeOffset, headerEnd, scan, scanBits: (scan.length - SCAN_PADDING_BYTES) * 8 };
    }
    p += 2 + length;
  }
  return fail('no SOS marker');
}
