/**
 * The block walk of jpeg-scan-index-js.ts as WebAssembly text (assembled at first use by
 * wat-assembler.ts), scalar i32 code over one memory laid out by jpeg-scan-index-wasm.ts:
 *
 * - `reverse(src, dst, n)`: the scan's bytes in reverse order (n a multiple of 16, by SIMD
 *   swizzles), so that one little-endian `i32.load` at `end - 4 - byte` is the big-endian word
 *   at `byte`: WebAssembly has no byte swap, and the walk reads a word per code.
 * - `index(components, count, mcus, word0, limit, records, starts)`: per component a
 *   {@link COMPONENT_BYTES}-byte record at `components` (offsets below: the DC lookahead, the AC
 *   skip table, canonical decoding tables, blocks per MCU, the DC predictor); writes the MCU
 *   starts and the (MCU, component) records as the JavaScript does. `word0` is the address of
 *   the word at bit 0. Returns -1 when done, -2 when the scan ends before its last MCU, else
 *   the bit where a code is not in its table.
 */

/** Byte offsets inside a component's record. */
export const COMPONENT = {
  dcFast: 0,
  acFast: 1024,
  dcMaxCode: 3072,
  dcValOffset: 3152,
  acMaxCode: 3232,
  acValOffset: 3312,
  dcValues: 3392,
  acValues: 3648,
  blocks: 3904,
  pred: 3908,
} as const;
export const COMPONENT_BYTES = 4096;

/** `local.set $word` to the 32 bits at bit `$pos` (at least 25 of them valid). */
const readWord = `
      local.get $word0
      local.get $pos
      i32.const 3
      i32.shr_u
      i32.sub
      i32.load align=1
      local.get $pos
      i32.const 7
      i32.and
      i32.shl
      local.set $word`;

/** `$buf` to the 64 bits at bit `$pos` MSB first, `$n` to how many of them are valid (57 or more). */
const readBuffer = `
      local.get $word0
      i32.const 4
      i32.sub
      local.get $pos
      i32.const 3
      i32.shr_u
      i32.sub
      i64.load align=1
      local.get $pos
      i32.const 7
      i32.and
      local.tee $n
      i64.extend_i32_u
      i64.shl
      local.set $buf
      i32.const 64
      local.get $n
      i32.sub
      local.set $n`;

/** Canonical decoding of the code at the top of `$word` into `$sym`, `$pos` past it; returns `$pos` when no length fits. */
const slowDecode = (maxCode: number, valOffset: number, values: number): string => `
      i32.const 1
      local.set $l
      block $found
        loop $try
          local.get $word
          i32.const 32
          local.get $l
          i32.sub
          i32.shr_u
          local.tee $code
          local.get $comp
          local.get $l
          i32.const 2
          i32.shl
          i32.add
          i32.load offset=${maxCode}
          i32.lt_s
          br_if $found
          local.get $l
          i32.const 1
          i32.add
          local.tee $l
          i32.const 16
          i32.le_u
          br_if $try
        end
        local.get $pos
        return
      end
      local.get $comp
      local.get $code
      local.get $comp
      local.get $l
      i32.const 2
      i32.shl
      i32.add
      i32.load offset=${valOffset}
      i32.add
      i32.add
      i32.load8_u offset=${values}
      local.set $sym
      local.get $pos
      local.get $l
      i32.add
      local.set $pos`;

const reverse = `
  (func $reverse (export "reverse") (param $src i32) (param $dst i32) (param $n i32)
    local.get $dst
    local.get $n
    i32.add
    local.set $dst
    loop $chunk
      local.get $dst
      i32.const 16
      i32.sub
      local.tee $dst
      local.get $src
      v128.load align=1
      v128.const i8x16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0
      i8x16.swizzle
      v128.store align=1
      local.get $src
      i32.const 16
      i32.add
      local.set $src
      local.get $n
      i32.const 16
      i32.sub
      local.tee $n
      br_if $chunk
    end
  )`;

const index = `
  (func $index (export "index")
    (param $components i32) (param $count i32) (param $mcus i32) (param $word0 i32) (param $limit i32) (param $records i32) (param $starts i32)
    (result i32)
    (local $pos i32) (local $comp i32) (local $c i32) (local $b i32) (local $word i32) (local $e i32) (local $sym i32)
    (local $s i32) (local $k i32) (local $l i32) (local $code i32) (local $pred i32) (local $n i32) (local $skip i32) (local $buf i64)
    loop $mcu
      local.get $starts
      local.get $pos
      i32.store
      local.get $starts
      i32.const 4
      i32.add
      local.set $starts
      local.get $components
      local.set $comp
      local.get $count
      local.set $c
      loop $component
        local.get $records
        local.get $pos
        i32.store
        local.get $comp
        i32.load offset=${COMPONENT.pred}
        local.set $pred
        i32.const 0
        local.set $b
        loop $block${readWord}
          local.get $comp
          local.get $word
          i32.const 23
          i32.shr_u
          i32.const 1
          i32.shl
          i32.add
          i32.load16_u offset=${COMPONENT.dcFast}
          local.tee $e
          if
            local.get $e
            i32.const 255
            i32.and
            local.set $s
            local.get $pos
            local.get $e
            i32.const 8
            i32.shr_u
            i32.add
            local.set $pos
          else${slowDecode(COMPONENT.dcMaxCode, COMPONENT.dcValOffset, COMPONENT.dcValues)}
            local.get $sym
            local.set $s
          end
          local.get $s
          if${readWord}
            ;; the magnitude: raw, or raw - 2^s + 1 when its top bit is 0
            local.get $word
            i32.const 32
            local.get $s
            i32.sub
            i32.shr_u
            local.tee $e
            i32.const 1
            local.get $s
            i32.shl
            i32.sub
            i32.const 1
            i32.add
            local.get $e
            local.get $e
            i32.const 1
            local.get $s
            i32.const 1
            i32.sub
            i32.shl
            i32.lt_u
            select
            local.get $pred
            i32.add
            local.set $pred
            local.get $pos
            local.get $s
            i32.add
            local.set $pos
          end
          local.get $b
          i32.eqz
          if
            local.get $records
            local.get $pos
            i32.store offset=4
            local.get $records
            local.get $pred
            i32.store offset=8
          end
          i32.const 1
          local.set $k
          i32.const 0
          local.set $n
          block $eob
            loop $ac
              ;; 16 valid bits or more: a whole code for either path
              local.get $n
              i32.const 16
              i32.lt_s
              if${readBuffer}
              end
              local.get $comp
              local.get $buf
              i64.const 54
              i64.shr_u
              i32.wrap_i64
              i32.const 1
              i32.shl
              i32.add
              i32.load16_u offset=${COMPONENT.acFast}
              local.tee $e
              if
                local.get $e
                i32.const 31
                i32.and
                local.tee $skip
                local.get $pos
                i32.add
                local.set $pos
                local.get $n
                local.get $skip
                i32.sub
                local.set $n
                local.get $buf
                local.get $skip
                i64.extend_i32_u
                i64.shl
                local.set $buf
                local.get $e
                i32.const 5
                i32.shr_u
                local.tee $e
                i32.eqz
                br_if $eob
                local.get $k
                local.get $e
                i32.add
                local.set $k
              else
                local.get $buf
                i64.const 32
                i64.shr_u
                i32.wrap_i64
                local.set $word${slowDecode(COMPONENT.acMaxCode, COMPONENT.acValOffset, COMPONENT.acValues)}
                ;; the buffer is refilled at the new position
                i32.const 0
                local.set $n
                local.get $pos
                local.get $sym
                i32.const 15
                i32.and
                local.tee $e
                i32.add
                local.set $pos
                local.get $e
                if
                  local.get $k
                  local.get $sym
                  i32.const 4
                  i32.shr_u
                  i32.const 1
                  i32.add
                  i32.add
                  local.set $k
                else
                  local.get $sym
                  i32.const 240
                  i32.ne
                  br_if $eob
                  local.get $k
                  i32.const 16
                  i32.add
                  local.set $k
                end
              end
              local.get $k
              i32.const 64
              i32.lt_s
              br_if $ac
            end
          end
          local.get $pos
          local.get $limit
          i32.gt_s
          if
            i32.const -2
            return
          end
          local.get $b
          i32.const 1
          i32.add
          local.tee $b
          local.get $comp
          i32.load offset=${COMPONENT.blocks}
          i32.lt_u
          br_if $block
        end
        local.get $comp
        local.get $pred
        i32.store offset=${COMPONENT.pred}
        local.get $records
        local.get $pred
        i32.store offset=12
        local.get $records
        i32.const 16
        i32.add
        local.set $records
        local.get $comp
        i32.const ${COMPONENT_BYTES}
        i32.add
        local.set $comp
        local.get $c
        i32.const 1
        i32.sub
        local.tee $c
        br_if $component
      end
      local.get $mcus
      i32.const 1
      i32.sub
      local.tee $mcus
      br_if $mcu
    end
    local.get $starts
    local.get $pos
    i32.store
    i32.const -1
  )`;

/** The module: imports `env.memory`, exports `reverse` and `index`. */
export const JPEG_SCAN_INDEX_WAT = `(module
  (import "env" "memory" (memory 1))${reverse}${index}
)
`;
