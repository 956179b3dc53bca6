/**
 * The ground and background images of a scene as the player receives them: a file the spec
 * names (confined to the spec's folder, sent as a path) or a procedural image generated from the
 * scene seed (sent inline as PNG). Also their content hashes, for the render's input key.
 */
import type { AssetSource } from '../../../protocol/src/index.js';
import { encodePng } from '../imaging/image-io.js';
import type { RawImage } from '../imaging/raw-image.js';
import { backgroundPanorama, groundTexture } from '../scene/environment-textures.js';
import type { SceneSpec } from '../scene/scene-spec.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import { deriveSeed } from '../shared/random.js';

export interface SceneImage {
  source: AssetSource;
  /** Content hash of the image bytes. */
  hash: string;
}

export interface SceneImages {
  ground?: SceneImage;
  background?: SceneImage;
}

async function image(file: string | undefined, baseDir: string, generate: () => RawImage | null, files: FileStore): Promise<SceneImage | undefined> {
  if (file) {
    const resolved = await files.resolveInside(baseDir, file);
    return { source: { path: resolved }, hash: contentHash(await files.read(resolved)) };
  }
  const raw = generate();
  if (!raw) return undefined;
  const png = new Uint8Array(await encodePng(raw));
  return { source: { base64: Buffer.from(png).toString('base64'), mimeType: 'image/png' }, hash: contentHash(png) };
}

/** Resolves or generates the scene's images (`baseDir`: the folder the spec's paths are relative to). */
export async function sceneImages(spec: SceneSpec, baseDir: string, files: FileStore): Promise<SceneImages> {
  const env = spec.environment;
  const ground = await image(env.ground.texture, baseDir, () => (env.ground.pattern === 'plain' ? null : groundTexture(env.ground.pattern, deriveSeed(spec.seed, 'ground'))), files);
  const background = await image(env.background.image, baseDir, () => backgroundPanorama(env.background.pattern, deriveSeed(spec.seed, 'background')), files);
  return { ...(ground ? { ground } : {}), ...(background ? { background } : {}) };
}
