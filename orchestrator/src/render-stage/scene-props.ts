/**
 * The props of a scene as the player receives them: each model's .glb bytes (a user's file,
 * confined to the spec's folder, sent as a path; or a bundled generator's output, sent inline),
 * its placement, its content hash (for the render's input key), and the ground footprints of
 * the obstacle props for the choreography (scene/obstacle-map.ts).
 */
import type { WireProp } from '../../../protocol/src/index.js';
import { generatePropGlb } from '../environments/prop-generators.js';
import { parsePropGlb } from '../render/prop-loader.js';
import type { PropPlacement } from '../render/prop-model.js';
import { buildObstacleMap } from '../scene/obstacle-map.js';
import type { ObstacleMap, ObstacleSource } from '../scene/obstacle-map.js';
import type { SceneProp, SceneSpec } from '../scene/scene-spec.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';

export interface ResolvedProp {
  wire: WireProp;
  /** Content hash of the model bytes. */
  hash: string;
}

export interface SceneProps {
  props: ResolvedProp[];
  /** Null without obstacle props. */
  obstacles: ObstacleMap | null;
}

/** Unit quaternion [x, y, z, w] of a turn by `yawDeg` about +Y. */
export function yawQuaternion(yawDeg: number): [number, number, number, number] {
  const half = (yawDeg * Math.PI) / 360;
  return [0, Math.sin(half), 0, Math.cos(half)];
}

export function propPlacement(prop: SceneProp): PropPlacement {
  return { positionM: prop.positionM, rotation: yawQuaternion(prop.yawDeg), scale: prop.scale };
}

async function modelBytes(prop: SceneProp, baseDir: string, files: FileStore): Promise<{ bytes: Uint8Array; source: WireProp['source'] }> {
  const model = prop.model;
  if ('file' in model) {
    const resolved = await files.resolveInside(baseDir, model.file);
    return { bytes: await files.read(resolved), source: { path: resolved } };
  }
  const bytes = await generatePropGlb(model.kind, model.parameters, model.seed);
  return { bytes, source: { base64: Buffer.from(bytes).toString('base64'), mimeType: 'model/gltf-binary' } };
}

/** Resolves (and generates) the spec's props; `baseDir` is the folder its paths are relative to. */
export async function sceneProps(spec: SceneSpec, baseDir: string, files: FileStore): Promise<SceneProps> {
  const props: ResolvedProp[] = [];
  const sources: ObstacleSource[] = [];
  // One model serves several props (repeat, identical generators): generate and read it once.
  const models = new Map<string, Promise<{ bytes: Uint8Array; source: WireProp['source'] }>>();
  for (const prop of spec.props) {
    const key = JSON.stringify(prop.model);
    if (!models.has(key)) models.set(key, modelBytes(prop, baseDir, files));
    const { bytes, source } = await models.get(key)!;
    const placement = propPlacement(prop);
    props.push({ wire: { name: prop.name, source, ...placement }, hash: contentHash(bytes) });
    if (!prop.obstacle) continue;
    if (prop.footprintM) sources.push({ polygons: [prop.footprintM] });
    else sources.push({ meshes: (await parsePropGlb(bytes, prop.name, placement, true)).primitives });
  }
  return { props, obstacles: buildObstacleMap(sources) };
}
