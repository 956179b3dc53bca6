/**
 * Embedded renderer throughput: camera-frames per second for 4 cameras with 8 skinned,
 * textured, clothed MakeHuman characters walking (motion-captured walk, pose/walk-pose.ts), at
 * 640x480, 1280x720 and 1920x1080, each without an environment (ground and sky) and with one
 * (the bundled street: 46 generated props, buildings, cars, trees, lamps, with sun shadows),
 * delivered as JPEG bytes, with the share of time in posing + skinning, rasterisation (+
 * annotations) and encoding. The four cameras stand around the group like the peer's. At
 * 1280x720 two more rows render at 1 sample per pixel (no anti-aliasing), ground and sky and
 * street: the like-for-like comparison with the peer, which renders without anti-aliasing.
 *
 * Characters, first found wins:
 * 1. CLONEDPERSON_BENCH_CHARACTERS: a folder in the characters stage layout (or *.glb);
 * 2. bench-results/render-characters/: made on an earlier run;
 * 3. made now with `clonedperson character --mhm` from 8 hand-written MakeHuman models
 *    (varied bodies, clothes, hair, skins) using ../shared/assets/makehuman/data;
 * 4. without MakeHuman data: 8 box figures (the report says so; not the benchmark's target).
 *
 * Peer: three.js r187 on SwiftShader in headless Chromium (../shared/bench/render-peer), the same
 * 8 people and 4 cameras, without anti-aliasing, without shadows, gamma-naive and without JPEG
 * encoding. Its same-day figures must be measured right after this run, on the same machine
 * (`bash ../shared/bench/render-peer/run.sh`, about 13 minutes); its README's reference
 * (skinned 4.34 camera-frames/s at 1280x720, 5.48 at 640x480) is from another day and only
 * orients. Target: at least 4x the peer at 1280x720 with the environment.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../orchestrator/src/cli/run-cli.js';
import { encodeJpeg } from '../../orchestrator/src/imaging/image-io.js';
import { listCharacterFiles } from '../../orchestrator/src/render-stage/character-list.js';
import { RENDER_DEFAULTS } from '../../orchestrator/src/render-stage/render-stage.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';
import { createPerspectiveCamera } from '../../orchestrator/src/render/camera.js';
import { loadCharacterGlb, parseCharacterGlb } from '../../orchestrator/src/render/character-loader.js';
import type { CharacterModel } from '../../orchestrator/src/render/character-model.js';
import type { RenderEnvironment } from '../../orchestrator/src/render/environment.js';
import { StepRenderer } from '../../orchestrator/src/render/step-renderer.js';
import type { StepCamera } from '../../orchestrator/src/render/step-renderer.js';
import { buildSkinnedFigureGlb, checkerImage } from '../../test/helpers/gltf-fixtures.js';
import { streetEnvironment, testEnvironment } from '../../test/helpers/render-scenes.js';
import type { BenchReport, Timing } from './harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'bench-results', 'render-characters');
const MAKEHUMAN = process.env.CLONEDPERSON_SHARED_ASSETS
  ? path.join(process.env.CLONEDPERSON_SHARED_ASSETS, 'makehuman', 'data')
  : path.resolve(ROOT, '../shared/assets/makehuman/data');
/** The peer's reference figures (render-peer README, skinned, camera-frames/s); measure it next to this run. */
const PEER_REFERENCE: Record<string, number> = { '640x480': 5.48, '1280x720': 4.34 };
const STEPS = Number(process.env.CLONEDPERSON_BENCH_STEPS ?? 8);

const EYES = 'eyes low-poly 1cc97a30-85a1-42e6-a9f7-b3e753732baa';
const EYEBROWS = 'eyebrows eyebrow001 9c81ec3a-faa5-4c94-9cdb-992300ba3084';
const PEOPLE: { gender: number; age: number; height: number; hair: string; clothes: string[]; skin: string }[] = [
  { gender: 1, age: 0.5, height: 0.55, hair: 'short02 c104cd4a-1edc-43f9-8b94-f63345a44638', clothes: ['male_casualsuit01 79ced554-1d8a-4c14-a6a8-e1de90b09c32', 'shoes01 6e0c552e-e207-44df-8f70-c9bfdeddd8c6'], skin: 'young_caucasian_male' },
  { gender: 0, age: 0.45, height: 0.45, hair: 'bob01 a153cb9b-2a28-45fa-a526-04e45146268e', clothes: ['female_casualsuit01 a8b0e841-144b-4f03-8b9e-ea8fdce8c863', 'shoes02 8887caca-d6fb-4d73-af10-1d4fb740a936'], skin: 'young_asian_female' },
  { gender: 1, age: 0.7, height: 0.6, hair: 'short04 e09bfd91-f83f-4f9a-ba8c-4635cd1ae0d8', clothes: ['male_worksuit01 6afd98fa-381b-456f-aa46-3dd15b27b2f0', 'shoes03 ad622a26-da1e-4e3c-9f8e-454edf10d504'], skin: 'middleage_african_male' },
  { gender: 0, age: 0.5, height: 0.5, hair: 'ponytail01 44e0340e-c7a6-4d22-814c-0632968d2dde', clothes: ['female_sportsuit01 e38d3a5b-718f-41d5-8404-299def30b43f', 'shoes04 0d753f2e-55f9-4d60-9a78-261f42b494fc'], skin: 'young_caucasian_female' },
  { gender: 1, age: 0.4, height: 0.5, hair: 'afro01 59627022-32e9-4126-9cf1-036d4b9335fc', clothes: ['male_casualsuit04 402c35f6-0cf4-4d22-af5b-0cc58fb2b617', 'shoes05 8ef14ff4-8547-419c-a495-17bab919568b'], skin: 'young_african_male' },
  { gender: 0, age: 0.8, height: 0.4, hair: 'long01 6c6b0bb1-3608-40b8-9108-4bfd8fa71e39', clothes: ['female_elegantsuit01 8bb26477-c09f-4439-b05f-961516acf662', 'shoes06 35abc230-ebaa-48d4-8ff7-6d84168291a0'], skin: 'middleage_caucasian_female' },
  { gender: 1, age: 0.55, height: 0.65, hair: 'short01 766436e9-63ed-4f6a-afa9-99f3acff70a8', clothes: ['male_casualsuit06 be449715-fd7d-49d1-bca1-7fdd4264bc2d', 'shoes01 6e0c552e-e207-44df-8f70-c9bfdeddd8c6'], skin: 'middleage_asian_male' },
  { gender: 0, age: 0.45, height: 0.55, hair: 'braid01 eead6f99-d6c6-4f6b-b6c2-210459d7a62e', clothes: ['female_casualsuit02 9896f4a4-a718-4bdd-8482-52e1855160f6', 'shoes02 8887caca-d6fb-4d73-af10-1d4fb740a936'], skin: 'young_african_female' },
];

async function makeMakeHumanCharacters(): Promise<boolean> {
  if (!existsSync(path.join(MAKEHUMAN, 'rigs', 'cmu_mb.mhskel'))) return false;
  await mkdir(CACHE, { recursive: true });
  for (const [i, p] of PEOPLE.entries()) {
    const id = `mh${i}`;
    const mhm = [
      'version v1.1.1',
      `name ${id}`,
      `modifier macrodetails/Gender ${p.gender.toFixed(6)}`,
      `modifier macrodetails/Age ${p.age.toFixed(6)}`,
      `modifier macrodetails-height/Height ${p.height.toFixed(6)}`,
      EYES,
      EYEBROWS,
      `hair ${p.hair}`,
      ...p.clothes.map((c) => `clothes ${c}`),
      'clothesHideFaces True',
      'skeleton cmu_mb.mhskel',
      `skinMaterial skins/${p.skin}/${p.skin}.mhmat`,
      '',
    ].join('\n');
    const mhmFile = path.join(CACHE, `${id}.mhm`);
    await writeFile(mhmFile, mhm);
    let stderr = '';
    const code = await runCli(['character', '--mhm', mhmFile, '--out', path.join(CACHE, `${id}.glb`), '--mh-sys-data', MAKEHUMAN, '--quiet'], {
      stdout: () => undefined,
      stderr: (t) => {
        stderr += t;
      },
      cwd: ROOT,
      env: process.env,
    });
    if (code !== 0) throw new Error(`making ${id} failed: ${stderr}`);
  }
  return true;
}

export async function loadCharacters(): Promise<{ models: CharacterModel[]; source: string }> {
  const fromDir = async (dir: string) => {
    const files = (await listCharacterFiles(dir, nodeFileStore)).slice(0, 8);
    return Promise.all(files.map((f) => loadCharacterGlb(f.file, f.id)));
  };
  const env = process.env.CLONEDPERSON_BENCH_CHARACTERS;
  if (env) return { models: await fromDir(env), source: `characters from ${env}` };
  if (!existsSync(path.join(CACHE, 'mh7.glb'))) await makeMakeHumanCharacters();
  if (existsSync(path.join(CACHE, 'mh7.glb'))) return { models: await fromDir(CACHE), source: '8 MakeHuman characters (cmu_mb rig, clothes, hair, skins) made by `clonedperson character`' };
  const figures = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => parseCharacterGlb(await buildSkinnedFigureGlb({ image: checkerImage(64, [60 + 20 * i, 120, 200 - 15 * i], [230, 230, 230]) }), `figure${i}`)),
  );
  return { models: figures, source: 'FALLBACK: 8 box figures (no MakeHuman data found; not the target scene)' };
}

/** Four cameras around the group at 3-5 m, about 8-10 m away (the street's road between the parked cars). */
const CAMERAS: { positionM: [number, number, number]; lookAtM: [number, number, number] }[] = [
  { positionM: [-7, 4, 6.5], lookAtM: [0, 0.9, 0] },
  { positionM: [8, 4.5, -6.5], lookAtM: [0, 0.9, 0] },
  { positionM: [0.5, 4, 9], lookAtM: [0.3, 0.8, 0] },
  { positionM: [10, 3, 0.5], lookAtM: [0, 1, 0.2] },
];

/** The label of the rows at 1 sample per pixel. */
const LIKE_FOR_LIKE = '1 sample per pixel: like-for-like with the three.js peer (no anti-aliasing)';

async function benchResolution(
  models: CharacterModel[],
  environment: RenderEnvironment,
  label: string,
  widthPx: number,
  heightPx: number,
  options: { environmentCache?: boolean; samplesPerAxis?: number } = {},
): Promise<{ timing: Timing; sample: Uint8Array }> {
  const environmentCache = options.environmentCache ?? true;
  const samplesPerAxis = options.samplesPerAxis ?? RENDER_DEFAULTS.samplesPerAxis;
  const renderer = new StepRenderer({ environmentCache });
  renderer.setEnvironment(environment);
  for (const model of models) renderer.addCharacter(model);
  const cameras = new Map<number, StepCamera>(
    CAMERAS.map((c, i) => [i, { camera: createPerspectiveCamera({ ...c, fovDeg: 40, aspect: widthPx / heightPx, farM: 1000 }), widthPx, heightPx, samplesPerAxis }]),
  );
  renderer.setCameras(cameras);
  // Eight people walking in the middle, where all four cameras look, so every view shows
  // (almost) all of them: the demanding case.
  const fps = 30;
  const frames = Array.from({ length: STEPS + 1 }, (_, k) => ({
    persons: models.map((m, i) => {
      const angle = (2 * Math.PI * i) / models.length;
      const headingDeg = (i * 67) % 360;
      const walked = (1.3 * k) / fps;
      const h = (headingDeg * Math.PI) / 180;
      return {
        personId: i + 1,
        characterId: m.id,
        positionM: [0.5 + (1 + (i % 3)) * Math.cos(angle) + walked * Math.sin(h), 0, 0.3 + (1 + (i % 3)) * Math.sin(angle) + walked * Math.cos(h)] as [number, number, number],
        headingDeg,
        walkPhase: (i * 0.13 + k * 0.03) % 1,
        speedMps: 1.3,
      };
    }),
  }));
  const totals = { skin: 0, render: 0, raster: 0, annotate: 0, encode: 0, wall: 0 };
  const samples: number[] = [];
  let sample = new Uint8Array(0);
  let seen = 0;
  for (let k = -1; k < STEPS; k++) {
    const frame = frames[k + 1];
    const start = performance.now();
    const { views, timings } = await renderer.renderStep(frame.persons, [0, 1, 2, 3]);
    const encodeStart = performance.now();
    const jpegs = await Promise.all(views.map((v) => encodeJpeg(v.image, RENDER_DEFAULTS.jpegQuality)));
    const end = performance.now();
    if (k < 0) continue; // warm-up (JIT, worker start, each camera's cached background)
    seen += views.reduce((a, v) => a + v.annotations.filter((x) => x.visiblePixels > 0).length, 0);
    samples.push(end - start);
    totals.skin += timings.skinMs;
    totals.render += timings.renderMs;
    totals.raster += timings.rasterWorkerMs;
    totals.annotate += timings.annotateWorkerMs;
    totals.encode += end - encodeStart;
    totals.wall += end - start;
    if (k === STEPS - 1) sample = new Uint8Array(jpegs[0]);
  }
  await renderer.close();
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.round((samples.length - 1) * p))];
  const fpsOut = (4 * STEPS) / (totals.wall / 1000);
  const fpsNoJpeg = (4 * STEPS) / ((totals.wall - totals.encode) / 1000);
  const key = `${widthPx}x${heightPx}`;
  const share = (v: number) => `${Math.round((100 * v) / totals.wall)}%`;
  const peer = PEER_REFERENCE[key];
  return {
    sample,
    timing: {
      name: `4 cameras ${key}, ${label}${environmentCache ? '' : ', background redrawn every frame'}${samplesPerAxis === 1 ? `, ${LIKE_FOR_LIKE}` : ''}`,
      iterations: STEPS,
      medianMs: q(0.5),
      p10Ms: q(0.1),
      p90Ms: q(0.9),
      extra: {
        'camera-frames/s': fpsOut.toFixed(2),
        ...(peer ? { 'x peer reference': (fpsOut / peer).toFixed(1) } : {}),
        'camera-frames/s without JPEG encoding': fpsNoJpeg.toFixed(2),
        'wall share posing+skinning': share(totals.skin),
        'wall share rasterisation+annotation (parallel)': share(totals.render),
        'wall share JPEG encoding': share(totals.encode),
        'raster ms/frame (in workers, summed over views)': (totals.raster / (4 * STEPS)).toFixed(1),
        'annotation ms/frame (in workers, summed over views)': (totals.annotate / (4 * STEPS)).toFixed(1),
        'people per view': (seen / (4 * STEPS)).toFixed(1),
      },
    },
  };
}

export async function run(): Promise<BenchReport> {
  const { models, source } = await loadCharacters();
  const timings: Timing[] = [];
  const docs = path.join(ROOT, 'bench-results');
  await mkdir(docs, { recursive: true });
  const environments: [string, RenderEnvironment][] = [
    ['ground and sky', testEnvironment()],
    ['street environment (46 props, sun shadows)', await streetEnvironment()],
  ];
  const resolutions = (process.env.CLONEDPERSON_BENCH_RESOLUTIONS ?? '640x480,1280x720,1920x1080').split(',').map((r) => r.split('x').map(Number) as [number, number]);
  for (const [w, h] of resolutions) {
    for (const [i, [label, environment]] of environments.entries()) {
      const { timing, sample } = await benchResolution(models, environment, label, w, h);
      timings.push(timing);
      await writeFile(path.join(docs, `render-sample-${w}x${h}${i ? '-street' : ''}.jpg`), sample);
    }
  }
  if (resolutions.some(([w]) => w === 1280)) {
    timings.push((await benchResolution(models, environments[1][1], environments[1][0], 1280, 720, { environmentCache: false })).timing);
    for (const [label, environment] of environments) timings.push((await benchResolution(models, environment, label, 1280, 720, { samplesPerAxis: 1 })).timing);
  }
  const triangles = models.reduce((a, m) => a + m.primitives.reduce((b, p) => b + p.indices.length / 3, 0), 0);
  const propTriangles = environments[1][1].props.reduce((a, p) => a + p.primitives.reduce((b, q) => b + q.indices.length / 3, 0), 0);
  return {
    title: 'Embedded renderer: 4 cameras, 8 walking characters, JPEG frames',
    timings,
    notes: [
      `Characters: ${source}; ${models.length} characters, ${Math.round(triangles / models.length)} triangles and ${Math.round(models.reduce((a, m) => a + m.vertexCount, 0) / models.length)} vertices each on average. Street environment: ${environments[1][1].props.length} props, ${propTriangles} triangles.`,
      `Machine: ${os.availableParallelism()} threads; render workers = all cores; ${RENDER_DEFAULTS.samplesPerAxis}x${RENDER_DEFAULTS.samplesPerAxis} supersampling (the render default) except in the rows marked 1 sample per pixel, gamma-correct shading, ground shadows, prop sun shadows, annotations on; JPEG quality ${RENDER_DEFAULTS.jpegQuality} with sharp. Steps: ${STEPS} after one warm-up step.`,
      'Cameras are static, so each worker draws the background (ground, sky, props and their sun shadows) once per camera and reuses it (exact: same pixels); the row marked background redrawn every frame redraws it every frame, as a renderer without that cache would.',
      'Shares are of wall time per step: posing and skinning on the main thread, then all views in parallel on the workers (rasterisation + annotations), then JPEG encoding (sharp thread pool).',
      `Like-for-like with the three.js peer (../shared/bench/render-peer): the rows marked 1 sample per pixel. The peer renders without anti-aliasing, without shadows, gamma-naive and without JPEG encoding; those rows still draw ground and sun shadows, shade gamma-correctly and encode JPEG (the "without JPEG encoding" column leaves the encoding out), so they favour the peer. The 2x2 rows are the render default, not a like-for-like comparison.`,
      `"x peer reference" divides by the peer README's figures (skinned: ${Object.entries(PEER_REFERENCE).map(([k, v]) => `${k} ${v}`).join(', ')}), which are from another day: the peer's same-day figures must be measured right after this run on the same machine (bash ../shared/bench/render-peer/run.sh, about 13 minutes) and compared with these rows, not the reference.`,
      'Sample frames: bench-results/render-sample-<size>[-street].jpg (camera 0 of the last step).',
    ],
  };
}
