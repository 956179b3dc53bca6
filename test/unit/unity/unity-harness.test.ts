/**
 * The guests the Unity bundle is tested in offer only what PuerTS offers: a module touching an API
 * PuerTS lacks (even with `typeof`) is caught in both the vm and the QuickJS guest, and what
 * PuerTS does have (console, timers driven by the frame loop, Promise, CS, puer) works.
 */
import { describe, expect, it } from '@jest/globals';
import { MISSING_IN_PUERTS, startUnityGuest } from '../../helpers/unity-harness.js';
import type { GuestRuntime } from '../../helpers/unity-harness.js';

const CONFIG = { Url: 'ws://127.0.0.1:1/', Token: 't', AssetRoots: null, LogLevel: 'info', BundlePath: null };
const noSocket = () => ({ sendText: () => undefined, sendBinary: () => undefined, close: () => undefined });

function module(body: string): string {
  return `let frames = 0;\nexport function tick() {\n  frames++;\n${body}\n}\nexport function dispose() {}\n`;
}

describe.each(['vm', 'quickjs'] as GuestRuntime[])('the %s guest', (runtime) => {
  it.each([
    ['new TextDecoder()', 'TextDecoder'],
    ["typeof queueMicrotask === 'function'", 'queueMicrotask'],
    ["fetch('x')", 'fetch'],
    ["new URL('ws://a/')", 'URL'],
    ['process.env', 'process'],
    ["require('fs')", 'require'],
    ['performance.now()', 'performance'],
    ["atob('AA==')", 'atob'],
  ])('catches %s', async (code, name) => {
    const guest = await startUnityGuest({ runtime, config: CONFIG, connect: noSocket, bundle: module(`  ${code};`) });
    expect(await guest.exited).toBe(70);
    expect(guest.forbidden).toEqual([name]);
  });

  it('offers console, frame-driven timers, promises and the CS bridge', async () => {
    const guest = await startUnityGuest({
      runtime,
      config: CONFIG,
      connect: noSocket,
      bundle: module(`
  if (frames === 1) {
    setTimeout(() => console.log('timeout ran'), 0);
    Promise.resolve().then(() => console.warn('promise ran', CS.UnityEngine.Application.unityVersion));
  }
  if (frames === 5) CS.ClonedPerson.PlayerBootstrap.RequestExit(0);`),
    });
    expect(await guest.exited).toBe(0);
    expect(guest.forbidden).toEqual([]);
    expect(guest.logs).toEqual([
      { level: 'warn', line: 'promise ran 2022.3.62f1' },
      { level: 'log', line: 'timeout ran' },
    ]);
    expect(MISSING_IN_PUERTS.length).toBeGreaterThan(15);
  });
});
