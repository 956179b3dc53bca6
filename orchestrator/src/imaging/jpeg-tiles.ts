/**
 * Cuts one baseline JPEG of a mosaic of crops into one JPEG file per crop, without
 * decoding pixels: the dataset writer encodes many crops with a single encoder call (one call
 * costs far more than the pixels of one 128x256 crop) and cuts the result apart.
 *
 * When tiles are whole MCUs (multiples of 8 x max sampling factor), every 8x8 block of a tile
 * is the block a separate encode of that tile would produce (libjpeg's chroma downsampling
 * averages 2x2 pixels without looking across MCUs), so a tile's entropy-coded data is the
 * mosaic's bits of its MCUs, row segment by row segment, with one change: the DC coefficient of
 * the first block of each component in each segment is coded as a difference to the previous
 * block, which in the mosaic belongs to another tile. Those DC codes are rewritten; every other
 * bit is copied. The result is byte-identical to encoding the tile alone with the same tables
 * (test/unit/imaging/jpeg-tiles.test.ts checks that against sharp).
 *
 * Supports what our encoder writes: baseline sequential Huffman (SOF0), 8-bit samples, one
 * interleaved scan, no restart markers. Anything else is refused (E_ARGUMENT).
 */
import { invalidArgument } from '../shared/check.js';

interface HuffmanTable {
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

interface Component {
  id: number;
  h: number;
  v: number;
  dc: HuffmanTable;
  ac: HuffmanTable;
}

interface ParsedJpeg {
  widthPx: number;
  heightPx: number;
  components: Component[];
  /** Offset of the SOF0 segment's height field (two bytes height, two bytes width). */
  sofSizeOffset: number;
  /** Bytes from SOI through the SOS header. */
  headerEnd: number;
  /** Entropy-coded data with the 0xFF00 stuffing removed, plus 8 zero bytes of padding. */
  scan: Uint8Array;
  scanBits: number;
}

const FAST_BITS = 9;

function fail(message: string): never {
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
  const out = new Uint8Array(bytes.length - start + 8);
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
  return out.subarray(0, n + 8);
}

function parseJpeg(bytes: Uint8Array): ParsedJpeg {
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
      return { widthPx: frame.widthPx, heightPx: frame.heightPx, components, sofSizeOffset: frame.sofSizeOffset, headerEnd, scan, scanBits: (scan.length - 8) * 8 };
    }
    p += 2 + length;
  }
  return fail('no SOS marker');
}

/** Per MCU and component: where its first block starts, where that block's DC code ends, its DC and the last block's DC. */
interface McuIndex {
  mcuStart: Int32Array;
  firstStart: Int32Array;
  firstDcEnd: Int32Array;
  firstDc: Int32Array;
  lastDc: Int32Array;
}

/**
 * AC lookahead of {@link AC_BITS} bits: (bits to skip: code + magnitude) | (coefficients to advance << 5); advance 0
 * is the end of block; 0 means a longer code (slow path).
 */
const AC_BITS = 10;

function acSkipTable(table: HuffmanTable): Uint16Array {
  const fast = new Uint16Array(1 << AC_BITS);
  for (let symbol = 0; symbol < 256; symbol++) {
    const l = table.length[symbol];
    if (l === 0 || l > AC_BITS) continue;
    const size = symbol & 15;
    const advance = size === 0 ? (symbol === 0xf0 ? 16 : 0) : (symbol >> 4) + 1;
    if (size === 0 && symbol !== 0 && symbol !== 0xf0) continue;
    const shift = AC_BITS - l;
    for (let fill = 0; fill < 1 << shift; fill++) fast[(table.code[symbol] << shift) | fill] = (l + size) | (advance << 5);
  }
  return fast;
}

/** The symbol of the code at the top of `word` (32 bits, MSB first) and its length, by canonical decoding. */
function slowDecode(table: HuffmanTable, word: number, pos: number): { symbol: number; length: number } {
  for (let l = 1; l <= 16; l++) {
    const c = word >>> (32 - l);
    if (c < table.maxCode[l]) return { symbol: table.values[c + table.valOffset[l]], length: l };
  }
  return fail(`bad Huffman code at bit ${pos}`);
}

/** Walks every block of the scan, recording the {@link McuIndex}; decodes no coefficients but the DCs. */
function indexMcus(jpeg: ParsedJpeg, mcuCount: number): McuIndex {
  const { scan, components } = jpeg;
  const view = new DataView(scan.buffer, scan.byteOffset, scan.byteLength);
  const nc = components.length;
  const index: McuIndex = {
    mcuStart: new Int32Array(mcuCount + 1),
    firstStart: new Int32Array(mcuCount * nc),
    firstDc: new Int32Array(mcuCount * nc),
    firstDcEnd: new Int32Array(mcuCount * nc),
    lastDc: new Int32Array(mcuCount * nc),
  };
  const acFast = components.map((c) => acSkipTable(c.ac));
  const pred = new Int32Array(nc);
  const limit = jpeg.scanBits + 16;
  let pos = 0;
  for (let m = 0; m < mcuCount; m++) {
    index.mcuStart[m] = pos;
    for (let c = 0; c < nc; c++) {
      const comp = components[c];
      const dcFast = comp.dc.fast;
      const ac = acFast[c];
      const blocks = comp.h * comp.v;
      for (let b = 0; b < blocks; b++) {
        if (b === 0) index.firstStart[m * nc + c] = pos;
        // 25 or more valid bits: enough for a DC code (<= 16) and its magnitude (<= 11) when the code is short
        let word = (view.getUint32(pos >>> 3) << (pos & 7)) >>> 0;
        let s: number;
        const fast = dcFast[word >>> (32 - FAST_BITS)];
        if (fast !== 0) {
          s = fast & 0xff;
          pos += fast >>> 8;
        } else {
          const slow = slowDecode(comp.dc, word, pos);
          s = slow.symbol;
          pos += slow.length;
        }
        let diff = 0;
        if (s > 0) {
          word = (view.getUint32(pos >>> 3) << (pos & 7)) >>> 0;
          const raw = word >>> (32 - s);
          diff = raw < 1 << (s - 1) ? raw - (1 << s) + 1 : raw;
          pos += s;
        }
        pred[c] += diff;
        if (b === 0) {
          index.firstDcEnd[m * nc + c] = pos;
          index.firstDc[m * nc + c] = pred[c];
        }
        for (let k = 1; k < 64; ) {
          word = (view.getUint32(pos >>> 3) << (pos & 7)) >>> 0;
          const entry = ac[word >>> (32 - AC_BITS)];
          if (entry !== 0) {
            pos += entry & 31;
            const advance = entry >>> 5;
            if (advance === 0) break;
            k += advance;
            continue;
          }
          const { symbol, length } = slowDecode(comp.ac, word, pos);
          const size = symbol & 15;
          pos += length + size;
          if (size === 0) {
            if (symbol !== 0xf0) break;
            k += 16;
          } else k += (symbol >> 4) + 1;
        }
        if (pos > limit) fail('the scan ends before its last MCU');
      }
      index.lastDc[m * nc + c] = pred[c];
    }
  }
  index.mcuStart[mcuCount] = pos;
  return index;
}

/** Writes bits MSB first with JPEG byte stuffing into a growable buffer. */
class BitWriter {
  bytes: Uint8Array;
  length = 0;
  private accumulator = 0;
  private count = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  reset(prefix: Uint8Array): void {
    if (this.bytes.length < prefix.length + 64) this.bytes = new Uint8Array(prefix.length * 2 + 64);
    this.bytes.set(prefix);
    this.length = prefix.length;
    this.accumulator = 0;
    this.count = 0;
  }

  private put(byte: number): void {
    if (this.length + 2 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
    if (byte === 0xff) this.bytes[this.length++] = 0;
  }

  /** Writes the low `n` (<= 24) bits of `value`. */
  write(value: number, n: number): void {
    this.accumulator = ((this.accumulator << n) | (value & ((1 << n) - 1))) >>> 0;
    this.count += n;
    while (this.count >= 8) {
      this.count -= 8;
      this.put((this.accumulator >>> this.count) & 0xff);
    }
    this.accumulator &= (1 << this.count) - 1;
  }

  /** Copies bits [from, to) of `source` (unstuffed, MSB first): whole bytes at a constant shift, then the rest. */
  copy(source: Uint8Array, from: number, to: number): void {
    const whole = (to - from) >>> 3;
    if (this.length + 2 * whole + 8 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + 2 * whole + 64));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    const out = this.bytes;
    const shift = from & 7;
    const pending = this.count;
    const keep = (1 << pending) - 1;
    let accumulator = this.accumulator;
    let length = this.length;
    let b = from >>> 3;
    for (let i = 0; i < whole; i++, b++) {
      const next = ((source[b] << shift) | (source[b + 1] >>> (8 - shift))) & 0xff;
      accumulator = (accumulator << 8) | next;
      const byte = (accumulator >>> pending) & 0xff;
      out[length++] = byte;
      if (byte === 0xff) out[length++] = 0;
      accumulator &= keep;
    }
    this.accumulator = accumulator;
    this.length = length;
    const pos = from + whole * 8;
    if (to > pos) {
      const n = to - pos;
      const bits = (((source[b] << 8) | source[b + 1]) >>> (16 - shift - n)) & ((1 << n) - 1);
      this.write(bits, n);
    }
  }

  /** Pads the last byte with 1 bits and appends EOI; returns a copy of the file. */
  finish(): Uint8Array {
    if (this.count > 0) this.write(0xff, 8 - this.count);
    if (this.length + 2 > this.bytes.length) {
      const grown = new Uint8Array(this.length + 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes[this.length++] = 0xff;
    this.bytes[this.length++] = 0xd9;
    return this.bytes.slice(0, this.length);
  }
}

function writeDc(writer: BitWriter, table: HuffmanTable, diff: number): void {
  const magnitude = diff < 0 ? -diff : diff;
  const s = magnitude === 0 ? 0 : 32 - Math.clz32(magnitude);
  if (table.length[s] === 0) fail(`the DC table has no code for category ${s}`);
  writer.write(table.code[s], table.length[s]);
  if (s > 0) writer.write(diff < 0 ? diff + (1 << s) - 1 : diff, s);
}

/** A rectangle of a mosaic: its top-left corner on the MCU grid, its size in pixels. */
export interface MosaicRegion {
  /** Multiples of the MCU width / height (16 for 4:2:0). */
  x: number;
  y: number;
  widthPx: number;
  heightPx: number;
}

/** The MCU size (width, height) of a baseline JPEG, e.g. 16 x 16 for 4:2:0. */
export function jpegMcuSize(jpeg: Uint8Array): { widthPx: number; heightPx: number } {
  const parsed = parseJpeg(jpeg);
  return { widthPx: 8 * Math.max(...parsed.components.map((c) => c.h)), heightPx: 8 * Math.max(...parsed.components.map((c) => c.v)) };
}

/**
 * Cuts regions out of a baseline JPEG (a mosaic of crops) as separate JPEG files, without
 * decoding pixels. Each region starts on the MCU grid; its file holds the MCUs covering
 * `widthPx x heightPx` and says that size in its frame header, so decoders show exactly the
 * region (the mosaic pixels of the last, partly covered MCUs are the padding).
 */
export function splitJpegMosaic(jpeg: Uint8Array, regions: readonly MosaicRegion[]): Uint8Array[] {
  const parsed = parseJpeg(jpeg);
  const mcuW = 8 * Math.max(...parsed.components.map((c) => c.h));
  const mcuH = 8 * Math.max(...parsed.components.map((c) => c.v));
  const mcusPerRow = Math.ceil(parsed.widthPx / mcuW);
  const mcuRows = Math.ceil(parsed.heightPx / mcuH);
  for (const r of regions) {
    const inside = r.x >= 0 && r.y >= 0 && r.widthPx > 0 && r.heightPx > 0 && r.x + r.widthPx <= mcusPerRow * mcuW && r.y + r.heightPx <= mcuRows * mcuH;
    if (r.x % mcuW !== 0 || r.y % mcuH !== 0 || !inside || r.widthPx > 0xffff || r.heightPx > 0xffff) {
      fail(`region ${r.x},${r.y} ${r.widthPx}x${r.heightPx} is not on the ${mcuW}x${mcuH} MCU grid of a ${parsed.widthPx}x${parsed.heightPx} image`);
    }
  }
  const index = indexMcus(parsed, mcusPerRow * mcuRows);
  const header = jpeg.slice(0, parsed.headerEnd);
  const nc = parsed.components.length;
  const pred = new Int32Array(nc);
  const writer = new BitWriter(header.length + (1 << 16));
  return regions.map((region) => {
    header[parsed.sofSizeOffset] = region.heightPx >> 8;
    header[parsed.sofSizeOffset + 1] = region.heightPx & 0xff;
    header[parsed.sofSizeOffset + 2] = region.widthPx >> 8;
    header[parsed.sofSizeOffset + 3] = region.widthPx & 0xff;
    writer.reset(header);
    pred.fill(0);
    const regionMcusX = Math.ceil(region.widthPx / mcuW);
    const regionMcuRows = Math.ceil(region.heightPx / mcuH);
    for (let r = 0; r < regionMcuRows; r++) {
      const m0 = (region.y / mcuH + r) * mcusPerRow + region.x / mcuW;
      for (let c = 0; c < nc; c++) {
        const at = m0 * nc + c;
        writeDc(writer, parsed.components[c].dc, index.firstDc[at] - pred[c]);
        const end = c + 1 < nc ? index.firstStart[at + 1] : index.mcuStart[m0 + 1];
        writer.copy(parsed.scan, index.firstDcEnd[at], end);
      }
      writer.copy(parsed.scan, index.mcuStart[m0 + 1], index.mcuStart[m0 + regionMcusX]);
      const last = (m0 + regionMcusX - 1) * nc;
      for (let c = 0; c < nc; c++) pred[c] = index.lastDc[last + c];
    }
    return writer.finish();
  });
}
