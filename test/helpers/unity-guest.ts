/**
 * The inside of a test guest (a Node vm context or a QuickJS context) that plays Unity for the
 * player's bundle: installs the globals PuerTS's V8 backend gives a script environment
 * (`CS`, `puer`, `console` and tick-driven timers like puerts/timer.mjs; nothing else) around
 * the fake engine, and exposes `__guest` for the host: `frame()` is one Unity frame before the
 * bundle's own tick (ScriptEnv.Tick runs due timers), and the socket events arrive through it
 * as the C# transport would queue them. Bundled by esbuild into one script (unity-harness.ts).
 */
import { createFakeUnity } from './unity-fake-engine.js';
import type { FakeUnityHost, FakeUnityOptions } from './unity-fake-engine.js';

/** What the host gives the guest; `readFile` returns an ArrayBuffer (copied into the guest here). */
declare const __host: Omit<FakeUnityHost, 'readFile'> & { options: string; readFile(path: string): ArrayBuffer | null };

const options = JSON.parse(__host.options) as FakeUnityOptions;
const unity = createFakeUnity(
  {
    connect: (url) => __host.connect(url),
    sendText: (text) => __host.sendText(text),
    sendBinary: (bytes) => __host.sendBinary(bytes),
    closeSocket: (code, reason) => __host.closeSocket(code, reason),
    readFile: (path) => {
      const bytes = __host.readFile(path);
      return bytes ? new Uint8Array(bytes).slice() : null;
    },
    log: (level, line) => __host.log(level, line),
    requestExit: (code) => __host.requestExit(code),
  },
  options,
);

interface Timer {
  id: number;
  at: number;
  every: number | null;
  run: () => void;
}
let timers: Timer[] = [];
let nextTimer = 1;
function addTimer(run: () => void, ms: number | undefined, repeat: boolean): number {
  // puerts/timer.mjs clamps intervals to at least 10 ms
  const delay = repeat ? Math.max(10, ms ?? 0) : Math.max(0, ms ?? 0);
  const timer = { id: nextTimer++, at: Date.now() + delay, every: repeat ? delay : null, run };
  timers.push(timer);
  return timer.id;
}
const g = globalThis as Record<string, unknown>;
g.CS = unity.CS;
g.puer = unity.puer;
g.global = globalThis;
g.console = {
  log: (...args: unknown[]) => __host.log('log', args.map(String).join(' ')),
  info: (...args: unknown[]) => __host.log('log', args.map(String).join(' ')),
  warn: (...args: unknown[]) => __host.log('warn', args.map(String).join(' ')),
  error: (...args: unknown[]) => __host.log('error', args.map(String).join(' ')),
};
g.setTimeout = (run: () => void, ms?: number) => addTimer(run, ms, false);
g.setInterval = (run: () => void, ms?: number) => addTimer(run, ms, true);
g.clearTimeout = g.clearInterval = (id: number) => {
  timers = timers.filter((t) => t.id !== id);
};

g.__guest = {
  frame(): void {
    unity.frame();
    const now = Date.now();
    for (const timer of timers.filter((t) => t.at <= now)) {
      if (timer.every === null) timers = timers.filter((t) => t !== timer);
      else timer.at = now + timer.every;
      timer.run();
    }
  },
  opened: () => unity.socket.opened(),
  deliver: (text: string) => unity.socket.deliver(text),
  closed: (code: number, reason: string, failure: string | null) => unity.socket.closed(code, reason, failure),
  records: () => JSON.stringify(unity.records),
};
