/**
 * The protocol side of the Unity player: `session/hello` with the token, the set-up requests
 * (scene, characters, cameras), the steps (binary image frames, then `frame/stepResult`),
 * heartbeats and the end of the session. It speaks through a {@link SessionSocket} and renders
 * through a {@link PlayerStage}, so it runs the same in Unity (main.ts plugs in the C# socket and
 * the Unity stage) and in tests. Requests are handled one at a time in arrival order; pings are
 * answered as soon as they are read, even while a step renders. Pure apart from what it is given.
 */
import { PROTOCOL_VERSION, encodeImageFrame, validateMessage } from '../../../protocol/src/index.js';
import type {
  AssetSource,
  Capability,
  ProtocolErrorCode,
  ProtocolMessage,
  SceneLoadMessage,
  StepMessage,
  WireAnnotation,
  WireCamera,
  WireFrameInfo,
} from '../../../protocol/src/index.js';

/** What the Unity player offers (announced in `session/hello`). */
export const UNITY_CAPABILITIES: Capability[] = [
  'image/png',
  'image/jpeg',
  'image/raw',
  'character/path',
  'character/bytes',
  'scene/groundTexture',
  'scene/backgroundImage',
  'annotations/keypoints',
  'annotations/amodal',
  'session/heartbeat',
  'render/supersampling',
  'scene/props',
  'scene/groundAmbient',
  'scene/unityScene',
];

export interface SessionSocket {
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** The files a scene names (images and props' glbs), read before the stage builds the scene. */
export interface SceneAssets {
  ground?: Uint8Array;
  background?: Uint8Array;
  /** One glb per prop of the message, in its order. */
  props: Uint8Array[];
}

export interface CharacterInfo {
  vertexCount: number;
  jointCount: number;
  heightM: number;
}

export interface RenderedStep {
  /** One encoded image per camera of the step, in the step's camera order. */
  frames: { camera: number; payload: Uint8Array }[];
  annotations: WireAnnotation[];
}

/** Where a session's scenes, characters and steps are drawn (the Unity scene; a fake in tests). */
export interface PlayerStage {
  loadScene(message: SceneLoadMessage, assets: SceneAssets): Promise<void>;
  loadCharacter(characterId: string, glb: Uint8Array): Promise<CharacterInfo>;
  setCameras(cameras: readonly WireCamera[]): void;
  renderStep(message: StepMessage): Promise<RenderedStep>;
  dispose(): void;
}

export interface AssetReader {
  /** The bytes of a file the orchestrator names (a path inside the asset folders, or inline base64). */
  read(source: AssetSource): Uint8Array;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface PlayerSessionOptions {
  token: string;
  engine: { name: string; version: string };
  socket: SessionSocket;
  stage: PlayerStage;
  assets: AssetReader;
  log: (level: LogLevel, message: string) => void;
  /** Milliseconds (for `renderMs`). */
  now: () => number;
  /** The session is over: `clean` after a bye, not after a broken connection or a fatal error. */
  onEnd: (clean: boolean) => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PlayerSession {
  private chain: Promise<void> = Promise.resolve();
  private welcomed = false;
  private ended = false;
  private cameras = new Map<number, WireCamera>();

  constructor(private readonly options: PlayerSessionOptions) {}

  /** Announces the player; call when the socket is open. */
  start(): void {
    this.send({
      type: 'session/hello',
      protocolVersion: PROTOCOL_VERSION,
      token: this.options.token,
      engine: this.options.engine,
      capabilities: UNITY_CAPABILITIES,
    });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private send(message: ProtocolMessage): void {
    if (!this.ended) this.options.socket.sendText(JSON.stringify(message));
  }

  private error(code: ProtocolErrorCode, message: string, extra: { requestId?: number; step?: number } = {}): void {
    this.options.log('error', message);
    this.send({ type: 'session/error', code, message, fatal: false, ...extra });
  }

  /** One text message from the orchestrator. */
  onText(text: string): void {
    if (this.ended) return;
    const result = validateMessage(text, { direction: 'toPlayer' });
    if (!result.ok) {
      this.error(result.code, `unity player refused a message: ${result.errors.join('; ')}`);
      return;
    }
    const message = result.message;
    if (message.type === 'session/ping') {
      this.send({ type: 'session/pong', nonce: message.nonce });
      return;
    }
    this.chain = this.chain
      .then(() => this.handle(message))
      .catch((error: unknown) => {
        this.options.log('error', `unity player: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
  }

  /** The connection closed (1000 is a clean close). */
  onClosed(code: number, reason: string): void {
    if (this.ended) return;
    this.options.log(code === 1000 ? 'info' : 'warn', `unity player: connection closed (${code}${reason ? ` ${reason}` : ''})`);
    this.end(code === 1000);
  }

  private end(clean: boolean): void {
    if (this.ended) return;
    this.ended = true;
    try {
      this.options.stage.dispose();
    } finally {
      this.options.onEnd(clean);
    }
  }

  private async handle(message: ProtocolMessage): Promise<void> {
    if (this.ended) return;
    switch (message.type) {
      case 'session/welcome':
        this.welcomed = true;
        for (const warning of message.warnings) this.options.log('warn', `unity player: ${warning}`);
        return;
      case 'session/error':
        this.options.log('error', `unity player: the orchestrator says ${message.code}: ${message.message}`);
        return;
      case 'session/bye':
        this.options.socket.close(1000, 'bye');
        this.end(true);
        return;
      default:
        break;
    }
    if (!this.welcomed) {
      this.error('E_PROTOCOL_OUT_OF_ORDER', `${message.type} before session/welcome`);
      return;
    }
    switch (message.type) {
      case 'scene/load':
        try {
          const { ground, background } = message.environment;
          const assets: SceneAssets = {
            ...(ground.texture ? { ground: this.options.assets.read(ground.texture) } : {}),
            ...(background.image ? { background: this.options.assets.read(background.image) } : {}),
            props: (message.props ?? []).map((prop) => this.options.assets.read(prop.source)),
          };
          await this.options.stage.loadScene(message, assets);
          this.send({ type: 'scene/loaded', requestId: message.requestId });
        } catch (error) {
          this.error('E_PLAYER_ASSET', `scene ${message.name}: ${errorText(error)}`, { requestId: message.requestId });
        }
        return;
      case 'character/load':
        try {
          const info = await this.options.stage.loadCharacter(message.characterId, this.options.assets.read(message.source));
          this.send({
            type: 'character/loaded',
            requestId: message.requestId,
            characterId: message.characterId,
            vertexCount: info.vertexCount,
            jointCount: info.jointCount,
            heightM: Math.round(info.heightM * 1000) / 1000,
          });
        } catch (error) {
          this.error('E_PLAYER_ASSET', `character ${message.characterId}: ${errorText(error)}`, { requestId: message.requestId });
        }
        return;
      case 'camera/setup':
        try {
          this.cameras = new Map(message.cameras.map((c) => [c.camera, c]));
          this.options.stage.setCameras(message.cameras);
          this.send({ type: 'camera/ready', requestId: message.requestId });
        } catch (error) {
          this.error('E_PLAYER_RENDER', `cameras: ${errorText(error)}`, { requestId: message.requestId });
        }
        return;
      case 'frame/step':
        await this.step(message);
        return;
      default:
        this.error('E_PROTOCOL_OUT_OF_ORDER', `the unity player does not accept ${message.type}`);
    }
  }

  private async step(message: StepMessage): Promise<void> {
    const start = this.options.now();
    let rendered: RenderedStep;
    try {
      const missing = message.cameras.find((c) => !this.cameras.has(c));
      if (missing !== undefined) throw new Error(`step asks for camera ${missing}, which is not set up`);
      rendered = await this.options.stage.renderStep(message);
    } catch (error) {
      this.error('E_PLAYER_RENDER', `step ${message.step}: ${errorText(error)}`, { step: message.step });
      return;
    }
    const frames: WireFrameInfo[] = [];
    for (const { camera, payload } of rendered.frames) {
      const wire = this.cameras.get(camera)!;
      this.options.socket.sendBinary(encodeImageFrame({ step: message.step, camera, widthPx: wire.widthPx, heightPx: wire.heightPx, encoding: wire.encoding }, payload));
      frames.push({ camera, encoding: wire.encoding, widthPx: wire.widthPx, heightPx: wire.heightPx, byteLength: payload.length });
    }
    const renderMs = Math.max(0, Math.round((this.options.now() - start) * 10) / 10);
    this.send({ type: 'frame/stepResult', step: message.step, frames, annotations: rendered.annotations, renderMs });
  }
}
