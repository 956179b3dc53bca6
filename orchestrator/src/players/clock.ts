/**
 * Time as a dependency of the player session: heartbeats, reply timeouts and handshake timeouts
 * read and schedule through a {@link Clock}, so tests drive them with a fake clock instead of
 * waiting. {@link systemClock} is the real one.
 */

/** Cancels a scheduled callback (calling it again, or after the callback ran, does nothing). */
export type Cancel = () => void;

export interface Clock {
  /** Milliseconds on a monotonic-enough scale (only differences are used). */
  now(): number;
  /** Calls `callback` once after `delayMs`. */
  after(delayMs: number, callback: () => void): Cancel;
  /** Calls `callback` every `intervalMs` until cancelled; never keeps the process alive by itself. */
  every(intervalMs: number, callback: () => void): Cancel;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
  every(intervalMs, callback) {
    const timer = setInterval(callback, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};
