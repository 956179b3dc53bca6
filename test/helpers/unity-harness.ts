/**
 * Runs the Unity player's script bundle outside Unity, in a Node `vm` context or in QuickJS
 * (quickjs-emscripten), with only what PuerTS's V8 backend offers a script: the fake engine's
 * `CS` and `puer`, `console`, tick-driven timers, and ECMAScript. Web and Node APIs PuerTS lacks
 * (TextEncoder, TextDecoder, fetch, URL, queueMicrotask, process, require, Buffer, atob,
 * performance, ...) are poisoned: touching one, even with `typeof`, is recorded and throws, and
 * tests assert that nothing was touched. The socket works as the C# SocketTransport does:
 * messages from the orchestrator are queued and the bundle drains them on its next tick; a frame
 * is one `__guest.frame()` (glTFast tasks, scene loads, timers) followed by the bundle's `tick()`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { bundleUnityPlayer } from '../../scripts/unity/unity-bundle.js';
import type { FakeRecords, FakeUnityConfig } from './unity-fake-engine.js';

/** Globals a PuerTS V8 environment does not have (puerts/*.mjs define none of them). */
export const MISSING_IN_PUERTS = [
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'URL',
  'URLSearchParams',
  'queueMicrotask',
  'structuredClone',
  'process',
  'require',
  'module',
  'exports',
  'Buffer',
  'atob',
  'btoa',
  'performance',
  'setImmediate',
  'clearImmediate',
  'navigator',
  'Intl',
] as const;

export type GuestRuntime = 'vm' | 'quickjs';

/** The player's end of the session socket, supplied by the test (memory transport or ws). */
export interface GuestSocket {
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface GuestSocketEvents {
  text(text: string): void;
  closed(code: number, reason: string): void;
}

export interface UnityGuestOptions {
  runtime: GuestRuntime;
  config: FakeUnityConfig;
  /** Authored Unity scenes the fake build contains. */
  scenes?: string[];
  /** Opens the player's connection; called when the bundle creates its SocketTransport. */
  connect(url: string, events: GuestSocketEvents, opened: () => void): GuestSocket;
  /** Milliseconds between frames (default 1). */
  frameMs?: number;
  /** Another module to run instead of the player's bundle (tests of the harness itself). */
  bundle?: string;
}

export interface UnityGuest {
  /** The exit code the player asked for (PlayerBootstrap.RequestExit), or 70 when a tick threw. */
  exited: Promise<number>;
  records(): FakeRecords;
  logs: { level: string; line: string }[];
  /** Names of poisoned globals the bundle touched. */
  forbidden: string[];
  /** Stops the frame loop (a killed process). */
  stop(): void;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
let playerBundle: Promise<string> | undefined;
let guestScript: Promise<string> | undefined;

/** The player bundle, built once per test file. */
export function unityPlayerBundle(): Promise<string> {
  playerBundle ??= bundleUnityPlayer();
  return playerBundle;
}

function unityGuestScript(): Promise<string> {
  guestScript ??= build({
    entryPoints: [path.join(HERE, 'unity-guest.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return guestScript;
}

/** A script defining throwing getters for every name in {@link MISSING_IN_PUERTS}; each access calls `__forbidden(name)`. */
function poisonScript(): string {
  return `for (const name of ${JSON.stringify(MISSING_IN_PUERTS)}) {
    try { delete globalThis[name]; } catch (e) {}
    Object.defineProperty(globalThis, name, { configurable: false, get() { __forbidden(name); throw new ReferenceError(name + ' is not defined (PuerTS has no ' + name + ')'); } });
  }`;
}

interface Host {
  options: string;
  connect(url: string): void;
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  closeSocket(code: number, reason: string): void;
  readFile(path: string): ArrayBuffer | null;
  log(level: string, line: string): void;
  requestExit(code: number): void;
}

/** Starts a guest running the bundle; it runs frames until it asks to exit or is stopped. */
export async function startUnityGuest(options: UnityGuestOptions): Promise<UnityGuest> {
  const [bundle, guest] = await Promise.all([options.bundle ?? unityPlayerBundle(), unityGuestScript()]);
  const logs: { level: string; line: string }[] = [];
  const forbidden: string[] = [];
  let exitCode: number | null = null;
  let stopped = false;
  let socket: GuestSocket | null = null;
  const incoming: ({ kind: 'open' } | { kind: 'text'; text: string } | { kind: 'closed'; code: number; reason: string })[] = [];
  const host: Host = {
    options: JSON.stringify({ config: options.config, scenes: options.scenes ?? [] }),
    connect(url) {
      socket = options.connect(url, { text: (text) => incoming.push({ kind: 'text', text }), closed: (code, reason) => incoming.push({ kind: 'closed', code, reason }) }, () => incoming.push({ kind: 'open' }));
    },
    sendText: (text) => socket?.sendText(text),
    sendBinary: (bytes) => socket?.sendBinary(Uint8Array.from(bytes)),
    closeSocket: (code, reason) => socket?.close(code, reason),
    readFile(file) {
      try {
        const bytes = readFileSync(file);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      } catch {
        return null;
      }
    },
    log: (level, line) => logs.push({ level, line }),
    requestExit: (code) => {
      exitCode ??= code;
    },
  };
  const runner = options.runtime === 'vm' ? await vmRunner(host, guest, bundle, forbidden) : await quickJsRunner(host, guest, bundle, forbidden);
  const exited = (async () => {
    try {
      while (exitCode === null && !stopped) {
        // The C# receive thread's queue, handed over at the start of a frame.
        for (const event of incoming.splice(0)) {
          if (event.kind === 'open') runner.call('opened');
          else if (event.kind === 'text') runner.call('deliver', event.text);
          else runner.call('closed', event.code, event.reason, null);
        }
        runner.frame();
        await new Promise((resolve) => setTimeout(resolve, options.frameMs ?? 1));
      }
    } catch (error) {
      logs.push({ level: 'error', line: `tick threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      exitCode ??= 70;
    } finally {
      runner.dispose();
    }
    return exitCode ?? 137;
  })();
  return {
    exited,
    records: () => JSON.parse(runner.records()) as FakeRecords,
    logs,
    forbidden,
    stop: () => {
      stopped = true;
    },
  };
}

interface Runner {
  call(name: 'opened' | 'deliver' | 'closed', ...args: (string | number | null)[]): void;
  /** One frame: the engine's frame, then the bundle's tick, then pending jobs. */
  frame(): void;
  records(): string;
  dispose(): void;
}

async function vmRunner(host: Host, guest: string, bundle: string, forbidden: string[]): Promise<Runner> {
  const context = vm.createContext({});
  vm.runInContext('delete globalThis.console;', context);
  const g = vm.runInContext('globalThis', context) as Record<string, unknown>;
  g.__forbidden = (name: string) => forbidden.push(name);
  vm.runInContext(poisonScript(), context);
  g.__host = host;
  vm.runInContext(guest, context, { filename: 'unity-guest.js' });
  const module = new vm.SourceTextModule(bundle, { context, identifier: 'clonedperson-player.mjs' });
  await module.link(() => {
    throw new Error('the bundle must not import anything');
  });
  await module.evaluate();
  const exports = module.namespace as { tick: () => void; dispose: () => void };
  const api = g.__guest as Record<string, (...args: unknown[]) => unknown>;
  return {
    call: (name, ...args) => void api[name](...args),
    frame: () => {
      api.frame();
      exports.tick();
    },
    records: () => api.records() as string,
    dispose: () => exports.dispose(),
  };
}

async function quickJsRunner(host: Host, guest: string, bundle: string, forbidden: string[]): Promise<Runner> {
  const QuickJS = await getQuickJS();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(512 * 1024 * 1024);
  const ctx: QuickJSContext = runtime.newContext();
  const fn = (name: string, body: (...args: QuickJSHandle[]) => QuickJSHandle | undefined, target: QuickJSHandle): void => {
    const handle = ctx.newFunction(name, body);
    ctx.setProp(target, name, handle);
    handle.dispose();
  };
  fn('__forbidden', (name) => void forbidden.push(ctx.getString(name)), ctx.global);
  ctx.unwrapResult(ctx.evalCode(poisonScript(), 'poison.js', { type: 'global' })).dispose();
  const hostHandle = ctx.newObject();
  const options = ctx.newString(host.options);
  ctx.setProp(hostHandle, 'options', options);
  options.dispose();
  fn('connect', (url) => void host.connect(ctx.getString(url)), hostHandle);
  fn('sendText', (text) => void host.sendText(ctx.getString(text)), hostHandle);
  fn(
    'sendBinary',
    (bytes) => {
      const view = ctx.getArrayBuffer(ctx.getProp(bytes, 'buffer'));
      const offset = ctx.getNumber(ctx.getProp(bytes, 'byteOffset'));
      const length = ctx.getNumber(ctx.getProp(bytes, 'byteLength'));
      host.sendBinary(view.value.slice(offset, offset + length));
      view.dispose();
      return undefined;
    },
    hostHandle,
  );
  fn('closeSocket', (code, reason) => void host.closeSocket(ctx.getNumber(code), ctx.getString(reason)), hostHandle);
  fn(
    'readFile',
    (file) => {
      const bytes = host.readFile(ctx.getString(file));
      return bytes ? ctx.newArrayBuffer(bytes) : ctx.null;
    },
    hostHandle,
  );
  fn('log', (level, line) => void host.log(ctx.getString(level), ctx.getString(line)), hostHandle);
  fn('requestExit', (code) => void host.requestExit(ctx.getNumber(code)), hostHandle);
  ctx.setProp(ctx.global, '__host', hostHandle);
  hostHandle.dispose();
  ctx.unwrapResult(ctx.evalCode(guest, 'unity-guest.js', { type: 'global' })).dispose();
  const jobs = (): void => {
    const result = runtime.executePendingJobs();
    if (result.error) {
      const error: unknown = ctx.dump(result.error);
      result.error.dispose();
      throw new Error(`QuickJS job failed: ${JSON.stringify(error)}`);
    }
  };
  // A module evaluates to its exports, or to a promise of them.
  let exportsHandle = ctx.unwrapResult(ctx.evalCode(bundle, 'clonedperson-player.mjs', { type: 'module' }));
  jobs();
  const state = ctx.getPromiseState(exportsHandle);
  if (state.type === 'rejected') throw new Error(`the bundle failed to evaluate in QuickJS: ${JSON.stringify(ctx.dump(state.error))}`);
  if (state.type === 'pending') throw new Error('the bundle did not finish evaluating in QuickJS');
  if (!state.notAPromise) {
    exportsHandle.dispose();
    exportsHandle = state.value;
  }
  const tick = ctx.getProp(exportsHandle, 'tick');
  const dispose = ctx.getProp(exportsHandle, 'dispose');
  const api = ctx.getProp(ctx.global, '__guest');
  const call = (target: QuickJSHandle, method: QuickJSHandle | string, args: QuickJSHandle[] = []): QuickJSHandle => {
    const f = typeof method === 'string' ? ctx.getProp(target, method) : method;
    const result = ctx.callFunction(f, target, args);
    if (typeof method === 'string') f.dispose();
    for (const a of args) a.dispose();
    if (result.error) {
      const error: unknown = ctx.dump(result.error);
      result.error.dispose();
      throw new Error(`QuickJS call failed: ${JSON.stringify(error)}`);
    }
    return result.value;
  };
  let disposed = false;
  return {
    call: (name, ...args) => {
      const handles = args.map((a) => (a === null ? ctx.null : typeof a === 'number' ? ctx.newNumber(a) : ctx.newString(a)));
      call(api, name, handles).dispose();
      jobs();
    },
    frame: () => {
      call(api, 'frame').dispose();
      jobs();
      call(exportsHandle, tick).dispose();
      jobs();
    },
    records: () => {
      const handle = call(api, 'records');
      const text = ctx.getString(handle);
      handle.dispose();
      return text;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      call(exportsHandle, dispose).dispose();
      jobs();
      // Keep the context alive for records(); QuickJS is freed with the process.
    },
  };
}
