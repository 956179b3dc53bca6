/**
 * The render stage on small inputs, entirely in memory: a tiny scene, two skinned figures in a
 * memory file store, and the embedded player run in this process (memory transport, in-process
 * host) reading its assets from the same store, optionally behind the test-only fault injection.
 */
import { EmbeddedPlayer } from '../../../orchestrator/src/players/embedded/embedded-player.js';
import { readEmbeddedPlayerEnv } from '../../../orchestrator/src/players/embedded/embedded-player-env.js';
import type { PlayerEndpoint, PlayerTransport } from '../../../orchestrator/src/players/embedded/player-endpoint.js';
import { renderScene } from '../../../orchestrator/src/render-stage/render-stage.js';
import type { RenderRunOptions, RenderSummary } from '../../../orchestrator/src/render-stage/render-stage.js';
import { parseSceneText } from '../../../orchestrator/src/scene/scene-loader.js';
import type { SceneSpec } from '../../../orchestrator/src/scene/scene-spec.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { buildSkinnedFigureGlb, checkerImage } from '../../helpers/gltf-fixtures.js';
import { createInProcessHost } from '../../helpers/in-process-player-host.js';
import type { InProcessHost } from '../../helpers/in-process-player-host.js';
import { createMemorySessionTransport } from '../../helpers/memory-session-transport.js';
import type { MemorySessionTransport } from '../../helpers/memory-session-transport.js';
import { withFault } from '../../helpers/player-faults.js';
import type { PlayerFault } from '../../helpers/player-faults.js';
import { inProcessPlayer } from '../../helpers/test-players.js';

export const ROOT = '/work';
export const CHARACTERS_DIR = `${ROOT}/characters`;
export const OUT_DIR = `${ROOT}/out`;

/** Two people walking past two small cameras; plain ground and sky (no images to encode). */
export const TINY_SCENE = `
formatVersion: 1
name: tiny
fps: 10
durationS: 1
environment:
  ground: { pattern: plain }
  background: { pattern: plain }
cameras:
  - { name: front, positionM: [0, 1.2, 5], lookAtM: [0, 0.9, 0], fovDeg: 45, widthPx: 32, heightPx: 24 }
  - { name: side, positionM: [5, 1.5, 0], lookAtM: [0, 0.9, 0], fovDeg: 45, widthPx: 32, heightPx: 24 }
walkways:
  - { name: path, points: [[-3, 0], [3, 0]], widthM: 1.5 }
crowd: { count: 2, speedMps: [1.1, 1.3], entryIntervalS: 0.2 }
`;

export function tinyScene(text = TINY_SCENE): SceneSpec {
  return parseSceneText(text, 'tiny');
}

/** The two characters: `ann.glb` (loose file) and `bob/character.glb` (characters stage layout). */
export async function characterFiles(): Promise<Record<string, Uint8Array>> {
  return {
    'ann.glb': await buildSkinnedFigureGlb(),
    'bob/character.glb': await buildSkinnedFigureGlb({ image: checkerImage(64, [200, 60, 60], [240, 220, 200]) }),
  };
}

/** A memory store holding the two characters under {@link CHARACTERS_DIR}. */
export async function characterStore(): Promise<MemoryFileStore> {
  const entries = Object.entries(await characterFiles()).map(([name, bytes]) => [`${CHARACTERS_DIR}/${name}`, bytes]);
  return createMemoryFileStore(Object.fromEntries(entries) as Record<string, Uint8Array>);
}

export interface InProcessRender {
  options: RenderRunOptions;
  host: InProcessHost;
  transport: MemorySessionTransport;
  run(): Promise<RenderSummary>;
}

/**
 * One render of the tiny scene from `files` with the embedded player in this process, reading its
 * assets from the same store; launch i misbehaves as `faults[i]` says.
 */
export function inProcessRender(files: FileStore, extra: Partial<RenderRunOptions> = {}, faults: (PlayerFault | null)[] = []): InProcessRender {
  const transport = createMemorySessionTransport();
  const host = createInProcessHost(transport, (launch) => {
    const { token, url: _url, logLevel: _level, ...config } = readEmbeddedPlayerEnv(launch.env);
    const create = (transport: PlayerTransport): PlayerEndpoint => new EmbeddedPlayer({ token, transport, logger: createMemoryLogger(), ...config, files });
    const fault = faults[launch.index];
    return (fault ? withFault(fault, { onCrash: () => launch.exit(3), log: () => undefined }, create) : create)(launch.transport);
  });
  const options: RenderRunOptions = {
    scene: tinyScene(),
    charactersDir: CHARACTERS_DIR,
    outDir: OUT_DIR,
    player: inProcessPlayer(),
    steps: 3,
    threads: 0,
    samplesPerAxis: 1,
    encoding: 'png',
    cwd: ROOT,
    files,
    logger: createMemoryLogger(),
    ...extra,
    playerRuntime: { transport, processHost: host },
  };
  return { options, host, transport, run: () => renderScene(options) };
}

/** Files written under `dir` since the store's last reset. */
export function writesUnder(files: MemoryFileStore, dir: string): string[] {
  return [...files.writes.keys()].filter((file) => file.startsWith(`${dir}/`)).sort();
}
