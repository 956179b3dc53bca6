/**
 * The TypeScript end of SocketTransport.cs (polled-socket.ts): per poll it reports the opening,
 * then every message queued since the last frame, in order, and the close once; a connection that
 * never opened reports only its close.
 */
import { describe, expect, it } from '@jest/globals';
import { PolledSocket, SOCKET_STATE } from '../../../unity-project/TypeScript/src/polled-socket.js';
import type { NativeSocket } from '../../../unity-project/TypeScript/src/polled-socket.js';

function native(): NativeSocket & { queue: string[]; state: number; sent: string[]; CloseCode: number; Failure: string | null } {
  const n = {
    queue: [] as string[],
    sent: [] as string[],
    state: SOCKET_STATE.connecting as number,
    get State() {
      return n.state;
    },
    CloseCode: 1000,
    CloseReason: 'bye',
    Failure: null as string | null,
    NextText: () => n.queue.shift() ?? null,
    SendText: (t: string) => void n.sent.push(t),
    SendBinary: () => undefined,
    Close: () => undefined,
  };
  return n;
}

describe('PolledSocket', () => {
  it('opens, drains everything queued per poll in order, and closes once', () => {
    const n = native();
    const events: string[] = [];
    const socket = new PolledSocket(n, { open: () => events.push('open'), text: (t) => events.push(t), closed: (c, r) => events.push(`closed ${c} ${r}`) });
    socket.poll();
    expect(events).toEqual([]);
    n.state = SOCKET_STATE.open;
    n.queue.push('a', 'b', 'c');
    socket.poll();
    socket.sendText('hello');
    n.queue.push('d');
    n.state = SOCKET_STATE.closed;
    socket.poll();
    socket.poll();
    socket.sendText('late');
    expect(events).toEqual(['open', 'a', 'b', 'c', 'd', 'closed 1000 bye']);
    expect(n.sent).toEqual(['hello']);
  });

  it('reports a connection that failed without opening', () => {
    const n = native();
    n.state = SOCKET_STATE.closed;
    n.CloseCode = 1006;
    n.Failure = 'connection refused';
    const events: string[] = [];
    new PolledSocket(n, { open: () => events.push('open'), text: (t) => events.push(t), closed: (c, _r, f) => events.push(`closed ${c} ${f}`) }).poll();
    expect(events).toEqual(['closed 1006 connection refused']);
  });
});
