/**
 * The slice of the WebAssembly API the project's kernels use (resize-box-wasm.ts,
 * jpeg-scan-index-wasm.ts): the project's lib settings do not declare it, and an engine
 * without WebAssembly leaves `wasmApi` undefined so the kernels fall back to JavaScript.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  CompileError: new () => Error;
}

/** Bytes in one WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

export const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
