/**
 * The orchestrator's endpoint for players (by default a WebSocket on 127.0.0.1 and a random
 * port, see ws-session-transport.ts): expects `session/hello` first with the current per-launch
 * token, applies the protocol's compatibility rule and required capabilities, answers
 * `session/welcome`, and hands the session over as a {@link PlayerConnection}. One player at a
 * time; intruders, wrong tokens and wrong versions are refused with a typed `session/error` and
 * a close code, and the server keeps waiting for the right player. Timeouts run on the clock it
 * is given.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PROTOCOL_ERROR_CODES, PROTOCOL_VERSION, REQUIRED_CAPABILITIES, checkCompatibility, validateMessage } from '../../../protocol/src/index.js';
import type { Capability, ProtocolErrorCode } from '../../../protocol/src/index.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { PlayerConnection, protocolError } from './player-connection.js';
import type { ConnectionLimits } from './player-connection.js';
import type { SessionListener, SessionSocket, SessionTransport } from './session-transport.js';
import { webSocketTransport } from './ws-session-transport.js';

export interface PlayerServerOptions extends Partial<ConnectionLimits> {
  logger: Logger;
  /** Receives the player's `log/message` lines (default: the logger at debug level). */
  playerLog?: (level: string, message: string) => void;
  /** Time a connected socket has to send a valid hello (default 10 s). */
  helloTimeoutMs?: number;
  /** Capabilities the session uses when the player offers them (default: all the player offers). */
  wantedCapabilities?: Capability[];
  /** How players connect (default: WebSocket on 127.0.0.1). */
  transport?: SessionTransport;
  /** Heartbeats and timeouts (default: the system clock). */
  clock?: Clock;
}

export const PLAYER_SERVER_DEFAULTS: ConnectionLimits & { helloTimeoutMs: number } = {
  heartbeatIntervalMs: 2000,
  heartbeatTimeoutMs: 15000,
  maxMessageBytes: 16 * 1024 * 1024,
  maxFrameBytes: 128 * 1024 * 1024,
  window: 2,
  helloTimeoutMs: 10000,
};

const ignore = (): void => undefined;

export class PlayerServer {
  /** Handshake refusals (wrong token, version, capabilities, intruders), newest last. */
  readonly refusals: ClonedPersonError[] = [];
  private tokenValue = '';
  private active: PlayerConnection | null = null;
  private waiters: { accept: (connection: PlayerConnection) => void; abandon: (error: ClonedPersonError) => void }[] = [];
  private sessions = 0;
  private readonly limits: ConnectionLimits & { helloTimeoutMs: number };
  private readonly clock: Clock;

  private constructor(
    private readonly listener: SessionListener,
    private readonly options: PlayerServerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.limits = {
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? PLAYER_SERVER_DEFAULTS.heartbeatIntervalMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? PLAYER_SERVER_DEFAULTS.heartbeatTimeoutMs,
      maxMessageBytes: options.maxMessageBytes ?? PLAYER_SERVER_DEFAULTS.maxMessageBytes,
      maxFrameBytes: options.maxFrameBytes ?? PLAYER_SERVER_DEFAULTS.maxFrameBytes,
      window: options.window ?? PLAYER_SERVER_DEFAULTS.window,
      helloTimeoutMs: options.helloTimeoutMs ?? PLAYER_SERVER_DEFAULTS.helloTimeoutMs,
    };
    this.newToken();
    listener.onConnection((socket) => this.onConnection(socket));
  }

  /** Starts listening (by default on 127.0.0.1 and a free port). */
  static async start(options: PlayerServerOptions): Promise<PlayerServer> {
    const maxMessageBytes = Math.max(options.maxMessageBytes ?? PLAYER_SERVER_DEFAULTS.maxMessageBytes, options.maxFrameBytes ?? PLAYER_SERVER_DEFAULTS.maxFrameBytes);
    const listener = await (options.transport ?? webSocketTransport).listen({ maxMessageBytes });
    return new PlayerServer(listener, options);
  }

  /** The address players connect to. */
  get url(): string {
    return this.listener.url;
  }

  /** Steps a session may have in flight. */
  get window(): number {
    return this.limits.window;
  }

  get token(): string {
    return this.tokenValue;
  }

  /**
   * Issues a fresh random token (call before each player launch); older tokens stop working, and
   * a wait of the previous launch ends (E_PLAYER_START) so that it cannot take this launch's player.
   */
  newToken(): string {
    this.tokenValue = randomBytes(24).toString('hex');
    for (const waiter of this.waiters.splice(0)) waiter.abandon(new ClonedPersonError('E_PLAYER_START', 'stopped waiting: a new player was launched'));
    return this.tokenValue;
  }

  /** The next player to complete the handshake (rejects with E_PLAYER_START after `timeoutMs` or at the next {@link newToken}). */
  nextConnection(timeoutMs: number): Promise<PlayerConnection> {
    return new Promise((resolve, reject) => {
      const cancelTimer = this.clock.after(timeoutMs, () => {
        const last = this.refusals.at(-1);
        waiter.abandon(
          new ClonedPersonError('E_PLAYER_START', `no player completed the handshake within ${timeoutMs} ms${last ? ` (last refusal: ${last.code}: ${last.message})` : ''}`, {
            ...(last ? { cause: last } : {}),
          }),
        );
      });
      const waiter = {
        accept: (connection: PlayerConnection): void => {
          cancelTimer();
          resolve(connection);
        },
        abandon: (error: ClonedPersonError): void => {
          cancelTimer();
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private refuse(socket: SessionSocket, code: ProtocolErrorCode, message: string): void {
    const error = protocolError(code, message);
    this.refusals.push(error);
    this.options.logger.warn(`player: refused a connection: ${code}: ${message}`);
    socket.send(JSON.stringify({ type: 'session/error', code, message, fatal: true }));
    socket.close(PROTOCOL_ERROR_CODES[code].closeCode, code);
    // A peer that ignores the closing handshake is dropped.
    this.clock.after(1000, () => socket.terminate());
  }

  private onConnection(socket: SessionSocket): void {
    // Only the first message counts: anything after it is dropped unless a session takes the socket over.
    const quiet = { text: ignore, binary: ignore, closed: ignore, failed: ignore };
    if (this.active?.isOpen) {
      socket.listen(quiet);
      this.refuse(socket, 'E_PROTOCOL_OUT_OF_ORDER', 'a player is already connected to this session');
      return;
    }
    const cancelTimer = this.clock.after(this.limits.helloTimeoutMs, () => {
      socket.listen(quiet);
      this.refuse(socket, 'E_PROTOCOL_TIMEOUT', `no session/hello within ${this.limits.helloTimeoutMs} ms`);
    });
    const first = (): void => {
      cancelTimer();
      socket.listen(quiet);
    };
    socket.listen({
      ...quiet,
      closed: cancelTimer,
      binary: () => {
        first();
        this.refuse(socket, 'E_PROTOCOL_OUT_OF_ORDER', 'the first message must be session/hello, not a binary frame');
      },
      text: (text) => {
        first();
        this.onHello(socket, text);
      },
    });
  }

  private onHello(socket: SessionSocket, text: string): void {
    const result = validateMessage(text, { direction: 'toOrchestrator', maxBytes: this.limits.maxMessageBytes });
    if (!result.ok) {
      this.refuse(socket, result.code, `bad hello: ${result.errors.join('; ')}`);
      return;
    }
    const hello = result.message;
    if (hello.type !== 'session/hello') {
      this.refuse(socket, 'E_PROTOCOL_OUT_OF_ORDER', `the first message must be session/hello, not ${hello.type}`);
      return;
    }
    const expected = Buffer.from(this.tokenValue);
    const given = Buffer.from(hello.token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.refuse(socket, 'E_PROTOCOL_TOKEN', 'wrong session token');
      return;
    }
    const compatibility = checkCompatibility(PROTOCOL_VERSION, hello.protocolVersion);
    if (compatibility.level === 'refuse') {
      this.refuse(socket, 'E_PROTOCOL_VERSION', compatibility.reason);
      return;
    }
    const missing = REQUIRED_CAPABILITIES.filter((c) => !hello.capabilities.includes(c));
    if (missing.length > 0) {
      this.refuse(socket, 'E_PROTOCOL_UNSUPPORTED', `player lacks required capabilities: ${missing.join(', ')}`);
      return;
    }
    const wanted = this.options.wantedCapabilities;
    const capabilities = hello.capabilities.filter((c) => !wanted || wanted.includes(c) || REQUIRED_CAPABILITIES.includes(c));
    const warnings = compatibility.level === 'warn' ? [compatibility.reason] : [];
    for (const warning of warnings) this.options.logger.warn(`player: ${warning}`);
    const sessionId = `s${++this.sessions}-${randomBytes(4).toString('hex')}`;
    socket.send(
      JSON.stringify({
        type: 'session/welcome',
        protocolVersion: PROTOCOL_VERSION,
        sessionId,
        capabilities,
        heartbeatIntervalMs: this.limits.heartbeatIntervalMs,
        heartbeatTimeoutMs: this.limits.heartbeatTimeoutMs,
        maxMessageBytes: this.limits.maxMessageBytes,
        maxFrameBytes: this.limits.maxFrameBytes,
        window: this.limits.window,
        warnings,
      }),
    );
    const playerLog = this.options.playerLog ?? ((level: string, message: string) => this.options.logger.debug(`player ${level}: ${message}`));
    const connection = new PlayerConnection({ socket, hello, capabilities, sessionId, limits: this.limits, logger: this.options.logger, playerLog, clock: this.clock });
    this.active = connection;
    this.options.logger.debug(`player: ${hello.engine.name} ${hello.engine.version} connected (protocol ${hello.protocolVersion}, session ${sessionId})`);
    const waiter = this.waiters.shift();
    if (waiter) waiter.accept(connection);
    else connection.fail(protocolError('E_PROTOCOL_OUT_OF_ORDER', 'no session is waiting for a player'));
  }

  /** Closes the server and any connection; a wait for a player ends (E_PLAYER_START) and its timer with it. */
  async close(): Promise<void> {
    for (const waiter of this.waiters.splice(0)) waiter.abandon(new ClonedPersonError('E_PLAYER_START', 'stopped waiting: the session server closed'));
    this.active?.close('orchestrator shutting down');
    await this.listener.close();
  }
}
