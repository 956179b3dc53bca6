/**
 * The TypeScript end of the C# SocketTransport: every frame, `poll()` notices the connection
 * opening, drains every message received since the last frame (the C# side queues them from its
 * receive thread) and notices the close. This is the only place that calls the transport's
 * receive side, so tests deliver messages exactly as the C# wrapper will: queued, drained per Tick.
 */
import type { SessionSocket } from './player-session.js';

/** The part of CS.ClonedPerson.SocketTransport this uses. */
export interface NativeSocket {
  readonly State: number;
  readonly CloseCode: number;
  readonly CloseReason: string;
  readonly Failure: string | null;
  NextText(): string | null;
  SendText(text: string): void;
  SendBinary(bytes: ArrayBuffer | ArrayBufferView): void;
  Close(code: number, reason: string): void;
}

export const SOCKET_STATE = { connecting: 0, open: 1, closed: 2 } as const;

export interface SocketEvents {
  open(): void;
  text(text: string): void;
  closed(code: number, reason: string, failure: string | null): void;
}

export class PolledSocket implements SessionSocket {
  private opened = false;
  private closed = false;

  constructor(
    private readonly native: NativeSocket,
    private readonly events: SocketEvents,
  ) {}

  /** Call once per frame. */
  poll(): void {
    if (this.closed) return;
    const state = this.native.State;
    if (!this.opened && state !== SOCKET_STATE.connecting) {
      this.opened = true;
      // A connection that failed goes from connecting to closed without opening.
      if (state === SOCKET_STATE.open) this.events.open();
    }
    for (let text = this.native.NextText(); text !== null && text !== undefined; text = this.native.NextText()) this.events.text(text);
    if (state === SOCKET_STATE.closed) {
      this.closed = true;
      this.events.closed(this.native.CloseCode, this.native.CloseReason, this.native.Failure);
    }
  }

  sendText(text: string): void {
    if (!this.closed) this.native.SendText(text);
  }

  sendBinary(bytes: Uint8Array): void {
    if (!this.closed) this.native.SendBinary(bytes);
  }

  close(code: number, reason: string): void {
    if (!this.closed) this.native.Close(code, reason);
  }
}
