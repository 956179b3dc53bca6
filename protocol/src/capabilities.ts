/**
 * Capability flags: what a player can do beyond the mandatory core. The player lists its flags in
 * `session/hello`; the orchestrator answers in `session/welcome` with the flags it will use
 * (a subset), and never asks for a feature outside that set.
 */

export const CAPABILITIES = {
  'image/png': 'frames can be encoded as PNG',
  'image/jpeg': 'frames can be encoded as JPEG (camera `jpegQuality`)',
  'image/raw': 'frames can be sent as raw RGB8 pixels',
  'character/path': 'characters load from a .glb path on the player machine',
  'character/bytes': 'characters load from .glb bytes sent inline (base64)',
  'scene/groundTexture': 'the ground can carry a tiled texture',
  'scene/backgroundImage': 'the background can be a panorama image',
  'annotations/keypoints': 'stepResult carries 2D keypoints per person',
  'annotations/amodal': 'stepResult carries the full (amodal) box and the visible fraction',
  'session/heartbeat': 'the player answers session/ping with session/pong',
  'render/supersampling': 'cameras may ask for supersampled anti-aliasing (camera `samplesPerAxis`, protocol 1.1.0)',
  'scene/props': 'scene/load may carry static glTF props that occlude people and cast shadows (protocol 1.2.0)',
  'scene/groundAmbient': 'the lighting may carry a separate ambient from the ground (`groundAmbient`, protocol 1.2.0)',
  'scene/unityScene': 'scene/load may name an authored Unity scene to render in (`unityScene`, protocol 1.2.0)',
} as const satisfies Record<string, string>;

/** One capability flag. @since 1.0.0 */
export type Capability = keyof typeof CAPABILITIES;

/** Every flag, in table order. */
export const ALL_CAPABILITIES = Object.keys(CAPABILITIES) as Capability[];

/** Flags every player must offer (a session without them is refused). */
export const REQUIRED_CAPABILITIES: readonly Capability[] = ['image/png', 'session/heartbeat'];

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CAPABILITIES, value);
}
