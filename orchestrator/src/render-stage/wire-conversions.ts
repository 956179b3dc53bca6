/**
 * The render stage's conversions between the scene domain (spec, choreography) and the wire
 * (protocol messages) and between the wire and the render folder's contract (annotation lines,
 * the render record). Pure: no I/O, tested on hand-made values.
 */
import type { StepMessage, StepResultMessage, WireCamera, WireEnvironment } from '../../../protocol/src/index.js';
import type { AnnotationLine, RenderCamera } from '../contracts/render-record.js';
import { framePath } from '../contracts/render-record.js';
import type { ChoreographyStats, FrameState } from '../scene/choreography.js';
import { cameraRendersAt } from '../scene/choreography.js';
import { resolveLighting, sunDirection } from '../scene/scene-lighting.js';
import { cameraLookAt } from '../scene/scene-spec.js';
import type { SceneSpec } from '../scene/scene-spec.js';

export type FrameEncoding = 'jpeg' | 'png';

export { sunDirection };

/**
 * The cameras of a spec as `camera/setup` sends them. A camera with a look asks for raw frames
 * (lossless, no encoding work in the player): the orchestrator applies the look and encodes
 * (camera-looks.ts); the others get the run's encoding directly.
 */
export function wireCameras(spec: SceneSpec, encoding: FrameEncoding, jpegQuality: number, samplesPerAxis: number): WireCamera[] {
  return spec.cameras.map((c, index) => {
    const wireEncoding = c.look ? 'raw' : encoding;
    return {
      camera: index,
      name: c.name,
      positionM: c.positionM,
      lookAtM: cameraLookAt(c),
      fovDeg: c.fovDeg,
      widthPx: c.widthPx,
      heightPx: c.heightPx,
      encoding: wireEncoding,
      ...(wireEncoding === 'jpeg' ? { jpegQuality: c.look?.jpegQuality ?? jpegQuality } : {}),
      ...(samplesPerAxis > 1 ? { samplesPerAxis } : {}),
    };
  });
}

/**
 * The environment part of `scene/load`, with the ground and background images already resolved
 * to sources and the lighting resolved (time of day, defaults; scene-lighting.ts).
 */
export function wireEnvironment(spec: SceneSpec, images: { ground?: WireEnvironment['ground']['texture']; background?: WireEnvironment['background']['image'] }): WireEnvironment {
  const env = spec.environment;
  const light = resolveLighting(env.lighting);
  return {
    ground: { color: env.ground.color, tileM: env.ground.tileM, halfSizeM: env.ground.halfSizeM, ...(images.ground ? { texture: images.ground } : {}) },
    background: { zenithColor: env.background.zenithColor, horizonColor: env.background.horizonColor, ...(images.background ? { image: images.background } : {}) },
    lighting: { ambient: light.ambient, groundAmbient: light.groundAmbient, sunDirection: sunDirection(light.azimuthDeg, light.elevationDeg), sunColor: light.sunColor },
  };
}

/** The `frame/step` message of one choreography frame. */
export function stepMessage(step: number, frame: FrameState, spec: SceneSpec): StepMessage {
  return {
    type: 'frame/step',
    step,
    timeS: frame.timeS,
    persons: frame.persons.map((p) => ({
      personId: p.personId,
      characterId: p.characterId,
      positionM: p.positionM,
      headingDeg: p.headingDeg,
      walkPhase: p.walkPhase,
      speedMps: p.speedMps,
    })),
    cameras: spec.cameras.flatMap((c, i) => (cameraRendersAt(step, spec.fps, c.fps) ? [i] : [])),
  };
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** The annotation lines of one step result (one per person seen by a camera); frames are named for the run's `encoding`. */
export function annotationLines(result: StepResultMessage, frame: FrameState, cameras: readonly WireCamera[], encoding: FrameEncoding): AnnotationLine[] {
  const byPerson = new Map(frame.persons.map((p) => [p.personId, p]));
  return result.annotations.map((a) => {
    const camera = cameras[a.camera];
    return {
      step: result.step,
      timeS: round6(frame.timeS),
      camera: camera.name,
      personId: a.personId,
      characterId: byPerson.get(a.personId)?.characterId ?? null,
      frame: framePath(camera.name, result.step, encoding),
      visibleBox: a.visibleBox,
      amodalBox: a.amodalBox,
      visibleFraction: round6(a.visibleFraction),
      visiblePixels: a.visiblePixels,
      keypoints: a.keypoints,
      depthM: a.depthM,
    };
  });
}

/** The render record's camera list. */
export function recordCameras(cameras: readonly WireCamera[]): RenderCamera[] {
  return cameras.map((c) => ({ index: c.camera, name: c.name, widthPx: c.widthPx, heightPx: c.heightPx, fovDeg: c.fovDeg, positionM: c.positionM, lookAtM: c.lookAtM }));
}

/** The render record's choreography summary: JSON has no Infinity, so a distance never measured (< 2 people) is null. */
export function recordChoreography(stats: ChoreographyStats): Record<string, number | null> {
  return { ...stats, minDistanceM: Number.isFinite(stats.minDistanceM) ? stats.minDistanceM : null };
}
