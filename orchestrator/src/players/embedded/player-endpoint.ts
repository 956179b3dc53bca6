/**
 * The player's side of a session as two small interfaces: the transport a player sends on, and
 * the endpoint that receives the orchestrator's messages. The embedded player is an endpoint; its
 * process entry plugs it into a WebSocket (player-socket.ts), tests plug it into memory.
 */

export interface PlayerTransport {
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface PlayerEndpoint {
  /** The transport is open: announce the player (`session/hello`). */
  start(): void;
  /** One text message from the orchestrator (players receive no binary messages). */
  onText(text: string): void;
  /** The transport closed: release resources (render workers). */
  dispose(): Promise<void>;
}
