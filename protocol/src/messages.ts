/**
 * The messages of the orchestrator <-> player protocol. JSON text frames carry these objects;
 * binary frames carry images (see image-frame.ts). Every message names its `type`
 * (`domain/verb`, after LSP), its direction (`@direction toPlayer | toOrchestrator | both`)
 * and the protocol version that introduced it (`@since`). The JSON Schema in ../schema is
 * generated from this file (`npm run schemas`); runtime validation uses that schema.
 *
 * Session flow:
 * 1. player connects to ws://127.0.0.1:<port>/ and sends `session/hello` (token, version, capabilities);
 * 2. orchestrator answers `session/welcome` (or `session/error` + close);
 * 3. `scene/load` -> `scene/loaded`, `character/load` -> `character/loaded` (per character),
 *    `camera/setup` -> `camera/ready`;
 * 4. `frame/step` -> binary image frames, then `frame/stepResult`, in step order, with at most
 *    `window` steps in flight; `session/ping` -> `session/pong` at any time after the welcome;
 * 5. `session/bye` from either side ends the session.
 *
 * Units: metres, degrees, seconds, pixels; world space is glTF's (+Y up, ground at y = 0).
 */
import type { Capability } from './capabilities.js';
import type { ProtocolErrorCode } from './error-codes.js';

/** Three finite numbers (x, y, z). */
export type Vec3 = [number, number, number];
/** An RGB colour, each channel 0..1. */
export type ColorRgb = [number, number, number];
/** An axis-aligned pixel box [x0, y0, x1, y1]: x0 <= x1, y0 <= y1, image origin top-left, x1/y1 exclusive. */
export type BoxPx = [number, number, number, number];
/** One 2D keypoint: x, y in pixels and visibility v (0 outside the image, 1 occluded, 2 visible). */
export type KeypointPx = [number, number, number];

/** Where the player finds a file: a path on the player's machine, or the bytes inline. */
export type AssetSource =
  | {
      /** Absolute path on the machine the player runs on. */
      path: string;
    }
  | {
      /** The file's bytes, base64 (RFC 4648, with padding). */
      base64: string;
      /** e.g. `model/gltf-binary`, `image/png`, `image/jpeg`. */
      mimeType: string;
    };

/** Image encodings of frames. */
export type ImageEncoding = 'png' | 'jpeg' | 'raw';

/** The environment a scene renders in. */
export interface WireEnvironment {
  ground: {
    /** Base colour of the ground (multiplies the texture when there is one). */
    color: ColorRgb;
    /** Tiled ground texture (capability `scene/groundTexture`). */
    texture?: AssetSource;
    /**
     * Metres covered by one texture repeat.
     * @exclusiveMinimum 0
     */
    tileM: number;
    /**
     * Half the side of the square ground, centred on the origin, in metres.
     * @exclusiveMinimum 0
     */
    halfSizeM: number;
  };
  background: {
    /** Sky colour at the zenith and at the horizon (a vertical gradient). */
    zenithColor: ColorRgb;
    horizonColor: ColorRgb;
    /** A cylindrical panorama (360 degrees around, horizon at mid-height; capability `scene/backgroundImage`). */
    image?: AssetSource;
  };
  lighting: {
    /**
     * Ambient light colour/intensity (0..1 per channel), linear. With `groundAmbient` this is
     * the light from the sky (surfaces facing up get it all).
     */
    ambient: ColorRgb;
    /**
     * Ambient light from the ground (surfaces facing down get it all; in between, a blend by the
     * normal's height). Absent: `ambient` from everywhere. Added in protocol 1.2.0 and sent only
     * to players offering `scene/groundAmbient`.
     */
    groundAmbient?: ColorRgb;
    /** Direction the sunlight travels, world space (need not be unit length). */
    sunDirection: Vec3;
    /** Sun colour/intensity (0..1 per channel), linear. */
    sunColor: ColorRgb;
  };
}

/** A unit quaternion [x, y, z, w] (glTF's order). */
export type QuaternionXyzw = [number, number, number, number];

/**
 * A static model placed in the scene: buildings, walls, benches, poles, trees, vehicles, stalls.
 * Props occlude people (annotations count only what is seen), cast sun shadows and stand on the
 * ground. Added in protocol 1.2.0 (capability `scene/props`).
 */
export interface WireProp {
  /** A display name, unique in the scene. */
  name: string;
  /** A glTF 2.0 binary (.glb): its default scene's meshes with their materials and textures (skins and animations are ignored). */
  source: AssetSource;
  /** World position of the model's origin, metres. */
  positionM: Vec3;
  /** Rotation of the model about its origin, applied after the scale. */
  rotation: QuaternionXyzw;
  /** Scale per axis, applied first. */
  scale: Vec3;
}

/** A camera as the player sets it up. */
export interface WireCamera {
  /**
   * Index of the camera in the session, 0-based; image frames and annotations refer to it.
   * @asType integer
   * @minimum 0
   * @maximum 65535
   */
  camera: number;
  /** A display name (e.g. `cam0`). */
  name: string;
  positionM: Vec3;
  lookAtM: Vec3;
  /**
   * Vertical field of view in degrees.
   * @exclusiveMinimum 0
   * @exclusiveMaximum 180
   */
  fovDeg: number;
  /**
   * @asType integer
   * @minimum 1
   * @maximum 8192
   */
  widthPx: number;
  /**
   * @asType integer
   * @minimum 1
   * @maximum 8192
   */
  heightPx: number;
  encoding: ImageEncoding;
  /**
   * JPEG quality (1..100) when `encoding` is `jpeg`.
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  jpegQuality?: number;
  /**
   * Anti-aliasing: render at this many samples per pixel along each axis and filter down
   * (1 = off). Sent only to players offering `render/supersampling`; others render at 1.
   * Added in protocol 1.1.0.
   * @asType integer
   * @minimum 1
   * @maximum 4
   */
  samplesPerAxis?: number;
}

/** A person's state in one step, computed by the orchestrator's choreography. */
export interface WirePerson {
  /**
   * The instance id of this person (stable while the person is in the scene; 1..65535).
   * @asType integer
   * @minimum 1
   * @maximum 65535
   */
  personId: number;
  /** The loaded character this person shows. */
  characterId: string;
  /** Position of the point between the feet on the ground, world metres. */
  positionM: Vec3;
  /** Facing direction: 0 looks along +Z, 90 along +X (rotation about +Y). */
  headingDeg: number;
  /**
   * Walk-cycle phase in [0, 1): 0 is the left heel strike, 0.5 the right heel strike.
   * @minimum 0
   * @exclusiveMaximum 1
   */
  walkPhase: number;
  /**
   * Walking speed in metres per second (0 = standing).
   * @minimum 0
   */
  speedMps: number;
}

/** What the player reports for one person seen by one camera. */
export interface WireAnnotation {
  /**
   * @asType integer
   * @minimum 0
   */
  camera: number;
  /**
   * @asType integer
   * @minimum 1
   */
  personId: number;
  /** The box of the person's visible pixels (null when no pixel is visible). */
  visibleBox: BoxPx | null;
  /**
   * The box of the whole projected person (as if nothing occluded it), NOT clipped to the image,
   * so truncation at the border shows; null when the person is entirely behind the camera.
   */
  amodalBox: BoxPx | null;
  /**
   * Visible pixels / pixels the person would cover inside the image with no occluders, 0..1
   * (occlusion by other people and by props; truncation shows in the amodal box).
   * @minimum 0
   * @maximum 1
   */
  visibleFraction: number;
  /**
   * Visible (unoccluded, in-image) pixel count at output resolution (may be fractional with supersampling).
   * @minimum 0
   */
  visiblePixels: number;
  /** 2D keypoints (COCO-17 order) or empty without `annotations/keypoints`. */
  keypoints: KeypointPx[];
  /** Distance of the person's hips in front of the camera along its view axis, metres. */
  depthM: number;
}

/** Metadata of one binary image frame sent for a step. */
export interface WireFrameInfo {
  /**
   * @asType integer
   * @minimum 0
   */
  camera: number;
  encoding: ImageEncoding;
  /**
   * @asType integer
   * @minimum 1
   */
  widthPx: number;
  /**
   * @asType integer
   * @minimum 1
   */
  heightPx: number;
  /**
   * Payload bytes after the header.
   * @asType integer
   * @minimum 0
   */
  byteLength: number;
}

/**
 * First message of a session: who the player is and what it can do.
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface HelloMessage {
  type: 'session/hello';
  /** Semver `MAJOR.MINOR.PATCH` of the protocol the player speaks. */
  protocolVersion: string;
  /**
   * The per-session token the orchestrator handed to the player process.
   * @minLength 1
   * @maxLength 256
   */
  token: string;
  /** The rendering engine, e.g. `{ name: "embedded", version: "0.1.0" }` or `{ name: "unity", version: "2022.3.20f1" }`. */
  engine: { name: string; version: string };
  capabilities: Capability[];
}

/**
 * Accepts the player: the agreed version, the capabilities in use and the session limits.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface WelcomeMessage {
  type: 'session/welcome';
  protocolVersion: string;
  sessionId: string;
  /** The subset of the player's capabilities the orchestrator will use. */
  capabilities: Capability[];
  /**
   * The orchestrator pings this often; answer within `heartbeatTimeoutMs`.
   * @asType integer
   * @minimum 1
   */
  heartbeatIntervalMs: number;
  /**
   * @asType integer
   * @minimum 1
   */
  heartbeatTimeoutMs: number;
  /**
   * Largest text message either side may send, in bytes.
   * @asType integer
   * @minimum 1024
   */
  maxMessageBytes: number;
  /**
   * Largest binary (image) message, in bytes.
   * @asType integer
   * @minimum 1024
   */
  maxFrameBytes: number;
  /**
   * Steps the orchestrator may send before the oldest result arrives.
   * @asType integer
   * @minimum 1
   */
  window: number;
  /** Compatibility warnings (minor version mismatch), for the player's log. */
  warnings: string[];
}

/**
 * Loads (replaces) the environment and the props.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface SceneLoadMessage {
  type: 'scene/load';
  /**
   * Echoed in the reply.
   * @asType integer
   * @minimum 0
   */
  requestId: number;
  name: string;
  environment: WireEnvironment;
  /**
   * Static models of the scene (added in protocol 1.2.0; sent only to players offering
   * `scene/props`).
   */
  props?: WireProp[];
  /**
   * A scene authored in Unity (a scene in the Unity player's build) to render in instead of
   * building the environment from `environment`: cameras and people are placed in it. Added in
   * protocol 1.2.0; sent only to players offering `scene/unityScene`.
   * @minLength 1
   * @maxLength 200
   */
  unityScene?: string;
}

/**
 * The scene is ready.
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface SceneLoadedMessage {
  type: 'scene/loaded';
  /**
   * @asType integer
   * @minimum 0
   */
  requestId: number;
}

/**
 * Loads a character (a skinned glTF 2.0 binary) under an id that steps refer to.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface CharacterLoadMessage {
  type: 'character/load';
  /**
   * @asType integer
   * @minimum 0
   */
  requestId: number;
  /**
   * @minLength 1
   * @maxLength 200
   */
  characterId: string;
  source: AssetSource;
}

/**
 * A character is loaded; what the player found in it.
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface CharacterLoadedMessage {
  type: 'character/loaded';
  /**
   * @asType integer
   * @minimum 0
   */
  requestId: number;
  characterId: string;
  /**
   * @asType integer
   * @minimum 0
   */
  vertexCount: number;
  /**
   * @asType integer
   * @minimum 0
   */
  jointCount: number;
  /** Standing height in metres (top of the head above the soles). */
  heightM: number;
}

/**
 * Defines (replaces) the cameras.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface CameraSetupMessage {
  type: 'camera/setup';
  /**
   * @asType integer
   * @minimum 0
   */
  requestId: number;
  /** @minItems 1 */
  cameras: WireCamera[];
}

/**
 * The cameras are set up.
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface CameraReadyMessage {
  type: 'camera/ready';
  /**
   * @asType integer
   * @minimum 0
   */
  requestId: number;
}

/**
 * Renders one step: the full state of every person present (absent persons are not drawn)
 * and which cameras to render. Steps are self-contained, so a restarted player resumes anywhere.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface StepMessage {
  type: 'frame/step';
  /**
   * @asType integer
   * @minimum 0
   */
  step: number;
  /** Scene time of the step in seconds. */
  timeS: number;
  persons: WirePerson[];
  /** Cameras to render this step (indices from camera/setup). */
  cameras: number[];
}

/**
 * The result of one step: sent after the step's binary image frames (one per camera, listed in
 * `frames` in the same order), with the annotations of every person seen.
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface StepResultMessage {
  type: 'frame/stepResult';
  /**
   * @asType integer
   * @minimum 0
   */
  step: number;
  frames: WireFrameInfo[];
  annotations: WireAnnotation[];
  /**
   * Time the player spent on the step, in milliseconds.
   * @minimum 0
   */
  renderMs: number;
}

/**
 * Heartbeat request.
 * @direction toPlayer
 * @since 1.0.0
 */
export interface PingMessage {
  type: 'session/ping';
  /**
   * @asType integer
   * @minimum 0
   */
  nonce: number;
}

/**
 * Heartbeat answer (echoes the nonce).
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface PongMessage {
  type: 'session/pong';
  /**
   * @asType integer
   * @minimum 0
   */
  nonce: number;
}

/**
 * A log line from the player (the orchestrator writes it to the player's log).
 * @direction toOrchestrator
 * @since 1.0.0
 */
export interface LogMessage {
  type: 'log/message';
  level: 'debug' | 'info' | 'warn' | 'error';
  /** @maxLength 65536 */
  message: string;
}

/**
 * An error with a code from the protocol error table. A fatal error is followed by a close.
 * @direction both
 * @since 1.0.0
 */
export interface ErrorMessage {
  type: 'session/error';
  code: ProtocolErrorCode;
  /** @maxLength 65536 */
  message: string;
  fatal: boolean;
  /** The request or step the error refers to, when there is one. */
  requestId?: number;
  step?: number;
  data?: Record<string, unknown>;
}

/**
 * Ends the session cleanly; the peer closes the socket.
 * @direction both
 * @since 1.0.0
 */
export interface ByeMessage {
  type: 'session/bye';
  reason: string;
}

/** Every message of the protocol. */
export type ProtocolMessage =
  | HelloMessage
  | WelcomeMessage
  | SceneLoadMessage
  | SceneLoadedMessage
  | CharacterLoadMessage
  | CharacterLoadedMessage
  | CameraSetupMessage
  | CameraReadyMessage
  | StepMessage
  | StepResultMessage
  | PingMessage
  | PongMessage
  | LogMessage
  | ErrorMessage
  | ByeMessage;

export type MessageType = ProtocolMessage['type'];

/** A message of the given type. */
export type MessageOf<T extends MessageType> = Extract<ProtocolMessage, { type: T }>;
