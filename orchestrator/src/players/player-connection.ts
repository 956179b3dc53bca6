/**
 * One live player session after a successful handshake: request/reply for set-up messages,
 * lockstep `frame/step` -> image frames + `frame/stepResult` (results must arrive in step
 * order; the caller keeps at most `window` steps in flight), heartbeats, per-reply timeouts and
 * checks on everything the player sends. Bad messages are answered with `session/error` and
 * dropped (the session stays usable); oversize messages, timeouts and fatal player errors end
 * the session, failing everything pending with a ClonedPersonError.
 */
import { decodeImageFrame, PROTOCOL_ERROR_CODES, ProtocolError, validateMessage } from '../../../protocol/src/index.js';
import type {
  CameraSetupMessage,
  CharacterLoadMessage,
  Capability,
  HelloMessage,
  ImageFrame,
  MessageOf,
  ProtocolErrorCode,
  ProtocolMessage,
  SceneLoadMessage,
  StepMessage,
  StepResultMessage,
  WireCamera,
} from '../../../protocol/src/index.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Cancel, Clock } from './clock.js';
import type { SessionSocket } from './session-transport.js';

export interface ConnectionLimits {
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  maxMessageBytes: number;
  maxFrameBytes: number;
  window: number;
}

/** A step's result with its decoded image frames (in `result.frames` order). */
export interface StepOutput {
  step: number;
  result: StepResultMessage;
  frames: ImageFrame[];
}

type SetupRequest = Omit<SceneLoadMessage, 'requestId'> | Omit<CharacterLoadMessage, 'requestId'> | Omit<CameraSetupMessage, 'requestId'>;
const REPLY_OF = { 'scene/load': 'scene/loaded', 'character/load': 'character/loaded', 'camera/setup': 'camera/ready' } as const;
type ReplyFor<T extends SetupRequest['type']> = MessageOf<(typeof REPLY_OF)[T]>;

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: ClonedPersonError) => void;
  cancelTimer: Cancel;
}

interface PendingStep extends Pending<StepOutput> {
  message: StepMessage;
  frames: Map<number, ImageFrame>;
}

/** Maps a protocol error code to the orchestrator's error code of the same name. */
export function protocolError(code: ProtocolErrorCode, message: string, details: Record<string, unknown> = {}): ClonedPersonError {
  return new ClonedPersonError(code, message, { details: { protocolCode: code, ...details } });
}

export interface PlayerConnectionOptions {
  socket: SessionSocket;
  hello: HelloMessage;
  /** The capabilities the session uses (announced in the welcome). */
  capabilities: Capability[];
  sessionId: string;
  limits: ConnectionLimits;
  logger: Logger;
  /** Receives the player's `log/message` lines. */
  playerLog: (level: string, message: string) => void;
  clock: Clock;
}

export class PlayerConnection {
  /** Refusals sent to the player (bad messages answered with session/error), for tests and logs. */
  readonly refusals: { code: ProtocolErrorCode; message: string }[] = [];
  /** Resolves when the session ends: null for a clean end, else the failure. */
  readonly closed: Promise<ClonedPersonError | null>;
  private resolveClosed!: (value: ClonedPersonError | null) => void;
  private nextRequestId = 1;
  private readonly requests = new Map<number, Pending<ProtocolMessage> & { type: string }>();
  private readonly steps: PendingStep[] = [];
  private cameras = new Map<number, WireCamera>();
  private readonly stopHeartbeat: Cancel;
  private lastPongAt: number;
  private nonce = 0;
  private ended = false;
  private readonly socket: SessionSocket;
  private readonly limits: ConnectionLimits;
  private readonly logger: Logger;
  private readonly playerLog: (level: string, message: string) => void;
  private readonly clock: Clock;
  readonly hello: HelloMessage;
  readonly capabilities: Capability[];
  readonly sessionId: string;

  constructor(options: PlayerConnectionOptions) {
    this.socket = options.socket;
    this.limits = options.limits;
    this.logger = options.logger;
    this.playerLog = options.playerLog;
    this.clock = options.clock;
    this.hello = options.hello;
    this.capabilities = options.capabilities;
    this.sessionId = options.sessionId;
    this.lastPongAt = this.clock.now();
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.socket.listen({
      text: (text) => this.onText(text),
      binary: (bytes) => this.onBinary(bytes),
      closed: (code, reason) => {
        this.end(code === 1000 ? null : new ClonedPersonError('E_PLAYER_CRASHED', `player connection closed (${code}${reason ? ` ${reason}` : ''})`, { details: { closeCode: code } }));
      },
      failed: (error, tooLarge) => {
        this.fail(tooLarge ? protocolError('E_PROTOCOL_TOO_LARGE', `player sent a message over the limit: ${error.message}`) : new ClonedPersonError('E_PLAYER_CRASHED', `player socket error: ${error.message}`, { cause: error }));
      },
    });
    this.stopHeartbeat = this.clock.every(this.limits.heartbeatIntervalMs, () => this.beat());
  }

  /** Steps sent and not yet answered. */
  get inFlight(): number {
    return this.steps.length;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  private beat(): void {
    if (this.ended) return;
    const silentMs = this.clock.now() - this.lastPongAt;
    if (silentMs > this.limits.heartbeatTimeoutMs) {
      this.fail(protocolError('E_PROTOCOL_TIMEOUT', `player missed its heartbeat for ${silentMs} ms (stalled)`));
      return;
    }
    this.sendMessage({ type: 'session/ping', nonce: this.nonce++ });
  }

  private sendMessage(message: ProtocolMessage): void {
    if (!this.ended) this.socket.send(JSON.stringify(message));
  }

  /** Answers a bad message with a non-fatal session/error and drops it. */
  private refuse(code: ProtocolErrorCode, message: string, extra: { step?: number; requestId?: number } = {}): void {
    this.refusals.push({ code, message });
    this.logger.warn(`player: refused a message: ${code}: ${message}`);
    const fatal = PROTOCOL_ERROR_CODES[code].fatal;
    this.sendMessage({ type: 'session/error', code, message, fatal, ...extra });
    if (fatal) this.fail(protocolError(code, message));
  }

  /** Sends a set-up request and resolves with its reply (rejects on timeout or player error). */
  request<T extends SetupRequest>(message: T, timeoutMs: number): Promise<ReplyFor<T['type']>> {
    if (this.ended) return Promise.reject(new ClonedPersonError('E_PLAYER_CRASHED', 'player connection is closed'));
    const requestId = this.nextRequestId++;
    if (message.type === 'camera/setup') this.cameras = new Map(message.cameras.map((c) => [c.camera, c]));
    return new Promise((resolve, reject) => {
      const cancelTimer = this.clock.after(timeoutMs, () => {
        this.fail(protocolError('E_PROTOCOL_TIMEOUT', `player did not answer ${message.type} within ${timeoutMs} ms`));
      });
      this.requests.set(requestId, { resolve: resolve as (m: ProtocolMessage) => void, reject, cancelTimer, type: REPLY_OF[message.type] });
      this.sendMessage({ ...message, requestId });
    });
  }

  /** Sends one step; resolves when its frames and result have arrived and checked out. */
  step(message: StepMessage, timeoutMs: number): Promise<StepOutput> {
    if (this.ended) return Promise.reject(new ClonedPersonError('E_PLAYER_CRASHED', 'player connection is closed'));
    if (this.steps.length >= this.limits.window) {
      return Promise.reject(new ClonedPersonError('E_INTERNAL', `step ${message.step} would exceed the window of ${this.limits.window}`));
    }
    return new Promise((resolve, reject) => {
      const cancelTimer = this.clock.after(timeoutMs, () => {
        this.fail(protocolError('E_PROTOCOL_TIMEOUT', `player did not finish step ${message.step} within ${timeoutMs} ms`, { step: message.step }));
      });
      this.steps.push({ resolve, reject, cancelTimer, message, frames: new Map() });
      this.sendMessage(message);
    });
  }

  private onText(text: string): void {
    if (this.ended) return;
    const result = validateMessage(text, { direction: 'toOrchestrator', maxBytes: this.limits.maxMessageBytes });
    if (!result.ok) {
      this.refuse(result.code, result.errors.join('; '));
      return;
    }
    const message = result.message;
    switch (message.type) {
      case 'session/pong':
        this.lastPongAt = this.clock.now();
        return;
      case 'log/message':
        this.playerLog(message.level, message.message);
        return;
      case 'scene/loaded':
      case 'character/loaded':
      case 'camera/ready': {
        const pending = this.requests.get(message.requestId);
        if (!pending || pending.type !== message.type) {
          this.refuse('E_PROTOCOL_OUT_OF_ORDER', `${message.type} answers no pending request ${message.requestId}`, { requestId: message.requestId });
          return;
        }
        this.requests.delete(message.requestId);
        pending.cancelTimer();
        pending.resolve(message);
        return;
      }
      case 'frame/stepResult':
        this.onStepResult(message);
        return;
      case 'session/error':
        this.onPlayerError(message);
        return;
      case 'session/bye':
        this.close('player said bye');
        return;
      default:
        this.refuse('E_PROTOCOL_OUT_OF_ORDER', `${message.type} is not expected after the handshake`);
    }
  }

  private onPlayerError(message: MessageOf<'session/error'>): void {
    const error = new ClonedPersonError(message.code, `player: ${message.message}`, { details: { protocolCode: message.code, fromPlayer: true } });
    if (message.requestId !== undefined && this.requests.has(message.requestId)) {
      const pending = this.requests.get(message.requestId)!;
      this.requests.delete(message.requestId);
      pending.cancelTimer();
      pending.reject(error);
    } else if (message.step !== undefined && this.steps.some((s) => s.message.step === message.step)) {
      // A step the player could not render: the session is unusable for this run position.
      this.fail(error);
      return;
    } else this.logger.warn(`player: reported ${message.code}: ${message.message}`);
    if (message.fatal) this.fail(error);
  }

  private onBinary(data: Uint8Array): void {
    if (this.ended) return;
    if (data.length > this.limits.maxFrameBytes + 64) {
      this.refuse('E_PROTOCOL_TOO_LARGE', `image frame of ${data.length} bytes exceeds ${this.limits.maxFrameBytes}`);
      return;
    }
    let frame: ImageFrame;
    try {
      frame = decodeImageFrame(data);
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.refuse(error.code, error.message);
        return;
      }
      throw error;
    }
    const pending = this.steps.find((s) => s.message.step === frame.step);
    if (!pending) {
      this.refuse('E_PROTOCOL_OUT_OF_ORDER', `image frame for step ${frame.step}, which is not in flight`, { step: frame.step });
      return;
    }
    const camera = this.cameras.get(frame.camera);
    if (!pending.message.cameras.includes(frame.camera) || !camera) {
      this.refuse('E_PROTOCOL_OUT_OF_ORDER', `image frame for camera ${frame.camera}, which step ${frame.step} did not ask for`, { step: frame.step });
      return;
    }
    if (pending.frames.has(frame.camera)) {
      this.refuse('E_PROTOCOL_OUT_OF_ORDER', `duplicate image frame for step ${frame.step} camera ${frame.camera}`, { step: frame.step });
      return;
    }
    if (frame.widthPx !== camera.widthPx || frame.heightPx !== camera.heightPx || frame.encoding !== camera.encoding) {
      this.refuse('E_PROTOCOL_MALFORMED', `image frame ${frame.widthPx}x${frame.heightPx} ${frame.encoding} does not match camera ${frame.camera}`, { step: frame.step });
      return;
    }
    // Copy out of the socket's buffer: it may be reused.
    pending.frames.set(frame.camera, { ...frame, payload: frame.payload.slice() });
  }

  private onStepResult(message: StepResultMessage): void {
    const oldest = this.steps[0];
    if (!oldest || oldest.message.step !== message.step) {
      this.refuse('E_PROTOCOL_OUT_OF_ORDER', `stepResult for step ${message.step}, expected ${oldest ? oldest.message.step : 'none'}`, { step: message.step });
      return;
    }
    const asked = [...oldest.message.cameras].sort((a, b) => a - b).join(',');
    const listed = message.frames.map((f) => f.camera).sort((a, b) => a - b).join(',');
    const problems: string[] = [];
    if (asked !== listed) problems.push(`frames for cameras [${listed}] but the step asked for [${asked}]`);
    for (const info of message.frames) {
      const frame = oldest.frames.get(info.camera);
      if (!frame) problems.push(`no image frame arrived for camera ${info.camera}`);
      else if (frame.payload.length !== info.byteLength) problems.push(`camera ${info.camera}: ${frame.payload.length} bytes arrived, ${info.byteLength} announced`);
    }
    for (const a of message.annotations) {
      if (!oldest.message.cameras.includes(a.camera)) problems.push(`annotation for camera ${a.camera}, which was not asked for`);
      if (!oldest.message.persons.some((p) => p.personId === a.personId)) problems.push(`annotation for person ${a.personId}, who is not in the step`);
    }
    if (problems.length > 0) {
      // The step cannot be trusted: fail the session so the run retries it with a new player.
      this.refuse('E_PROTOCOL_MALFORMED', `stepResult ${message.step}: ${problems.join('; ')}`, { step: message.step });
      this.fail(protocolError('E_PROTOCOL_MALFORMED', `stepResult ${message.step}: ${problems.join('; ')}`, { step: message.step }));
      return;
    }
    this.steps.shift();
    oldest.cancelTimer();
    oldest.resolve({ step: message.step, result: message, frames: message.frames.map((f) => oldest.frames.get(f.camera)!) });
  }

  /** Ends the session with a failure: rejects everything pending and drops the socket. */
  fail(error: ClonedPersonError): void {
    if (this.ended) return;
    const code = error.details.protocolCode as ProtocolErrorCode | undefined;
    if (code && !error.details.fromPlayer) {
      try {
        this.sendMessage({ type: 'session/error', code, message: error.message, fatal: true });
        this.socket.close(PROTOCOL_ERROR_CODES[code].closeCode, code);
      } catch {
        // the socket may already be gone
      }
    }
    this.end(error);
    this.socket.terminate();
  }

  /** Ends the session cleanly (session/bye, then close). */
  close(reason = 'run finished'): void {
    if (this.ended) return;
    this.sendMessage({ type: 'session/bye', reason });
    this.end(null);
    this.socket.close(1000, 'bye');
  }

  private end(error: ClonedPersonError | null): void {
    if (this.ended) return;
    this.ended = true;
    this.stopHeartbeat();
    const reason = error ?? new ClonedPersonError('E_PLAYER_CRASHED', 'player session ended');
    for (const pending of this.requests.values()) {
      pending.cancelTimer();
      pending.reject(reason);
    }
    this.requests.clear();
    for (const pending of this.steps.splice(0)) {
      pending.cancelTimer();
      pending.reject(reason);
    }
    this.resolveClosed(error);
  }
}
