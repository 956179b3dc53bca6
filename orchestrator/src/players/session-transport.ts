/**
 * The message transport under a player session, as small interfaces: a listener the player
 * connects to, and one socket per connection carrying text (JSON messages) and binary (image
 * frames) messages. The session server and connection speak the protocol over these; the
 * WebSocket implementation is ws-session-transport.ts, and tests use an in-memory one.
 */

export interface SocketHandlers {
  text(text: string): void;
  binary(bytes: Uint8Array): void;
  /** The socket closed; code 1000 is a clean close. */
  closed(code: number, reason: string): void;
  /** A transport failure; `tooLarge` when a message exceeded the transport's size limit. */
  failed(error: Error, tooLarge: boolean): void;
}

/** The orchestrator's end of one connection. */
export interface SessionSocket {
  /** Routes the socket's events to `handlers` from now on (replacing earlier handlers). */
  listen(handlers: SocketHandlers): void;
  send(text: string): void;
  /** Starts a closing handshake with a close code and reason. */
  close(code: number, reason: string): void;
  /** Drops the connection at once. */
  terminate(): void;
}

export interface SessionListener {
  /** The address a player connects to (passed to it at launch). */
  readonly url: string;
  /** Called for every new connection; the handler must call `listen` on the socket synchronously. */
  onConnection(handler: (socket: SessionSocket) => void): void;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

export interface SessionTransport {
  /** Starts listening; messages over `maxMessageBytes` may be refused by the transport itself. */
  listen(options: { maxMessageBytes: number }): Promise<SessionListener>;
}
