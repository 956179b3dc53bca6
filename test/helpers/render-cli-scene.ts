/**
 * The scene the render CLI tests drive a player with (the embedded one and the Unity stand-in):
 * two people past two 96 x 72 cameras for 1 s, on paving under a city backdrop, so the
 * environment's textures travel over the wire too.
 */
export const RENDER_CLI_SCENE = `
formatVersion: 1
name: tiny
fps: 10
durationS: 1
environment:
  ground: { pattern: paving, tileM: 1.5, halfSizeM: 30 }
  background: { pattern: city }
cameras:
  - { name: front, positionM: [0, 2.0, 7], lookAtM: [0, 0.9, 0], fovDeg: 50, widthPx: 96, heightPx: 72 }
  - { name: side, positionM: [7, 2.5, 0], lookAtM: [0, 0.9, 0], fovDeg: 50, widthPx: 96, heightPx: 72 }
walkways:
  - { name: path, points: [[-6, 0], [6, 0]], widthM: 2.5 }
crowd: { count: 2, speedMps: [1.1, 1.3], entryIntervalS: 0.5 }
`;
