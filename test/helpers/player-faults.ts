/**
 * Test-only fault injection around a real player endpoint (the embedded player): a `crash`
 * ends the player when it comes to render a step, a `hang` makes it go silent from that step on
 * (no results, no heartbeats), as a stalled engine would. Used by the fault player process
 * (fault-player-main.ts) and by in-process tests. Production players carry no such hooks.
 */
import type { PlayerEndpoint, PlayerTransport } from '../../orchestrator/src/players/embedded/player-endpoint.js';

export interface PlayerFault {
  kind: 'crash' | 'hang';
  step: number;
}

/** The fault player's environment: the plan, and a file counting launches across restarts. */
export const FAULT_PLAYER_ENV = {
  /** Faults per launch, comma-separated: `crash@2,hang@4` = first launch crashes at step 2, second hangs at 4, later ones behave; `none` skips a launch. */
  faults: 'CLONEDPERSON_TEST_PLAYER_FAULTS',
  /** A file the player appends one line to per launch (its line count is the launch index). */
  launches: 'CLONEDPERSON_TEST_PLAYER_LAUNCHES',
} as const;

/** `crash@2,none,hang@4` -> the fault of each launch (null: none). */
export function parseFaultPlan(text: string): (PlayerFault | null)[] {
  return text.split(',').map((part) => {
    if (part.trim() === 'none') return null;
    const match = /^(crash|hang)@(\d+)$/.exec(part.trim());
    if (!match) throw new Error(`fault plan: expected crash@K, hang@K or none, got ${JSON.stringify(part)}`);
    return { kind: match[1] as PlayerFault['kind'], step: Number(match[2]) };
  });
}

function parse(text: string): { type?: string; step?: number } {
  return JSON.parse(text) as { type?: string; step?: number };
}

/**
 * Wraps an endpoint factory so the player misbehaves at `fault.step`, once it has answered every
 * earlier step (so the failure point does not depend on timing): `crash` calls `onCrash` (the
 * process exits), `hang` drops all traffic in both directions from then on.
 */
export function withFault(
  fault: PlayerFault,
  hooks: { onCrash: () => void; log: (message: string) => void },
  create: (transport: PlayerTransport) => PlayerEndpoint,
): (transport: PlayerTransport) => PlayerEndpoint {
  return (transport) => {
    let hung = false;
    let armed = false;
    /** Steps forwarded to the player and not answered yet. */
    const open = new Set<number>();
    const trigger = (): void => {
      armed = false;
      hooks.log(`fault player: injected fault ${fault.kind} at step ${fault.step}`);
      if (fault.kind === 'crash') hooks.onCrash();
      else hung = true;
    };
    const inner = create({
      sendText: (text) => {
        if (hung) return;
        transport.sendText(text);
        const message = parse(text);
        if ((message.type === 'frame/stepResult' || message.type === 'session/error') && message.step !== undefined) open.delete(message.step);
        if (armed && open.size === 0) trigger();
      },
      sendBinary: (bytes) => {
        if (!hung) transport.sendBinary(bytes);
      },
      close: (code, reason) => transport.close(code, reason),
    });
    return {
      start: () => inner.start(),
      onText: (text) => {
        if (hung) return;
        const message = parse(text);
        if (message.type === 'frame/step' && message.step !== undefined) {
          if (message.step === fault.step) armed = true;
          // The faulty step and those after it never reach the player.
          if (armed) {
            if (open.size === 0) trigger();
            return;
          }
          open.add(message.step);
        }
        inner.onText(text);
      },
      dispose: () => inner.dispose(),
    };
  };
}
