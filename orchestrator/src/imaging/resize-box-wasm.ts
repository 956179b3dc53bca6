/**
 * The WebAssembly SIMD implementation of {@link resizeBoxInto}, byte-identical to the JavaScript
 * reference (resize-box-js.ts): the same 14-bit taps, the same two passes and roundings, in i16
 * and i32 lanes. V8 does not vectorise the JavaScript loops; here one instruction does 8
 * multiply-adds. The kernel is WAT text (resize-box-wat.ts) assembled and compiled at first use,
 * so there is no build output to keep.
 *
 * Per call: the source rows the taps read are copied into the module's memory, the tap tables
 * are copied next to them (built once per crop size: the taps are cached, and so are the tables
 * made from them), the kernel runs both passes, and the output rows are copied into the target.
 * A target made by {@link allocateResizeTarget} (the crop mosaic) lives in a memory of its own
 * with scratch room behind it, and the kernel writes into it directly: copying 256 rows out cost
 * about as much as both passes together.
 */
import { cachedTriangleTaps, tapSpan } from './box-taps.js';
import type { BoxTaps } from './box-taps.js';
import { RESIZE_BOX_WAT } from './resize-box-wat.js';
import type { RawImage } from './raw-image.js';
import { assembleWat } from './wat-assembler.js';
import { WASM_PAGE_BYTES, wasmApi as api } from './wasm-api.js';
import type { WasmMemory } from './wasm-api.js';

type Pass = (...args: number[]) => void;

/** The compiled kernel with its memory. */
export interface ResizeKernel {
  memory: WasmMemory;
  /** A view of the whole memory, renewed when it grows. */
  heap: Uint8Array;
  /** Where the scratch area starts (after a target image living in this memory). */
  scratchAt: number;
  /** False for a target's memory: growing would detach the image's pixels. */
  growable: boolean;
  hpassQ: Pass;
  hpassQ2: Pass;
  hpassN: Pass;
  hscalar: Pass;
  vpass: Pass;
}


/** Scratch room behind a target image: a 1280 x 720 frame's rows fit, larger boxes go through the shared memory. */
const TARGET_SCRATCH_BYTES = 4 << 20;
/** A 32-bit memory holds at most 4 GiB; far larger targets than a mosaic stay ordinary arrays. */
const MAX_TARGET_MEMORY_BYTES = 1 << 30;

let compiled: object | null | undefined;
let kernel: ResizeKernel | null | undefined;
/** The kernels of targets' memories, by their memory's buffer. */
const targetKernels = new WeakMap<ArrayBufferLike, ResizeKernel>();

/** The kernel module, assembled and compiled once; null where the engine has no WebAssembly SIMD. */
function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (!api) return compiled;
  try {
    compiled = new api.Module(assembleWat(RESIZE_BOX_WAT));
  } catch (error) {
    // an engine without SIMD rejects the module: the JavaScript implementation serves
    if (!(error instanceof api.CompileError)) throw error;
  }
  return compiled;
}

function instantiate(module: object, memory: WasmMemory, scratchAt: number, growable: boolean): ResizeKernel {
  const { exports } = new api!.Instance(module, { env: { memory } });
  const pass = (name: string): Pass => exports[name] as Pass;
  return { memory, heap: new Uint8Array(memory.buffer), scratchAt, growable, hpassQ: pass('hpassQ'), hpassQ2: pass('hpassQ2'), hpassN: pass('hpassN'), hscalar: pass('hscalar'), vpass: pass('vpass') };
}

/** The shared kernel (its memory grows as needed); null where the engine has no WebAssembly SIMD. */
export function resizeKernel(): ResizeKernel | null {
  if (kernel === undefined) {
    const module = kernelModule();
    kernel = module && instantiate(module, new api!.Memory({ initial: 32 }), 0, true);
  }
  return kernel;
}

/**
 * A zeroed RGB image of `widthPx x heightPx` that {@link resizeBoxInto} writes into without
 * copying: its pixels live in a WebAssembly memory of their own (a plain array where the engine
 * has no WebAssembly SIMD). The memory never grows, so the view stays valid.
 */
export function allocateResizeTarget(widthPx: number, heightPx: number): RawImage {
  const bytes = widthPx * heightPx * 3;
  const plain = (): RawImage => ({ width: widthPx, height: heightPx, channels: 3, data: new Uint8Array(bytes) });
  const module = kernelModule();
  const scratchAt = align16(bytes);
  if (!module || scratchAt + TARGET_SCRATCH_BYTES > MAX_TARGET_MEMORY_BYTES) return plain();
  let memory: WasmMemory;
  try {
    memory = new api!.Memory({ initial: Math.ceil((scratchAt + TARGET_SCRATCH_BYTES) / WASM_PAGE_BYTES) });
  } catch (error) {
    // no room for another memory (address space, not pixels): an ordinary array serves
    if (error instanceof RangeError) return plain();
    throw error;
  }
  const k = instantiate(module, memory, scratchAt, false);
  targetKernels.set(memory.buffer, k);
  return { width: widthPx, height: heightPx, channels: 3, data: new Uint8Array(memory.buffer, 0, bytes) };
}

const align16 = (v: number): number => (v + 15) & ~15;

/** The horizontal pass for one set of taps: which kernel function, its table, the columns it reads. */
interface HorizontalPlan {
  kind: 'q15' | 'dot' | 'scalar';
  table: Uint8Array;
  pairs: number;
  /** Columns read, relative to the box's left edge. */
  colLo: number;
  colHi: number;
}

/** `hpassQ`'s table: per 8 output bytes [window offset, a mask, b mask, 2 w0]; undefined when a window is too narrow. */
function q15Table(taps: BoxTaps, colLo: number, rowBytes: number, chunks: number): Uint8Array | undefined {
  const { first, count, weights, maxTaps } = taps;
  // 0x80 selects 0: the high bytes of the i16 lanes, and lanes past the row
  const table = new Uint8Array(chunks * 2 * 64).fill(0x80);
  const words = new Int32Array(table.buffer);
  const halves = new Int16Array(table.buffer);
  for (let g = 0; g < chunks * 2; g++) {
    const e = g * 64;
    const end = Math.min(rowBytes, g * 8 + 8);
    let lo = 1 << 30;
    let hi = -1;
    for (let b = g * 8; b < end; b++) {
      const x = (b / 3) | 0;
      const a = (first[x] - colLo) * 3 + (b - x * 3);
      if (a < lo) lo = a;
      const last = count[x] === 2 ? a + 3 : a;
      if (last > hi) hi = last;
    }
    if (hi - lo > 15) return undefined;
    const base = hi < 0 ? 0 : lo;
    words[e >> 2] = base;
    for (let k = 0; k < 8; k++) {
      const b = g * 8 + k;
      halves[(e >> 1) + 24 + k] = 0;
      if (b >= end) continue;
      const x = (b / 3) | 0;
      const a = (first[x] - colLo) * 3 + (b - x * 3) - base;
      const w0 = weights[x * maxTaps];
      // one tap, or all the weight on the first (2 w0 would not fit i16): b = a, the blend is a
      const blend = count[x] === 2 && w0 < 16384;
      table[e + 16 + k * 2] = a;
      table[e + 32 + k * 2] = blend ? a + 3 : a;
      if (blend) halves[(e >> 1) + 24 + k] = w0 * 2;
    }
  }
  return table;
}

/** `hpassN`'s table: per 4 output bytes, `pairs` entries [window offset, mask, i16 weights]; undefined when a window is too narrow. */
function dotTable(taps: BoxTaps, colLo: number, rowBytes: number, chunks: number, pairs: number): Uint8Array | undefined {
  const { first, count, weights, maxTaps } = taps;
  const table = new Uint8Array(chunks * 4 * pairs * 48);
  const words = new Int32Array(table.buffer);
  const halves = new Int16Array(table.buffer);
  for (let g = 0, e = 0; g < chunks * 4; g++) {
    for (let p = 0; p < pairs; p++, e += 48) {
      // lane k: output byte g * 4 + k / 2, tap 2 p + k % 2; the window starts at the first tap used
      let lo = 1 << 30;
      let hi = -1;
      for (let b = g * 4; b < Math.min(rowBytes, g * 4 + 4); b++) {
        const x = (b / 3) | 0;
        const t = p * 2;
        if (t >= count[x]) continue;
        const offset = (first[x] - colLo + t) * 3 + (b - x * 3);
        if (offset < lo) lo = offset;
        const last = t + 1 < count[x] ? offset + 3 : offset;
        if (last > hi) hi = last;
      }
      if (hi - lo > 15) return undefined;
      const base = hi < 0 ? 0 : lo;
      words[e >> 2] = base;
      for (let k = 0; k < 8; k++) {
        const b = g * 4 + (k >> 1);
        const t = p * 2 + (k & 1);
        const x = (b / 3) | 0;
        const used = b < rowBytes && t < count[x];
        table[e + 16 + k * 2] = used ? (first[x] - colLo + t) * 3 + (b - x * 3) - base : 0x80;
        table[e + 17 + k * 2] = 0x80;
        halves[(e >> 1) + 16 + k] = used ? weights[x * maxTaps + t] : 0;
      }
    }
  }
  return table;
}

/** `hscalar`'s table: per output byte [offset, n, n weights]. */
function scalarTable(taps: BoxTaps, colLo: number, rowBytes: number): Uint8Array {
  const { first, count, weights, maxTaps } = taps;
  let size = 0;
  for (let b = 0; b < rowBytes; b++) size += 2 + count[(b / 3) | 0];
  const words = new Int32Array(size);
  for (let b = 0, e = 0; b < rowBytes; b++) {
    const x = (b / 3) | 0;
    words[e++] = (first[x] - colLo) * 3 + (b - x * 3);
    words[e++] = count[x];
    for (let t = 0; t < count[x]; t++) words[e++] = weights[x * maxTaps + t];
  }
  return new Uint8Array(words.buffer);
}

function horizontalPlan(taps: BoxTaps, widthPx: number): HorizontalPlan {
  const [colLo, colHi] = tapSpan(taps);
  const rowBytes = widthPx * 3;
  const chunks = align16(rowBytes) / 16;
  let maxCount = 0;
  for (let x = 0; x < widthPx; x++) maxCount = Math.max(maxCount, taps.count[x]);
  const pairs = (maxCount + 1) >> 1;
  const q15 = pairs === 1 ? q15Table(taps, colLo, rowBytes, chunks) : undefined;
  if (q15) return { kind: 'q15', table: q15, pairs, colLo, colHi };
  const dot = dotTable(taps, colLo, rowBytes, chunks, pairs);
  if (dot) return { kind: 'dot', table: dot, pairs, colLo, colHi };
  return { kind: 'scalar', table: scalarTable(taps, colLo, rowBytes), pairs, colLo, colHi };
}

/** `vpass`'s table, row offsets relative to the scratch rows of `stride` bytes. */
function verticalTable(taps: BoxTaps, stride: number): Uint8Array {
  const { first, count, weights, maxTaps } = taps;
  const [rowLo] = tapSpan(taps);
  let size = 0;
  for (let y = 0; y < first.length; y++) size += count[y] <= 2 ? 4 : 4 + 4 * ((count[y] + 1) >> 1);
  const words = new Int32Array(size);
  for (let y = 0, e = 0; y < first.length; y++) {
    const n = count[y];
    const a = (first[y] - rowLo) * stride;
    const w = y * maxTaps;
    if (n <= 2) {
      // b + q15mulr(a - b, 2 w0), as in q15Table
      const blend = n === 2 && weights[w] < 16384;
      words[e + 1] = a;
      words[e + 2] = blend ? a + stride : a;
      words[e + 3] = blend ? weights[w] * 2 : 0;
      e += 4;
      continue;
    }
    const pairs = (n + 1) >> 1;
    words[e] = pairs;
    e += 4;
    for (let t = 0; t < pairs * 2; t += 2, e += 4) {
      // an odd last tap pairs with itself at weight 0
      const second = t + 1 < n;
      words[e] = a + t * stride;
      words[e + 1] = a + (second ? t + 1 : t) * stride;
      words[e + 2] = weights[w + t] | ((second ? weights[w + t + 1] : 0) << 16);
    }
  }
  return new Uint8Array(words.buffer);
}

/** Plans made from cached taps live as long as the taps. */
const horizontalPlans = new WeakMap<BoxTaps, HorizontalPlan>();
const verticalTables = new WeakMap<BoxTaps, { stride: number; table: Uint8Array }>();

function ensureHeap(k: ResizeKernel, bytes: number): Uint8Array {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) {
    k.memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
    k.heap = new Uint8Array(k.memory.buffer);
  }
  return k.heap;
}

/** Scratch bytes of a call: source rows (+ slack for the last 16-byte window), scratch rows, output rows unless written in place, tables. */
function scratchLayout(rows: number, spanBytes: number, stride: number, outRows: number, hTableBytes: number, vTableBytes: number) {
  const mid = align16(rows * spanBytes + 16);
  const out = mid + rows * stride;
  const hTable = out + outRows * stride;
  const vTable = align16(hTable + hTableBytes);
  return { mid, out, hTable, vTable, end: vTable + vTableBytes };
}

/**
 * Resamples `box` of the RGB `source` into the `widthPx x heightPx` rectangle of the RGB
 * `target` at (`atX`, `atY`) with the `shared` kernel, or the target's own (arguments checked by
 * resizeBoxInto).
 */
export function resizeBoxWasm(shared: ResizeKernel, source: RawImage, box: readonly [number, number, number, number], target: RawImage, atX: number, atY: number, widthPx: number, heightPx: number): void {
  const [x0, y0, x1, y1] = box;
  const horizontal = cachedTriangleTaps(x0, x1 - x0, source.width, widthPx);
  const vertical = cachedTriangleTaps(y0, y1 - y0, source.height, heightPx);
  const rowBytes = widthPx * 3;
  const stride = align16(rowBytes);
  let plan = horizontalPlans.get(horizontal);
  if (!plan) {
    plan = horizontalPlan(horizontal, widthPx);
    horizontalPlans.set(horizontal, plan);
  }
  let vTable = verticalTables.get(vertical);
  if (vTable?.stride !== stride) {
    vTable = { stride, table: verticalTable(vertical, stride) };
    verticalTables.set(vertical, vTable);
  }
  const [rowLo, rowHi] = tapSpan(vertical);
  const rows = rowHi - rowLo;
  const spanBytes = (plan.colHi - plan.colLo) * 3;
  const dstStride = target.width * 3;
  // in place when the target is an image in a kernel's memory (clear of its scratch) with room for this call, and rows are a vector or more
  const own = targetKernels.get(target.data.buffer);
  const inPlace =
    own !== undefined &&
    rowBytes >= 16 &&
    target.data.byteOffset + target.data.length <= own.scratchAt &&
    own.scratchAt + scratchLayout(rows, spanBytes, stride, 0, plan.table.length, vTable.table.length).end <= own.heap.length;
  const k = inPlace ? own : shared;
  const base = k.scratchAt;
  const at = scratchLayout(rows, spanBytes, stride, inPlace ? 0 : heightPx, plan.table.length, vTable.table.length);
  const heap = k.growable ? ensureHeap(k, base + at.end) : k.heap;
  const src = source.data;
  const srcStride = source.width * 3;
  const srcFirst = (y0 + rowLo) * srcStride + (x0 + plan.colLo) * 3;
  const srcBuffer = src.buffer;
  for (let r = 0; r < rows; r++) {
    // a plain view: cheaper than subarray() for a row this short
    heap.set(new Uint8Array(srcBuffer, src.byteOffset + srcFirst + r * srcStride, spanBytes), base + r * spanBytes);
  }
  heap.set(plan.table, base + at.hTable);
  heap.set(vTable.table, base + at.vTable);
  const chunks = stride / 16;
  if (plan.kind === 'q15') {
    // two rows per table entry, then the odd one
    k.hpassQ2(base, spanBytes, rows >> 1, base + at.mid, stride, base + at.hTable, chunks);
    if (rows & 1) k.hpassQ(base + (rows - 1) * spanBytes, spanBytes, 1, base + at.mid + (rows - 1) * stride, stride, base + at.hTable, chunks);
  } else if (plan.kind === 'dot') k.hpassN(base, spanBytes, rows, base + at.mid, stride, base + at.hTable, chunks, plan.pairs);
  else k.hscalar(base, spanBytes, rows, base + at.mid, stride, base + at.hTable, rowBytes);
  if (inPlace) {
    k.vpass(target.data.byteOffset + atY * dstStride + atX * 3, dstStride, heightPx, base + at.vTable, chunks, base + at.mid, rowBytes - 16);
    return;
  }
  k.vpass(base + at.out, stride, heightPx, base + at.vTable, chunks, base + at.mid, stride - 16);
  const dst = target.data;
  for (let y = 0; y < heightPx; y++) {
    const from = base + at.out + y * stride;
    dst.set(heap.subarray(from, from + rowBytes), (atY + y) * dstStride + atX * 3);
  }
}
