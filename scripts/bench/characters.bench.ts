/**
 * Characters benchmark (issue 3): characters per minute on one core — assembly (random body by
 * the paper's rules, height solve, proxy fitting, face hiding, rig, weights) plus the .glb write
 * with a 1000 x 1000 cloned texture — after the MakeHuman data is loaded once (its load time is
 * reported separately). Needs ../shared/assets. Target: >= 60 characters per minute.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { assembleCharacter } from '../../orchestrator/src/characters/character-assembly.js';
import type { AssembledCharacter } from '../../orchestrator/src/characters/character-assembly.js';
import { writeCharacterGlb } from '../../orchestrator/src/characters/gltf-writer.js';
import { MakeHumanData } from '../../orchestrator/src/makehuman/makehuman-data.js';
import { randomCharacterSpec } from '../../orchestrator/src/characters/random-character.js';
import { encodePng } from '../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { createRandom } from '../../orchestrator/src/shared/random.js';
import { MAKEHUMAN_DATA, SHARED_ASSETS, hasSharedAssets } from '../../test/helpers/asset-paths.js';
import { measure } from './harness.js';
import type { BenchReport } from './harness.js';

const SUITS = ['female_casualsuit01', 'female_casualsuit02', 'female_elegantsuit01', 'female_sportsuit01', 'male_casualsuit01', 'male_casualsuit02', 'male_casualsuit03', 'male_casualsuit04', 'male_casualsuit05', 'male_casualsuit06', 'male_elegantsuit01', 'male_worksuit01'];

export async function run(): Promise<BenchReport> {
  if (!hasSharedAssets) return { title: 'characters', timings: [], notes: ['skipped: ../shared/assets is missing'] };
  const started = performance.now();
  const data = new MakeHumanData(
    { user: [], system: [MAKEHUMAN_DATA], missing: [] },
    { targets: 'npz', targetsNpz: path.join(SHARED_ASSETS, 'makehuman', 'release-layout', 'targets.npz') },
  );
  await data.targetCatalog();
  await data.bodyWeights('cmu_mb');
  const loadMs = performance.now() - started;
  // a cloned texture: 1000 x 1000 RGB noise PNG, read per character like the batch does
  const random = createRandom(3);
  const image = createRawImage(1000, 1000, 3);
  for (let i = 0; i < image.data.length; i++) image.data[i] = random.int(256);
  const texture = new Uint8Array(await encodePng(image));
  const cloned = '/bench/cloned.png';
  const readTexture = (file: string, unique: boolean): Promise<Uint8Array> => (file === cloned ? Promise.resolve(texture) : data.bytes(file, !unique));

  let identity = 0;
  let last: AssembledCharacter | undefined;
  const assemble = async (): Promise<AssembledCharacter> => {
    const id = identity++;
    const { spec } = await randomCharacterSpec(data, {
      id: String(id),
      identity: id,
      seed: 1,
      skeleton: 'cmu_mb',
      clothes: [{ asset: SUITS[id % SUITS.length], diffuseTexture: cloned }],
    });
    last = await assembleCharacter(data, spec);
    return last;
  };
  // warm every proxy once (first use parses it), outside the timed runs
  for (let i = 0; i < SUITS.length; i++) await assemble();
  const full = await measure('character: assemble + glb (cmu_mb, cloned 1000 px texture)', async () => writeCharacterGlb(await assemble(), { readTexture }), { iterations: 24, warmup: 2 });
  const assembleOnly = await measure('assemble only (body, height solve, proxies, rig, weights)', assemble, { iterations: 24, warmup: 0 });
  const glbOnly = await measure('glb write only', () => writeCharacterGlb(last!, { readTexture }), { iterations: 24, warmup: 2 });
  const perMinute = 60000 / full.medianMs;
  full.extra = { 'characters/min': perMinute.toFixed(1), target: '>= 60/min' };
  return {
    title: 'characters',
    timings: [full, assembleOnly, glbOnly],
    notes: [
      `MakeHuman data load (targets.npz, rigs, cmu_mb weights): ${(loadMs / 1000).toFixed(1)} s once per process.`,
      `One process, one thread: ${perMinute.toFixed(1)} characters per minute (median). A ClonedPerson-scale run (~5,600 characters) takes about ${(5600 / perMinute).toFixed(0)} minutes on one core.`,
    ],
  };
}
