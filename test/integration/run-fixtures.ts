/**
 * The tiny render of the run and demo tests: one scene with two 128x96 cameras and 12 steps, and
 * a config that keeps every stage small (64 px textures, small previews, no reports).
 */
/** Three people walking past two small cameras, 3 s at 4 steps per second. */
export const TINY_RUN_SCENE = `
formatVersion: 1
name: tiny
seed: 1
fps: 4
durationS: 3
environment:
  ground: { pattern: plain }
  background: { pattern: plain }
cameras:
  - { name: front, positionM: [0, 1.4, 6.5], lookAtM: [0, 0.9, 0], fovDeg: 40, widthPx: 128, heightPx: 96 }
  - { name: side, positionM: [5.5, 1.6, 3], lookAtM: [0, 0.9, 0], fovDeg: 40, widthPx: 128, heightPx: 96 }
walkways:
  - { name: path, points: [[-3.5, 0], [3.5, 0]], widthM: 1.5 }
crowd: { count: 3, speedMps: [0.8, 1.0], entryIntervalS: 0.25 }
`;

/** Small everything; paths relative to the config's folder. */
export const TINY_RUN_CONFIG = `
clone: { sizePx: 64 }
cluster: { report: false }
render: { scenes: [scene.yaml], samplesPerAxis: 1, threads: 0 }
dataset: { cropRuleOptions: { minHeightPx: 20, frameIntervalS: 0 } }
eval: { report: false }
fidelity: { cropsPerCharacter: 4, minCropHeightPx: 20 }
overview: { cropsPerIdentity: 2, previewHeightPx: 96 }
`;

