/**
 * Entry of the Unity player's script bundle (clonedperson-player.mjs), run by PlayerBootstrap.cs
 * in a PuerTS V8 environment: reads the launch settings, connects the C# socket to the
 * orchestrator and serves the session on the Unity stage. C# calls `tick()` every frame after
 * ScriptEnv.Tick() and `dispose()` before the environment goes away.
 */
import { PlayerSession } from './player-session.js';
import type { AssetReader, LogLevel } from './player-session.js';
import { PolledSocket, SOCKET_STATE } from './polled-socket.js';
import { walkPoseSource } from './walk-pose-source.js';
import { UnityStage } from './unity-stage.js';
import { decodeBase64 } from './base64.js';
import { EXIT_CODES } from './exit-codes.js';

const config = CS.ClonedPerson.PlayerBootstrap.Config;
const debug = config.LogLevel === 'debug';

/** PuerTS's console writes to Unity's log (Debug.Log, LogWarning, LogError), which the launcher forwards to player.log. */
function log(level: LogLevel, message: string): void {
  if (level === 'debug' && !debug) return;
  /* eslint-disable no-console -- the player's log is Unity's log */
  if (level === 'error') console.error(`clonedperson: ${message}`);
  else if (level === 'warn') console.warn(`clonedperson: ${message}`);
  else console.log(`clonedperson: ${message}`);
  /* eslint-enable no-console */
}

/** The asset folders as one line each (what AssetFiles.Confine takes). */
function assetRoots(text: string | null): string {
  if (!text) return '';
  const roots: unknown = JSON.parse(text);
  if (!Array.isArray(roots) || !roots.every((r) => typeof r === 'string')) throw new Error('CLONEDPERSON_PLAYER_ASSET_ROOTS must be a JSON list of folders');
  return roots.join('\n');
}

const roots = assetRoots(config.AssetRoots);
const assets: AssetReader = {
  read(source) {
    if (!('path' in source)) return decodeBase64(source.base64);
    const file = CS.ClonedPerson.AssetFiles.Confine(source.path, roots);
    if (!file) throw new Error(`path ${source.path} is outside the allowed asset folders`);
    return new Uint8Array(CS.ClonedPerson.AssetFiles.Read(file));
  },
};

let waiting: (() => void)[] = [];
const nextFrame = (): Promise<void> => new Promise((resolve) => waiting.push(resolve));

const native = new CS.ClonedPerson.SocketTransport(config.Url);
const stage = new UnityStage({ poses: walkPoseSource, nextFrame, log });
/** Set when the session is over; the player exits once the socket has closed (or after 120 frames). */
let exitCode: number | null = null;
let framesSinceEnd = 0;
const session = new PlayerSession({
  token: config.Token,
  engine: { name: 'unity', version: CS.UnityEngine.Application.unityVersion },
  socket: {
    sendText: (text) => socket.sendText(text),
    sendBinary: (bytes) => socket.sendBinary(bytes),
    close: (code, reason) => socket.close(code, reason),
  },
  stage,
  assets,
  log,
  now: () => Date.now(),
  onEnd: (clean) => {
    exitCode = clean ? EXIT_CODES.ok : EXIT_CODES.sessionFailed;
  },
});
const socket = new PolledSocket(native, {
  open: () => {
    log('info', `connected to ${config.Url}`);
    session.start();
  },
  text: (text) => session.onText(text),
  closed: (code, reason, failure) => {
    if (failure) log('error', `connection to ${config.Url} failed: ${failure}`);
    session.onClosed(code, reason);
  },
});

/** Called by PlayerBootstrap every frame. */
export function tick(): void {
  socket.poll();
  const resumed = waiting;
  waiting = [];
  for (const resume of resumed) resume();
  if (exitCode !== null && (native.State === SOCKET_STATE.closed || ++framesSinceEnd > 120)) CS.ClonedPerson.PlayerBootstrap.RequestExit(exitCode);
}

/** Called by PlayerBootstrap before the script environment is disposed. */
export function dispose(): void {
  if (!session.isEnded) stage.dispose();
  native.Dispose();
}
