/**
 * A {@link Clock} whose time moves only when a test says so, for heartbeats and timeouts
 * without waiting. `settle` runs a piece of work against in-process fakes (which answer through
 * microtasks and immediates, never through real I/O): whenever nothing else can happen, it jumps
 * to the next timer.
 */
import type { Cancel, Clock } from '../../orchestrator/src/players/clock.js';

interface Timer {
  id: number;
  atMs: number;
  intervalMs?: number;
  callback: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, running the timers that fall due, in time order. */
  advance(ms: number): void;
  /**
   * Resolves with `work`'s outcome; while it is pending, lets queued callbacks run and then
   * jumps to the next timer. Throws when nothing is scheduled (a deadlock) or time would pass
   * `limitMs` (default one hour).
   */
  settle<T>(work: Promise<T>, limitMs?: number): Promise<T>;
}

/** Lets queued microtasks and immediates of in-process peers run. */
export async function flushCallbacks(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createFakeClock(startMs = 1_000_000): FakeClock {
  let nowMs = startMs;
  let nextId = 1;
  const timers: Timer[] = [];
  const schedule = (timer: Omit<Timer, 'id'>): Cancel => {
    const id = nextId++;
    timers.push({ ...timer, id });
    return () => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    };
  };
  const earliest = (): Timer | undefined => timers.reduce<Timer | undefined>((best, t) => (!best || t.atMs < best.atMs || (t.atMs === best.atMs && t.id < best.id) ? t : best), undefined);
  const runDue = (untilMs: number): void => {
    for (let due = earliest(); due && due.atMs <= untilMs; due = earliest()) {
      nowMs = due.atMs;
      if (due.intervalMs === undefined) timers.splice(timers.indexOf(due), 1);
      else due.atMs += due.intervalMs;
      due.callback();
    }
    nowMs = Math.max(nowMs, untilMs);
  };
  return {
    now: () => nowMs,
    after: (delayMs, callback) => schedule({ atMs: nowMs + delayMs, callback }),
    every: (intervalMs, callback) => schedule({ atMs: nowMs + intervalMs, intervalMs, callback }),
    advance: (ms) => runDue(nowMs + ms),
    async settle<T>(work: Promise<T>, limitMs = 3_600_000): Promise<T> {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      work.then(
        (value) => (outcome = { ok: true, value }),
        (error: unknown) => (outcome = { ok: false, error }),
      );
      const startedMs = nowMs;
      for (;;) {
        await flushCallbacks();
        if (outcome) break;
        const next = earliest();
        if (!next) throw new Error('fake clock: the work is stuck and no timer is scheduled');
        if (next.atMs - startedMs > limitMs) throw new Error(`fake clock: the work is not done after ${limitMs} ms of fake time`);
        runDue(next.atMs);
      }
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}
