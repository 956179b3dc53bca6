/**
 * The block walk of a baseline scan (jpeg-scan.ts) in JavaScript: every Huffman-coded block is
 * stepped over to find where each MCU starts, decoding no coefficient but the DCs. The
 * reference for the WebAssembly walk (jpeg-scan-index-wasm.ts), and its fallback.
 */
import { FAST_BITS, fail } from './jpeg-scan.js';
import type { HuffmanTable, ParsedJpeg } from './jpeg-scan.js';

/**
 * Where the MCUs of a scan start (bit offsets into the unstuffed scan), and per MCU and
 * component a record of {@link MCU_RECORD} values.
 */
export interface McuIndex {
  /** Bit offset of each MCU, then the end of the last. */
  mcuStart: Int32Array;
  /** Per MCU m and component c at (m * components + c) * 4: first block's start, where its DC code ends, its DC, the last block's DC. */
  records: Int32Array;
}

/** Values per (MCU, component) record of {@link McuIndex.records}. */
export const MCU_RECORD = 4;

/**
 * AC lookahead of {@link AC_BITS} bits: (bits to skip: code + magnitude) | (coefficients to advance << 5); advance 0
 * is the end of block; 0 means a longer code (slow path).
 */
export const AC_BITS = 10;

/** The AC lookahead table of `table` (see {@link AC_BITS}). */
export function acSkipTable(table: HuffmanTable): Uint16Array {
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

/** Walks every block of the scan, recording the {@link McuIndex}; refuses a bad code or a scan ending early (E_ARGUMENT). */
export function indexMcusJs(jpeg: ParsedJpeg, mcuCount: number): McuIndex {
  const { scan, components } = jpeg;
  const view = new DataView(scan.buffer, scan.byteOffset, scan.byteLength);
  const nc = components.length;
  const mcuStart = new Int32Array(mcuCount + 1);
  const records = new Int32Array(mcuCount * nc * MCU_RECORD);
  const acFast = components.map((c) => acSkipTable(c.ac));
  const pred = new Int32Array(nc);
  const limit = jpeg.scanBits + 16;
  let pos = 0;
  for (let m = 0; m < mcuCount; m++) {
    mcuStart[m] = pos;
    for (let c = 0; c < nc; c++) {
      const comp = components[c];
      const dcFast = comp.dc.fast;
      const ac = acFast[c];
      const blocks = comp.h * comp.v;
      const at = (m * nc + c) * MCU_RECORD;
      for (let b = 0; b < blocks; b++) {
        if (b === 0) records[at] = pos;
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
          records[at + 1] = pos;
          records[at + 2] = pred[c];
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
      records[at + 3] = pred[c];
    }
  }
  mcuStart[mcuCount] = pos;
  return { mcuStart, records };
}
