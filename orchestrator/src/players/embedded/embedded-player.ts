/**
 * The embedded player: the protocol side of the TypeScript software renderer. It speaks the
 * player protocol over any transport (a WebSocket in the player process, see
 * embedded-player-main.ts): announces itself with `session/hello`, loads the scene (with its
 * props' .glb files) and the characters' .glb files (through a FileStore, confined to its asset
 * folders), sets up cameras,
 * and for every `frame/step` poses the people, renders each camera (render/step-renderer.ts),
 * encodes the images and returns them as binary frames followed by `frame/stepResult`.
 */
import {
  PROTOCOL_VERSION,
  encodeImageFrame,
  validateMessage,
} from '../../../../protocol/src/index.js';
import type {
  AssetSource,
  Capability,
  ProtocolErrorCode,
  ProtocolMessage,
  StepMessage,
  WireAnnotation,
  WireCamera,
  WireFrameInfo,
} from '../../../../protocol/src/index.js';
import { decodeImage, encodeJpeg, encodePng } from '../../imaging/image-io.js';
import type { RawImage } from '../../imaging/raw-image.js';
import { createPerspectiveCamera } from '../../render/camera.js';
import { parseCharacterGlb } from '../../render/character-loader.js';
import { createRenderEnvironment } from '../../render/environment.js';
import { parsePropGlb } from '../../render/prop-loader.js';
import { StepRenderer } from '../../render/step-renderer.js';
import type { StepCamera } from '../../render/step-renderer.js';
import { isClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import type { Logger } from '../../shared/logger.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import { packageInfo } from '../../shared/package-info.js';
import type { PlayerEndpoint, PlayerTransport } from './player-endpoint.js';

/** What the player can do (announced in `session/hello`). */
const EMBEDDED_CAPABILITIES: Capability[] = [
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
];

export interface EmbeddedPlayerOptions {
  token: string;
  transport: PlayerTransport;
  logger: Logger;
  /** Render worker threads (default: CPU count; 0 = inline). */
  workers?: number;
  /** When set, asset paths from the wire must lie inside one of these folders (symlinks resolved). */
  assetRoots?: string[];
  /** Where asset paths are read (default: the local file system). */
  files?: FileStore;
}

/** The first of `roots` that `file` lies inside (symlinks resolved), as resolved by the store. */
async function confined(file: string, roots: string[], files: FileStore): Promise<string | undefined> {
  for (const root of roots) {
    try {
      return await files.resolveInside(root, file);
    } catch {
      // outside this root: try the next
    }
  }
  return undefined;
}

/** The bytes of an asset; paths must lie inside one of `roots` when roots are given. */
async function assetBytes(source: AssetSource, roots: string[] | undefined, files: FileStore): Promise<Uint8Array> {
  if (!('path' in source)) return new Uint8Array(Buffer.from(source.base64, 'base64'));
  if (!roots || roots.length === 0) return files.read(source.path, 'E_PLAYER_ASSET');
  const file = await confined(source.path, roots, files);
  if (file === undefined) throw new Error(`path ${source.path} is outside the allowed asset folders`);
  return files.read(file, 'E_PLAYER_ASSET');
}

export class EmbeddedPlayer implements PlayerEndpoint {
  private readonly renderer: StepRenderer;
  private readonly cameras = new Map<number, WireCamera>();
  private chain: Promise<void> = Promise.resolve();
  private welcomed = false;
  private disposed = false;
  private readonly files: FileStore;

  constructor(private readonly options: EmbeddedPlayerOptions) {
    this.files = options.files ?? nodeFileStore;
    this.renderer = new StepRenderer({
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
  }

  /** Sends `session/hello`; call when the transport is open. */
  start(): void {
    this.send({
      type: 'session/hello',
      protocolVersion: PROTOCOL_VERSION,
      token: this.options.token,
      engine: { name: 'embedded', version: packageInfo().version },
      capabilities: EMBEDDED_CAPABILITIES,
    });
  }

  private send(message: ProtocolMessage): void {
    if (!this.disposed) this.options.transport.sendText(JSON.stringify(message));
  }

  private error(code: ProtocolErrorCode, message: string, extra: { requestId?: number; step?: number } = {}, fatal = false): void {
    this.send({ type: 'session/error', code, message, fatal, ...extra });
  }

  /** Handles one text message from the orchestrator. */
  onText(text: string): void {
    if (this.disposed) return;
    const result = validateMessage(text, { direction: 'toPlayer' });
    if (!result.ok) {
      this.error(result.code, `embedded player refused a message: ${result.errors.join('; ')}`);
      return;
    }
    const message = result.message;
    // Heartbeats are answered at once, even while a step renders.
    if (message.type === 'session/ping') {
      this.send({ type: 'session/pong', nonce: message.nonce });
      return;
    }
    this.chain = this.chain.then(() => this.handle(message)).catch((error: unknown) => {
      this.options.logger.error(`embedded player: ${(error as Error).stack ?? String(error)}`);
    });
  }

  private async handle(message: ProtocolMessage): Promise<void> {
    if (this.disposed) return;
    const log = this.options.logger;
    switch (message.type) {
      case 'session/welcome':
        this.welcomed = true;
        for (const warning of message.warnings) log.warn(`embedded player: ${warning}`);
        return;
      case 'session/error':
        log.error(`embedded player: orchestrator says ${message.code}: ${message.message}`);
        return;
      case 'session/bye':
        await this.dispose();
        this.options.transport.close(1000, 'bye');
        return;
      default:
        break;
    }
    if (!this.welcomed) {
      this.error('E_PROTOCOL_OUT_OF_ORDER', `${message.type} before session/welcome`);
      return;
    }
    switch (message.type) {
      case 'scene/load': {
        try {
          const env = message.environment;
          const decode = async (source: AssetSource | undefined, label: string): Promise<RawImage | null> =>
            source ? decodeImage(await assetBytes(source, this.options.assetRoots, this.files), label) : null;
          const props = [];
          for (const prop of message.props ?? []) {
            props.push(await parsePropGlb(await assetBytes(prop.source, this.options.assetRoots, this.files), prop.name, prop));
          }
          const environment = createRenderEnvironment(
            env,
            { ground: await decode(env.ground.texture, 'ground texture'), panorama: await decode(env.background.image, 'background image') },
            props,
          );
          this.renderer.setEnvironment(environment);
          this.send({ type: 'scene/loaded', requestId: message.requestId });
        } catch (error) {
          this.error('E_PLAYER_ASSET', `scene ${message.name}: ${(error as Error).message}`, { requestId: message.requestId });
        }
        return;
      }
      case 'character/load': {
        try {
          const model = await parseCharacterGlb(await assetBytes(message.source, this.options.assetRoots, this.files), message.characterId);
          this.renderer.addCharacter(model);
          this.send({
            type: 'character/loaded',
            requestId: message.requestId,
            characterId: message.characterId,
            vertexCount: model.vertexCount,
            jointCount: model.jointNames.length,
            heightM: Math.round(model.heightM * 1000) / 1000,
          });
        } catch (error) {
          this.error('E_PLAYER_ASSET', `character ${message.characterId}: ${(error as Error).message}`, { requestId: message.requestId });
        }
        return;
      }
      case 'camera/setup': {
        const cameras = new Map<number, StepCamera>();
        this.cameras.clear();
        for (const wire of message.cameras) {
          this.cameras.set(wire.camera, wire);
          cameras.set(wire.camera, {
            camera: createPerspectiveCamera({
              positionM: wire.positionM,
              lookAtM: wire.lookAtM,
              fovDeg: wire.fovDeg,
              aspect: wire.widthPx / wire.heightPx,
              nearM: 0.1,
              farM: 1000,
            }),
            widthPx: wire.widthPx,
            heightPx: wire.heightPx,
            samplesPerAxis: wire.samplesPerAxis ?? 1,
          });
        }
        this.renderer.setCameras(cameras);
        this.send({ type: 'camera/ready', requestId: message.requestId });
        return;
      }
      case 'frame/step':
        await this.step(message);
        return;
      default:
        this.error('E_PROTOCOL_OUT_OF_ORDER', `the embedded player does not accept ${message.type}`);
    }
  }

  private async step(message: StepMessage): Promise<void> {
    const start = performance.now();
    try {
      const { views } = await this.renderer.renderStep(message.persons, message.cameras);
      const frames: WireFrameInfo[] = [];
      const annotations: WireAnnotation[] = [];
      const encoded = await Promise.all(views.map((view) => this.encode(view.camera, view.image)));
      views.forEach((view, i) => {
        const wire = this.cameras.get(view.camera)!;
        const payload = encoded[i];
        this.options.transport.sendBinary(
          encodeImageFrame({ step: message.step, camera: view.camera, widthPx: wire.widthPx, heightPx: wire.heightPx, encoding: wire.encoding }, payload),
        );
        frames.push({ camera: view.camera, encoding: wire.encoding, widthPx: wire.widthPx, heightPx: wire.heightPx, byteLength: payload.length });
        for (const a of view.annotations) annotations.push({ camera: view.camera, ...a });
      });
      this.send({ type: 'frame/stepResult', step: message.step, frames, annotations, renderMs: Math.round((performance.now() - start) * 10) / 10 });
    } catch (error) {
      const code: ProtocolErrorCode = isClonedPersonError(error) && error.code === 'E_PLAYER_ASSET' ? 'E_PLAYER_ASSET' : 'E_PLAYER_RENDER';
      this.error(code, `step ${message.step}: ${(error as Error).message}`, { step: message.step });
    }
  }

  private async encode(camera: number, image: RawImage): Promise<Uint8Array> {
    const wire = this.cameras.get(camera)!;
    if (wire.encoding === 'raw') return image.data;
    if (wire.encoding === 'jpeg') return new Uint8Array(await encodeJpeg(image, wire.jpegQuality ?? 92));
    return new Uint8Array(await encodePng(image, 3));
  }

  /** Transport closed (or bye): stop the workers. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.renderer.close();
  }
}
