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
 * interleaved scan, no restart markers. Anything else is refused (E_ARGUMENT). Finding the MCU
 * boundaries means walking every Huffman-coded block of the scan: in WebAssembly
 * (jpeg-scan-index-wasm.ts) where the engine has it, else in JavaScript (jpeg-scan-index-js.ts).
 */
import { indexMcusJs, MCU_RECORD } from './jpeg-scan-index-js.js';
import { indexMcusWasm } from './jpeg-scan-index-wasm.js';
import { fail, parseJpeg } from './jpeg-scan.js';
import type { HuffmanTable } from './jpeg-scan.js';

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
  const index = indexMcusWasm(parsed, mcusPerRow * mcuRows) ?? indexMcusJs(parsed, mcusPerRow * mcuRows);
  const { mcuStart, records } = index;
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
        const at = (m0 * nc + c) * MCU_RECORD;
        writeDc(writer, parsed.components[c].dc, records[at + 2] - pred[c]);
        const end = c + 1 < nc ? records[at + MCU_RECORD] : mcuStart[m0 + 1];
        writer.copy(parsed.scan, records[at + 1], end);
      }
      writer.copy(parsed.scan, mcuStart[m0 + 1], mcuStart[m0 + regionMcusX]);
      const last = (m0 + regionMcusX - 1) * nc * MCU_RECORD;
      for (let c = 0; c < nc; c++) pred[c] = records[last + c * MCU_RECORD + 3];
    }
    return writer.finish();
  });
}
