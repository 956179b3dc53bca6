/**
 * Jest setup (jest.config.js `setupFiles`): jest runs each test file in its own V8 context,
 * whose typed-array constructors differ from Node's main ones. Native addons (onnxruntime-node)
 * create their output arrays in the main context, and onnxruntime's `instanceof` checks then
 * fail ("A float32 tensor's data must be type of Float32Array"). Jest itself shares
 * `Uint8Array` and `ArrayBuffer` for the same reason; this shares the other typed arrays.
 */
import vm from 'node:vm';

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

const globals = globalThis as unknown as Record<string, unknown>;
for (const name of TYPED_ARRAYS) {
  // vm.runInThisContext evaluates in Node's main context, not the test's
  globals[name] = vm.runInThisContext(name);
}
