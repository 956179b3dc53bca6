/**
 * The WebAssembly SIMD kernel of resize-box-wasm.ts, as WAT text (assembled at first use by
 * wat-assembler.ts). Four functions over one memory, with pointers and tables laid out by the
 * caller; all arithmetic is the JavaScript reference's (resize-box-js.ts), so the bytes agree:
 *
 * - `hpassQ`: horizontal pass when every output has at most two taps (upscaling). Per 8 output
 *   bytes a table entry [window offset (i32, padded to 16), a mask, b mask, 2 w0 (i16x8)]: the
 *   two taps are gathered from one 16-byte window by swizzles into i16 lanes, and
 *   b + q15mulr(a - b, 2 w0) = b + ((a - b) w0 + 2^13) >> 14 is exactly the reference's
 *   (a w0 + b (2^14 - w0) + 2^13) >> 14. `hpassQ2` does two rows per table entry.
 * - `hpassN`: horizontal pass with `pairs` tap pairs per 4 output bytes. Entries [window offset,
 *   mask, i16 weights] per pair: the taps swizzled into i16 pairs and i32x4.dot_i16x8_s, i32 sums
 *   as in the reference.
 * - `hscalar`: the same one byte at a time, for taps wider than a window (shrinking past 4x).
 * - `vpass`: vertical pass, per output row [0, a, b, 2 w0] (at most two taps; the q15 blend above)
 *   or [pairs, 0, 0, 0] then per pair [a, b, wa | wb << 16, 0] (two rows' bytes interleaved, dot
 *   products); row offsets relative to `mid`. It may write straight into the target image: the
 *   last of a row's `vecs` vectors starts at `last` (row bytes - 16), overlapping the one before
 *   rather than writing past the rectangle.
 */

const HALF = 'v128.const i32x4 8192 8192 8192 8192';

/** `local.set` of `name` decremented, then `br_if label` while it is not zero. */
const countDown = (name: string, label: string): string => `
      local.get ${name}
      i32.const 1
      i32.sub
      local.tee ${name}
      br_if ${label}`;

/** Advances pointer local `name` by `bytes`. */
const advance = (name: string, bytes: number | string): string => `
      local.get ${name}
      ${typeof bytes === 'number' ? `i32.const ${bytes}` : `local.get ${bytes}`}
      i32.add
      local.set ${name}`;

/** Row loop shared by the horizontal passes: `body` fills row `$mid` from row `$src`. */
const horizontalRows = (body: string): string => `
    local.get $rows
    i32.eqz
    if
      return
    end
    loop $rowLoop${body}${advance('$src', '$srcStride')}${advance('$mid', '$midStride')}${countDown('$rows', '$rowLoop')}
    end`;

/** 8 output bytes of `hpassQ` into i16 local `half`. */
const q15Half = (half: string): string => `
      local.get $src
      local.get $t
      i32.load
      i32.add
      v128.load align=1
      local.tee $window
      local.get $t
      v128.load offset=16
      i8x16.swizzle
      local.get $window
      local.get $t
      v128.load offset=32
      i8x16.swizzle
      local.tee ${half}
      i16x8.sub
      local.get $t
      v128.load offset=48
      i16x8.q15mulr_sat_s
      local.get ${half}
      i16x8.add
      local.set ${half}${advance('$t', 64)}`;

const hpassQ = `
  (func $hpassQ (export "hpassQ")
    (param $src i32) (param $srcStride i32) (param $rows i32) (param $mid i32) (param $midStride i32) (param $table i32) (param $chunks i32)
    (local $out i32) (local $t i32) (local $c i32)
    (local $window v128) (local $lo v128) (local $hi v128)${horizontalRows(`
      local.get $mid
      local.set $out
      local.get $table
      local.set $t
      local.get $chunks
      local.set $c
      loop $chunkLoop${q15Half('$lo')}${q15Half('$hi')}
      local.get $out
      local.get $lo
      local.get $hi
      i8x16.narrow_i16x8_u
      v128.store align=1${advance('$out', 16)}${countDown('$c', '$chunkLoop')}
      end`)}
  )`;

/** 8 output bytes of two rows (`$src`, `$src + $srcStride`) into i16 locals `half1`, `half2`: one table entry, two windows. */
const q15HalfTwoRows = (half1: string, half2: string): string => `
      local.get $src
      local.get $t
      i32.load
      i32.add
      local.set $p
      local.get $t
      v128.load offset=16
      local.set $maskA
      local.get $t
      v128.load offset=32
      local.set $maskB
      local.get $t
      v128.load offset=48
      local.set $w${[half1, half2].map((half, row) => `
      local.get $p${row ? '\n      local.get $srcStride\n      i32.add' : ''}
      v128.load align=1
      local.tee $window
      local.get $maskA
      i8x16.swizzle
      local.get $window
      local.get $maskB
      i8x16.swizzle
      local.tee ${half}
      i16x8.sub
      local.get $w
      i16x8.q15mulr_sat_s
      local.get ${half}
      i16x8.add
      local.set ${half}`).join('')}${advance('$t', 64)}`;

/** `hpassQ` on `$pairs` pairs of rows: each table entry serves two rows. */
const hpassQ2 = `
  (func $hpassQ2 (export "hpassQ2")
    (param $src i32) (param $srcStride i32) (param $pairs i32) (param $mid i32) (param $midStride i32) (param $table i32) (param $chunks i32)
    (local $out i32) (local $t i32) (local $c i32) (local $p i32)
    (local $window v128) (local $maskA v128) (local $maskB v128) (local $w v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    local.get $pairs
    i32.eqz
    if
      return
    end
    loop $rowLoop
      local.get $mid
      local.set $out
      local.get $table
      local.set $t
      local.get $chunks
      local.set $c
      loop $chunkLoop${q15HalfTwoRows('$lo1', '$lo2')}${q15HalfTwoRows('$hi1', '$hi2')}
      local.get $out
      local.get $lo1
      local.get $hi1
      i8x16.narrow_i16x8_u
      v128.store align=1
      local.get $out
      local.get $midStride
      i32.add
      local.get $lo2
      local.get $hi2
      i8x16.narrow_i16x8_u
      v128.store align=1${advance('$out', 16)}${countDown('$c', '$chunkLoop')}
      end${advance('$src', '$srcStride')}${advance('$src', '$srcStride')}${advance('$mid', '$midStride')}${advance('$mid', '$midStride')}${countDown('$pairs', '$rowLoop')}
    end
  )`;

/** 4 output bytes of `hpassN` into i32 local `acc`: HALF + the dot products of every tap pair. */
const dotGroup = (acc: string): string => `
      ${HALF}
      local.set ${acc}
      local.get $pairs
      local.set $p
      loop $pairLoop
      local.get ${acc}
      local.get $src
      local.get $t
      i32.load
      i32.add
      v128.load align=1
      local.get $t
      v128.load offset=16
      i8x16.swizzle
      local.get $t
      v128.load offset=32
      i32x4.dot_i16x8_s
      i32x4.add
      local.set ${acc}${advance('$t', 48)}${countDown('$p', '$pairLoop')}
      end`;

/** Rounds four i32x4 sums (>> 14) and stores them as 16 bytes at `$out`, which advances. */
const storeSums = (a: string, b: string, c: string, d: string): string => `
      local.get $out
      ${[a, b].map((x) => `local.get ${x}\n      i32.const 14\n      i32x4.shr_s`).join('\n      ')}
      i16x8.narrow_i32x4_s
      ${[c, d].map((x) => `local.get ${x}\n      i32.const 14\n      i32x4.shr_s`).join('\n      ')}
      i16x8.narrow_i32x4_s
      i8x16.narrow_i16x8_u
      v128.store align=1${advance('$out', 16)}`;

const hpassN = `
  (func $hpassN (export "hpassN")
    (param $src i32) (param $srcStride i32) (param $rows i32) (param $mid i32) (param $midStride i32) (param $table i32) (param $chunks i32) (param $pairs i32)
    (local $out i32) (local $t i32) (local $c i32) (local $p i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)${horizontalRows(`
      local.get $mid
      local.set $out
      local.get $table
      local.set $t
      local.get $chunks
      local.set $c
      loop $chunkLoop${dotGroup('$a0')}${dotGroup('$a1')}${dotGroup('$a2')}${dotGroup('$a3')}${storeSums('$a0', '$a1', '$a2', '$a3')}${countDown('$c', '$chunkLoop')}
      end`)}
  )`;

/** Per output byte of a row the table holds [offset, n, n weights]; taps are 3 bytes apart. */
const hscalar = `
  (func $hscalar (export "hscalar")
    (param $src i32) (param $srcStride i32) (param $rows i32) (param $mid i32) (param $midStride i32) (param $table i32) (param $bytes i32)
    (local $t i32) (local $out i32) (local $b i32) (local $p i32) (local $n i32) (local $acc i32)${horizontalRows(`
      local.get $table
      local.set $t
      local.get $mid
      local.set $out
      local.get $bytes
      local.set $b
      loop $byteLoop
      local.get $src
      local.get $t
      i32.load
      i32.add
      local.set $p
      local.get $t
      i32.load offset=4
      local.set $n${advance('$t', 8)}
      i32.const 8192
      local.set $acc
      loop $tapLoop
      local.get $acc
      local.get $p
      i32.load8_u
      local.get $t
      i32.load
      i32.mul
      i32.add
      local.set $acc${advance('$p', 3)}${advance('$t', 4)}${countDown('$n', '$tapLoop')}
      end
      local.get $out
      local.get $acc
      i32.const 14
      i32.shr_u
      i32.store8${advance('$out', 1)}${countDown('$b', '$byteLoop')}
      end`)}
  )`;

/** 8 bytes of a two-tap output row into i16 local `half`: b + q15mulr(a - b, w). */
const verticalHalf = (half: string, extend: string): string => `
      local.get $vb
      ${extend}
      local.tee ${half}
      local.get $va
      ${extend}
      local.get ${half}
      i16x8.sub
      local.get $w
      i16x8.q15mulr_sat_s
      i16x8.add
      local.set ${half}`;

/** One tap pair of the many-tap vertical path: interleaved bytes of rows a and b, dot (wa, wb). */
const verticalPair = (acc: string, from: string, extend: string): string => `
      local.get ${acc}
      local.get ${from}
      ${extend}
      local.get $w
      i32x4.dot_i16x8_s
      i32x4.add
      local.set ${acc}`;

/** Advances `$off` by 16, to at most `$last` (a last vector overlapping its neighbour, not the pixels past the row). */
const nextVector = `
      local.get $off
      i32.const 16
      i32.add
      local.tee $off
      local.get $last
      local.get $off
      local.get $last
      i32.lt_s
      select
      local.set $off`;

const vpass = `
  (func $vpass (export "vpass")
    (param $out i32) (param $outStride i32) (param $rowsOut i32) (param $table i32) (param $vecs i32) (param $mid i32) (param $last i32)
    (local $t i32) (local $a i32) (local $b i32) (local $i i32) (local $p i32) (local $q i32) (local $pairs i32) (local $off i32) (local $base i32)
    (local $w v128) (local $va v128) (local $vb v128) (local $lo v128) (local $hi v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    local.get $table
    local.set $t
    local.get $rowsOut
    i32.eqz
    if
      return
    end
    loop $rowLoop
      i32.const 0
      local.set $off
      local.get $vecs
      local.set $i
      local.get $t
      i32.load
      local.tee $pairs
      i32.eqz
      if
      local.get $mid
      local.get $t
      i32.load offset=4
      i32.add
      local.set $a
      local.get $mid
      local.get $t
      i32.load offset=8
      i32.add
      local.set $b
      local.get $t
      i32.load offset=12
      i16x8.splat
      local.set $w
      loop $q15Loop
      local.get $a
      local.get $off
      i32.add
      v128.load align=1
      local.set $va
      local.get $b
      local.get $off
      i32.add
      v128.load align=1
      local.set $vb${verticalHalf('$lo', 'i16x8.extend_low_i8x16_u')}${verticalHalf('$hi', 'i16x8.extend_high_i8x16_u')}
      local.get $out
      local.get $off
      i32.add
      local.get $lo
      local.get $hi
      i8x16.narrow_i16x8_u
      v128.store align=1${nextVector}${countDown('$i', '$q15Loop')}
      end${advance('$t', 16)}
      else
      loop $vecLoop
      local.get $mid
      local.get $off
      i32.add
      local.set $base
      ${HALF}
      local.tee $c0
      local.tee $c1
      local.tee $c2
      local.set $c3
      local.get $t
      i32.const 16
      i32.add
      local.set $q
      local.get $pairs
      local.set $p
      loop $pairLoop
      local.get $q
      i32.load
      local.get $base
      i32.add
      v128.load align=1
      local.set $va
      local.get $q
      i32.load offset=4
      local.get $base
      i32.add
      v128.load align=1
      local.set $vb
      local.get $q
      v128.load32_splat offset=8
      local.set $w
      local.get $va
      local.get $vb
      i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23
      local.set $lo
      local.get $va
      local.get $vb
      i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31
      local.set $hi${verticalPair('$c0', '$lo', 'i16x8.extend_low_i8x16_u')}${verticalPair('$c1', '$lo', 'i16x8.extend_high_i8x16_u')}${verticalPair('$c2', '$hi', 'i16x8.extend_low_i8x16_u')}${verticalPair('$c3', '$hi', 'i16x8.extend_high_i8x16_u')}${advance('$q', 16)}${countDown('$p', '$pairLoop')}
      end
      local.get $out
      local.get $off
      i32.add
      ${['$c0', '$c1'].map((x) => `local.get ${x}\n      i32.const 14\n      i32x4.shr_s`).join('\n      ')}
      i16x8.narrow_i32x4_s
      ${['$c2', '$c3'].map((x) => `local.get ${x}\n      i32.const 14\n      i32x4.shr_s`).join('\n      ')}
      i16x8.narrow_i32x4_s
      i8x16.narrow_i16x8_u
      v128.store align=1${nextVector}${countDown('$i', '$vecLoop')}
      end
      local.get $q
      local.set $t
      end${advance('$out', '$outStride')}${countDown('$rowsOut', '$rowLoop')}
    end
  )`;

/** The kernel module; the caller provides `env.memory`. */
export const RESIZE_BOX_WAT = `(module
  (import "env" "memory" (memory 1))${hpassQ}${hpassQ2}${hpassN}${hscalar}${vpass}
)
`;
