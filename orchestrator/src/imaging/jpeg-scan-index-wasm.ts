/**
 * The block walk of jpeg-scan-index-js.ts in WebAssembly (jpeg-scan-index-wat.ts), giving the
 * same index and refusing the same scans. The walk is bit reads and table lookups, one per
 * Huffman code; V8's JavaScript spends several times the instructions on each (DataView
 * reads, bounds checks, number tags).
 *
 * Per call: the component tables go into the module's memory, then the unstuffed scan, which
 * the module copies reversed (one little-endian load is then a big-endian word); the walk
 * writes the index behind it, and the index is copied out. The module is assembled and
 * compiled at first use, its memory grows as needed and is kept.
 */
import { JPEG_SCAN_INDEX_WAT, COMPONENT, COMPONENT_BYTES } from './jpeg-scan-index-wat.js';
import { acSkipTable, MCU_RECORD } from './jpeg-scan-index-js.js';
import type { McuIndex } from './jpeg-scan-index-js.js';
import { fail } from './jpeg-scan.js';
import type { ParsedJpeg } from './jpeg-scan.js';
import { assembleWat } from './wat-assembler.js';
import { WASM_PAGE_BYTES, wasmApi as api } from './wasm-api.js';
import type { WasmMemory } from './wasm-api.js';

interface ScanKernel {
  memory: WasmMemory;
  reverse: (src: number, dst: number, n: number) => void;
  index: (components: number, count: number, mcus: number, word0: number, limit: number, records: number, starts: number) => number;
}

/** Components in a scan: at most 4 (JPEG). */
const MAX_COMPONENTS = 4;

let kernel: ScanKernel | null | undefined;

/** The kernel, compiled once; null where the engine has no WebAssembly (SIMD). */
export function scanIndexKernel(): ScanKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  if (!api) return kernel;
  let module: object;
  try {
    module = new api.Module(assembleWat(JPEG_SCAN_INDEX_WAT));
  } catch (error) {
    // an engine without SIMD rejects the module: the JavaScript walk serves
    if (!(error instanceof api.CompileError)) throw error;
    return kernel;
  }
  const memory = new api.Memory({ initial: 64 });
  const { exports } = new api.Instance(module, { env: { memory } });
  kernel = { memory, reverse: exports.reverse as ScanKernel['reverse'], index: exports.index as ScanKernel['index'] };
  return kernel;
}

const align16 = (v: number): number => (v + 15) & ~15;

/**
 * {@link indexMcusJs} in WebAssembly; undefined where the engine cannot run it (the caller
 * falls back to JavaScript) or for a scan of no MCUs.
 */
export function indexMcusWasm(jpeg: ParsedJpeg, mcuCount: number): McuIndex | undefined {
  const k = scanIndexKernel();
  const nc = jpeg.components.length;
  if (!k || mcuCount === 0 || nc > MAX_COMPONENTS) return undefined;
  const scanBytes = align16(jpeg.scan.length);
  const copyAt = MAX_COMPONENTS * COMPONENT_BYTES;
  const reversedAt = copyAt + scanBytes;
  const recordsAt = reversedAt + scanBytes;
  const recordCount = mcuCount * nc * MCU_RECORD;
  const startsAt = recordsAt + recordCount * 4;
  const end = startsAt + (mcuCount + 1) * 4;
  // positions are i32 bits
  if (jpeg.scanBits + 16 > 0x7fffffff - 4096 || end > 0x7fff0000) return undefined;
  const have = k.memory.buffer.byteLength;
  if (have < end) k.memory.grow(Math.ceil((end - have) / WASM_PAGE_BYTES));
  const buffer = k.memory.buffer;
  const heap = new Uint8Array(buffer);
  const words = new Int32Array(buffer);
  jpeg.components.forEach((comp, c) => {
    const base = c * COMPONENT_BYTES;
    heap.set(new Uint8Array(comp.dc.fast.buffer, comp.dc.fast.byteOffset, comp.dc.fast.byteLength), base + COMPONENT.dcFast);
    const ac = acSkipTable(comp.ac);
    heap.set(new Uint8Array(ac.buffer, ac.byteOffset, ac.byteLength), base + COMPONENT.acFast);
    words.set(comp.dc.maxCode, (base + COMPONENT.dcMaxCode) >> 2);
    words.set(comp.dc.valOffset, (base + COMPONENT.dcValOffset) >> 2);
    words.set(comp.ac.maxCode, (base + COMPONENT.acMaxCode) >> 2);
    words.set(comp.ac.valOffset, (base + COMPONENT.acValOffset) >> 2);
    heap.fill(0, base + COMPONENT.dcValues, base + COMPONENT.blocks);
    heap.set(comp.dc.values, base + COMPONENT.dcValues);
    heap.set(comp.ac.values, base + COMPONENT.acValues);
    words[(base + COMPONENT.blocks) >> 2] = comp.h * comp.v;
    words[(base + COMPONENT.pred) >> 2] = 0;
  });
  heap.set(jpeg.scan, copyAt);
  k.reverse(copyAt, reversedAt, scanBytes);
  // byte i of the scan is at reversedAt + scanBytes - 1 - i: the word at byte 0 starts 3 below
  const result = k.index(0, nc, mcuCount, reversedAt + scanBytes - 4, jpeg.scanBits + 16, recordsAt, startsAt);
  if (result === -2) fail('the scan ends before its last MCU');
  if (result >= 0) fail(`bad Huffman code at bit ${result}`);
  return {
    mcuStart: new Int32Array(buffer, startsAt, mcuCount + 1).slice(),
    records: new Int32Array(buffer, recordsAt, recordCount).slice(),
  };
}
