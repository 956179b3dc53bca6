/**
 * A fake player that speaks the protocol from a script, for runner and session tests: it says
 * hello, answers set-up requests and pings, and answers each step with one raw frame per camera
 * (every byte = the step number) and one annotation whose `depthM` is the launch index + 1, so
 * a test can tell which launch produced a result. The script makes it misbehave: wrong token or
 * version, silence, refused characters, ignored requests or steps, a crash or a stall at a step,
 * or steps held until the test releases them.
 */
import { PROTOCOL_VERSION, encodeImageFrame, validateMessage } from '../../protocol/src/index.js';
import type { Capability, ProtocolMessage, StepMessage, WireCamera } from '../../protocol/src/index.js';
import type { PlayerEndpoint } from '../../orchestrator/src/players/embedded/player-endpoint.js';
import type { InProcessLaunch } from './in-process-player-host.js';

export interface PlayerScript {
  /** Present this token instead of the launch's. */
  token?: string;
  protocolVersion?: string;
  capabilities?: Capability[];
  /** Connect but never say hello. */
  mute?: boolean;
  /** Never answer this set-up request (its reply times out); pings are still answered. */
  ignoreRequest?: 'scene/load' | 'character/load' | 'camera/setup';
  /** Never answer this step; pings are still answered. */
  ignoreStep?: number;
  /** Refuse every character with E_PLAYER_ASSET. */
  refuseCharacters?: boolean;
  /** Exit with code 3 when asked to render this step. */
  crashAtStep?: number;
  /** Stop answering anything, pings included, when asked to render this step. */
  hangAtStep?: number;
  /** Keep steps until {@link ScriptedPlayer.answerOldest} instead of answering at once. */
  holdSteps?: boolean;
}

export const SCRIPTED_CAPABILITIES: Capability[] = ['image/png', 'image/raw', 'character/bytes', 'character/path', 'session/heartbeat'];

export class ScriptedPlayer implements PlayerEndpoint {
  /** Every message received, in order. */
  readonly received: ProtocolMessage[] = [];
  /** Steps received and not answered yet, oldest first. */
  readonly pendingSteps: StepMessage[] = [];
  /** The most steps that were ever pending at once. */
  maxPendingSteps = 0;
  private cameras = new Map<number, WireCamera>();
  private hung = false;

  constructor(
    private readonly launch: InProcessLaunch,
    private readonly script: PlayerScript = {},
  ) {}

  /** Steps received, in order. */
  get stepsReceived(): number[] {
    return this.received.flatMap((m) => (m.type === 'frame/step' ? [m.step] : []));
  }

  start(): void {
    if (this.script.mute) return;
    this.send({
      type: 'session/hello',
      protocolVersion: this.script.protocolVersion ?? PROTOCOL_VERSION,
      token: this.script.token ?? this.launch.token,
      engine: { name: 'scripted', version: '1.0.0' },
      capabilities: this.script.capabilities ?? SCRIPTED_CAPABILITIES,
    });
  }

  onText(text: string): void {
    if (this.hung) return;
    const result = validateMessage(text, { direction: 'toPlayer' });
    if (!result.ok) throw new Error(`scripted player: the orchestrator sent an invalid message: ${result.errors.join('; ')}`);
    const message = result.message;
    this.received.push(message);
    switch (message.type) {
      case 'session/ping':
        this.send({ type: 'session/pong', nonce: message.nonce });
        return;
      case 'scene/load':
        if (this.script.ignoreRequest !== 'scene/load') this.send({ type: 'scene/loaded', requestId: message.requestId });
        return;
      case 'character/load':
        if (this.script.ignoreRequest === 'character/load') return;
        if (this.script.refuseCharacters) {
          this.send({ type: 'session/error', code: 'E_PLAYER_ASSET', message: `no character ${message.characterId}`, fatal: false, requestId: message.requestId });
          return;
        }
        this.send({ type: 'character/loaded', requestId: message.requestId, characterId: message.characterId, vertexCount: 8, jointCount: 1, heightM: 1.8 });
        return;
      case 'camera/setup':
        this.cameras = new Map(message.cameras.map((c) => [c.camera, c]));
        if (this.script.ignoreRequest !== 'camera/setup') this.send({ type: 'camera/ready', requestId: message.requestId });
        return;
      case 'frame/step':
        this.onStep(message);
        return;
      case 'session/bye':
        this.launch.transport.close(1000, 'bye');
        return;
      default:
        return;
    }
  }

  private onStep(message: StepMessage): void {
    if (message.step === this.script.crashAtStep) {
      this.launch.exit(3);
      return;
    }
    if (message.step === this.script.hangAtStep) {
      this.hung = true;
      return;
    }
    if (message.step === this.script.ignoreStep) return;
    this.pendingSteps.push(message);
    this.maxPendingSteps = Math.max(this.maxPendingSteps, this.pendingSteps.length);
    if (!this.script.holdSteps) this.answerOldest();
  }

  /** Answers the oldest pending step (frames, then the result). */
  answerOldest(): void {
    const message = this.pendingSteps.shift();
    if (!message) throw new Error('scripted player: no step is pending');
    const frames = message.cameras.map((index) => {
      const camera = this.cameras.get(index)!;
      const payload = new Uint8Array(camera.widthPx * camera.heightPx * 3).fill(message.step % 256);
      const header = { step: message.step, camera: index, widthPx: camera.widthPx, heightPx: camera.heightPx, encoding: camera.encoding };
      this.launch.transport.sendBinary(encodeImageFrame(header, payload));
      return { camera: index, encoding: camera.encoding, widthPx: camera.widthPx, heightPx: camera.heightPx, byteLength: payload.length };
    });
    const person = message.persons[0];
    const annotations = person
      ? message.cameras.map((camera) => ({
          camera,
          personId: person.personId,
          visibleBox: [0, 0, 1, 1] as [number, number, number, number],
          amodalBox: [0, 0, 1, 1] as [number, number, number, number],
          visibleFraction: 1,
          visiblePixels: 1,
          keypoints: [],
          depthM: this.launch.index + 1,
        }))
      : [];
    this.send({ type: 'frame/stepResult', step: message.step, frames, annotations, renderMs: 1 });
  }

  private send(message: ProtocolMessage): void {
    this.launch.transport.sendText(JSON.stringify(message));
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
