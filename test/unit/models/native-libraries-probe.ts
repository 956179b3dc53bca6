/**
 * Child-process probe for lazy-native-libraries.test.ts: imports the modules named on the
 * command line one after another, in this fresh process, and prints (as JSON) which native
 * libraries were loaded after each import. With `--use` it then decodes an image and creates
 * an onnxruntime session, so the test can see that the probe does detect both libraries.
 *
 * Run as `node --import tsx native-libraries-probe.ts [--use] <module.ts>...`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The native libraries in this process: loaded JS of their packages, and mapped shared objects. */
function nativeLibraries(): string[] {
  const loaded = new Set<string>();
  for (const file of Object.keys(require.cache)) {
    if (/[\\/]node_modules[\\/]sharp[\\/]/.test(file)) loaded.add('sharp');
    if (/[\\/]node_modules[\\/]onnxruntime-node[\\/]/.test(file)) loaded.add('onnxruntime-node');
  }
  if (existsSync('/proc/self/maps')) {
    const maps = readFileSync('/proc/self/maps', 'utf8');
    if (/libvips/.test(maps)) loaded.add('libvips');
    if (/libonnxruntime/.test(maps)) loaded.add('libonnxruntime');
  }
  return [...loaded].sort();
}

const args = process.argv.slice(2);
const use = args[0] === '--use';
const report: { step: string; loaded: string[] }[] = [];
for (const file of use ? args.slice(1) : args) {
  await import(pathToFileURL(file).href);
  report.push({ step: file, loaded: nativeLibraries() });
}
if (use) {
  const { decodeImage, encodePng } = await import('../../../orchestrator/src/imaging/image-io.js');
  await decodeImage(await encodePng({ width: 1, height: 1, channels: 3, data: new Uint8Array(3) }));
  const { createOrtSession } = await import('../../../orchestrator/src/models/onnx-runtime.js');
  const { reidEmbeddingModel } = await import('../../helpers/onnx-builder.js');
  await (await createOrtSession(reidEmbeddingModel({ heightPx: 4, widthPx: 2, dim: 2 }), { threads: 1 })).release();
  report.push({ step: 'use', loaded: nativeLibraries() });
}
console.log(JSON.stringify(report));
