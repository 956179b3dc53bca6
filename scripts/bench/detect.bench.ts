/**
 * The detect stage per photo on one core (onnxruntime intra-op threads 1): the whole built-in
 * chain of `detectPhoto` (MultiPose on the photo, Thunder and the Selfie mask on each person
 * tall enough to qualify, qualification, garment estimate and landmark placement) on street
 * photos with one person from ../shared/assets/ccp (target: at most 300 ms per photo), the
 * photo's JPEG decoding, and the stage's own work alone (qualification + estimate + placement
 * from given model outputs). Photos per second follow from the medians.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPhoto } from '../../orchestrator/src/detect/detect-photo.js';
import { estimateGarments } from '../../orchestrator/src/detect/estimate-garments.js';
import { loadBuiltinPersonModels } from '../../orchestrator/src/detect/models/person-models.js';
import type { PersonMask } from '../../orchestrator/src/detect/models/person-models.js';
import { PersonSilhouette } from '../../orchestrator/src/detect/person-silhouette.js';
import { qualifyView } from '../../orchestrator/src/detect/view-qualification.js';
import { decodeImage } from '../../orchestrator/src/imaging/image-io.js';
import { convertChannels } from '../../orchestrator/src/imaging/raw-image.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';
import { measure } from './harness.js';
import type { BenchReport } from './harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Photos with one person each (the labelled person; checked below). */
const PHOTOS = ['0004', '0010', '0021', '0042', '0100', '0250'].map((n) => path.join(ROOT, '..', 'shared', 'assets', 'ccp', 'photos', `${n}.jpg`));

export async function run(): Promise<BenchReport> {
  const models = await loadBuiltinPersonModels({ threads: 1 });
  const bytes = await Promise.all(PHOTOS.map((file) => nodeFileStore.read(file)));
  const photos: RawImage[] = await Promise.all(bytes.map(async (b) => convertChannels(await decodeImage(b), 3)));
  // the stage's own work needs the model outputs once
  const outputs: { keypoints: [number, number, number][]; box: [number, number, number, number]; mask: PersonMask }[] = [];
  for (const photo of photos) {
    const [person] = await models.detect(photo);
    const keypoints = await models.refinePose(photo, person.box);
    outputs.push({ keypoints, box: person.box, mask: await models.segment(photo, person.box) });
  }
  let k = 0;
  const next = (): number => k++ % photos.length;
  try {
    // process CPU time beside wall time: on a busy machine the wall time also waits for a core
    const cpuBefore = process.cpuUsage();
    const chain = await measure('detectPhoto, built-in models, 1 thread', async () => {
      const i = next();
      const result = await detectPhoto({ photo: photos[i], models });
      if (result.people.length === 0) throw new Error(`nobody found in ${PHOTOS[i]}`);
    }, { iterations: 30, warmup: 3 });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / 33;
    const decode = await measure('decode the JPEG (550 x 830)', () => decodeImage(bytes[next()]), { iterations: 30, warmup: 3 });
    const own = await measure('qualification + garment estimate + landmarks (no models)', () => {
      const i = next();
      const silhouette = new PersonSilhouette(outputs[i].mask);
      const view = { box: outputs[i].box, keypoints: outputs[i].keypoints, silhouette };
      qualifyView(view, { widthPx: photos[i].width, heightPx: photos[i].height }, [view]);
      estimateGarments(photos[i], outputs[i].keypoints, silhouette);
    }, { iterations: 60, warmup: 6 });
    const perPhoto = chain.medianMs + decode.medianMs;
    chain.extra = { target: '<= 300 ms', 'cpu ms per run': cpuMs.toFixed(1), 'photos/s with decoding': (1000 / perPhoto).toFixed(1) };
    return {
      title: 'Detect stage (per photo, one person, one core)',
      timings: [chain, decode, own],
      notes: [`${photos.length} Clothing Co-Parsing photos in turn; decoding and the chain together: ${perPhoto.toFixed(0)} ms per photo`],
    };
  } finally {
    await models.close();
  }
}
