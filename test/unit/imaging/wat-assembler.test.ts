import { describe, expect, it } from '@jest/globals';
import wabtInit from 'wabt';
import { JPEG_SCAN_INDEX_WAT } from '../../../orchestrator/src/imaging/jpeg-scan-index-wat.js';
import { RESIZE_BOX_WAT } from '../../../orchestrator/src/imaging/resize-box-wat.js';
import { assembleWat } from '../../../orchestrator/src/imaging/wat-assembler.js';

/** wabt's wat2wasm, the reference assembler. */
async function wat2wasm(text: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('test.wat', text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({ canonicalize_lebs: true }).buffer);
  } finally {
    module.destroy();
  }
}

const OTHER_SYNTAX = `(module
  ;; a line comment
  (import "env" "mem" (memory 2 300))
  (; a block comment ;)
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (param $x i32) (result i32) (local $y i32) (local $z i32) (local $v v128) (local $w i32)
    i32.const -1
    i32.const 0x7fffffff
    i32.const -2147483648
    i32.const 1_000
    drop
    drop
    drop
    local.set $y
    v128.const i16x8 -1 2 -3 4 -5 6 -7 32767
    v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
    i8x16.swizzle
    local.set $v
    block $out
      loop $again
        local.get $x
        i32.load8_u offset=1000000
        i32.eqz
        br_if $out
        local.get $x
        i32.const 1
        i32.sub
        local.tee $x
        br_if 0
      end
    end
    local.get $x
    if
      local.get $y
      return
    else
      nop
    end
    local.get $x
    local.get $y
    local.get $x
    select)
  (func $same (export "same") (param i32 i32) (result i32)
    local.get 1)
  (func $top (export "top") (param $p i32) (param $s i32) (result i32) (local $b i64)
    local.get $p
    i64.load offset=8 align=1
    local.get $s
    i64.extend_i32_u
    i64.shl
    i64.const 54
    i64.shr_u
    i64.const -7
    drop
    i32.wrap_i64))
`;

describe('assembleWat', () => {
  it("assembles the resize kernel byte for byte as wabt's wat2wasm does", async () => {
    const ours = assembleWat(RESIZE_BOX_WAT);
    const reference = await wat2wasm(RESIZE_BOX_WAT);
    expect(ours.length).toBe(reference.length);
    expect(Buffer.from(ours).equals(Buffer.from(reference))).toBe(true);
  });

  it("assembles the JPEG scan index kernel byte for byte as wabt's wat2wasm does", async () => {
    expect(Buffer.from(assembleWat(JPEG_SCAN_INDEX_WAT)).equals(Buffer.from(await wat2wasm(JPEG_SCAN_INDEX_WAT)))).toBe(true);
  });

  it('assembles comments, unnamed params, i64 loads, shifts and constants, results, memory limits, constants, labels by depth and if/else the same way', async () => {
    expect(Buffer.from(assembleWat(OTHER_SYNTAX)).toString('hex')).toBe(Buffer.from(await wat2wasm(OTHER_SYNTAX)).toString('hex'));
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => assembleWat('(module (func i32.frobnicate))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('"i32.frobnicate"') }));
    expect(() => assembleWat('(module (func (i32.add (i32.const 1) (i32.const 2))))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('flat instruction') }));
    expect(() => assembleWat('(module (func block $a br $b end))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('"$b"') }));
    expect(() => assembleWat('(module (func block))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('every block closed') }));
    expect(() => assembleWat('(module (func local.get $nope))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('"$nope"') }));
    expect(() => assembleWat('(module (func)')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => assembleWat('(module (table 1 funcref))')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('"table"') }));
  });

  it('makes a module the engine runs', () => {
    const wasm = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => number> }; Memory: new (d: { initial: number; maximum: number }) => object } }).WebAssembly;
    const { exports } = new wasm.Instance(new wasm.Module(assembleWat(OTHER_SYNTAX)), { env: { mem: new wasm.Memory({ initial: 2, maximum: 300 }) } });
    expect(exports.add(40, 2)).toBe(42);
    expect(exports.top(0, 0)).toBe(0);
  });
});
