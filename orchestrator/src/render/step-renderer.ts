/**
 * One step of a scene, end to end: poses and skins every person once (on the calling thread,
 * into shared buffers), then renders the requested cameras in parallel on the render pool.
 * The embedded player runs this per `frame/step`; the benchmark runs it directly.
 */
import type { RawImage } from '../imaging/raw-image.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { RenderCamera } from './camera.js';
import type { CharacterModel } from './character-model.js';
import type { RenderEnvironment } from './environment.js';
import { gaitSeed } from '../pose/walk-pose.js';
import { createPoseBuffers, posePerson } from './pose-person.js';
import type { PoseBuffers, PoseInput } from './pose-person.js';
import { RenderPool } from './render-pool.js';
import type { PosedPerson, ViewAnnotation } from './scene-view.js';
import { VIEW_DEFAULTS } from './scene-view.js';

export interface StepRendererOptions {
  /** Worker threads (default: CPU count; 0 = inline). */
  workers?: number;
  /** Supersampling per axis (default 2). */
  samplesPerPixel?: number;
  shadows?: boolean;
  /** Reuse each static camera's ground and sky (default true). */
  environmentCache?: boolean;
}

export interface StepCamera {
  camera: RenderCamera;
  widthPx: number;
  heightPx: number;
  /** Supersampling per axis for this camera (default: the renderer's). */
  samplesPerAxis?: number;
}

export interface StepPerson extends PoseInput {
  personId: number;
  characterId: string;
}

export interface StepView {
  camera: number;
  image: RawImage;
  annotations: ViewAnnotation[];
}

export interface StepTimings {
  /** Posing + skinning, milliseconds (calling thread). */
  skinMs: number;
  /** Wall time of rendering all views (parallel), milliseconds. */
  renderMs: number;
  /** Per-view rasterisation and annotation wall time inside the workers, summed over views, milliseconds (near CPU time when each worker has a core). */
  rasterWorkerMs: number;
  annotateWorkerMs: number;
}

export const STEP_RENDERER_DEFAULTS = { samplesPerPixel: VIEW_DEFAULTS.samplesPerPixel, shadows: VIEW_DEFAULTS.shadows };

export class StepRenderer {
  private readonly pool: RenderPool;
  private readonly models = new Map<string, CharacterModel>();
  private readonly buffers = new Map<number, { characterId: string; buffers: PoseBuffers }>();
  private cameras = new Map<number, StepCamera>();
  private readonly samplesPerPixel: number;
  private readonly shadows: boolean;
  private readonly environmentCache: boolean;

  constructor(options: StepRendererOptions = {}) {
    this.pool = new RenderPool(options.workers === undefined ? {} : { workers: options.workers });
    this.samplesPerPixel = options.samplesPerPixel ?? STEP_RENDERER_DEFAULTS.samplesPerPixel;
    this.shadows = options.shadows ?? STEP_RENDERER_DEFAULTS.shadows;
    this.environmentCache = options.environmentCache ?? true;
  }

  get workerCount(): number {
    return this.pool.size;
  }

  setEnvironment(environment: RenderEnvironment): void {
    this.pool.setEnvironment(environment);
  }

  /** Adds (or replaces) a character under `model.id`. */
  addCharacter(model: CharacterModel): void {
    this.models.set(model.id, model);
    this.pool.addCharacter(model);
    for (const [personId, entry] of this.buffers) if (entry.characterId === model.id) this.buffers.delete(personId);
  }

  hasCharacter(id: string): boolean {
    return this.models.has(id);
  }

  setCameras(cameras: Map<number, StepCamera>): void {
    this.cameras = cameras;
  }

  /** Poses `persons` and renders `cameraIndices`; views come back in the order asked. */
  async renderStep(persons: readonly StepPerson[], cameraIndices: readonly number[]): Promise<{ views: StepView[]; timings: StepTimings }> {
    const start = performance.now();
    const shared = this.pool.size > 0;
    const posed: PosedPerson[] = [];
    const present = new Set<number>();
    for (const person of persons) {
      const model = this.models.get(person.characterId);
      if (!model) throw new ClonedPersonError('E_PLAYER_ASSET', `step names character ${person.characterId}, which is not loaded`);
      let entry = this.buffers.get(person.personId);
      if (!entry || entry.characterId !== person.characterId) {
        entry = { characterId: person.characterId, buffers: createPoseBuffers(model, shared) };
        this.buffers.set(person.personId, entry);
      }
      present.add(person.personId);
      // The person's gait variation follows the character id, as in the choreography and the Unity player.
      posed.push(posePerson(model, { personSeed: gaitSeed(person.characterId), ...person }, person.personId, entry.buffers));
    }
    for (const id of [...this.buffers.keys()]) if (!present.has(id)) this.buffers.delete(id);
    const skinMs = performance.now() - start;
    const results = await Promise.all(
      cameraIndices.map((index) => {
        const camera = this.cameras.get(index);
        if (!camera) throw new ClonedPersonError('E_PLAYER_RENDER', `step asks for camera ${index}, which is not set up`);
        return this.pool.render({
          camera: camera.camera,
          affinity: index,
          persons: posed,
          options: {
            widthPx: camera.widthPx,
            heightPx: camera.heightPx,
            samplesPerPixel: camera.samplesPerAxis ?? this.samplesPerPixel,
            shadows: this.shadows,
            environmentCache: this.environmentCache,
          },
        });
      }),
    );
    const renderMs = performance.now() - start - skinMs;
    return {
      views: results.map((r, i) => ({ camera: cameraIndices[i], image: r.image, annotations: r.annotations })),
      timings: {
        skinMs,
        renderMs,
        rasterWorkerMs: results.reduce((a, r) => a + r.timings.rasterMs, 0),
        annotateWorkerMs: results.reduce((a, r) => a + r.timings.annotateMs, 0),
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
