/**
 * The query/gallery split of the test identities (single-query protocol): for each test identity
 * and each camera (scene, camera) that saw it at least twice, one seeded image goes to the query
 * set and the rest to the gallery. A camera that saw the identity once keeps that image in the
 * gallery, where it matches the other cameras' queries; only when every camera saw the identity
 * once does one seeded camera give its image as the query. An identity seen by a single camera
 * gives no query. So every query has a gallery image of its identity from another camera.
 *
 * Each choice draws from its own seed (run seed, identity, camera), so it does not depend on the
 * order of the images or on other identities.
 */
import { datasetCameraKey } from '../contracts/dataset-record.js';
import { createRandom, deriveSeed } from '../shared/random.js';

export interface TestImage {
  pid: number;
  scene: number;
  camera: number;
  frame: number;
}

/** For each image (same order), whether it is a query (else gallery). */
export function splitQueryGallery(images: readonly TestImage[], seed: number): boolean[] {
  const isQuery = new Array<boolean>(images.length).fill(false);
  // pid -> camera key -> image indices
  const byPid = new Map<number, Map<string, number[]>>();
  images.forEach((image, i) => {
    const cameras = byPid.get(image.pid) ?? new Map<string, number[]>();
    const key = datasetCameraKey(image.scene, image.camera);
    cameras.set(key, [...(cameras.get(key) ?? []), i]);
    byPid.set(image.pid, cameras);
  });
  for (const [pid, cameras] of byPid) {
    if (cameras.size < 2) continue;
    const keys = [...cameras.keys()].sort();
    const byFrame = (list: number[]): number[] => [...list].sort((a, b) => images[a].frame - images[b].frame || a - b);
    let queries = 0;
    for (const key of keys) {
      const list = byFrame(cameras.get(key)!);
      if (list.length < 2) continue;
      isQuery[list[createRandom(deriveSeed(seed, 'query', pid, key)).int(list.length)]] = true;
      queries++;
    }
    if (queries === 0) {
      const key = keys[createRandom(deriveSeed(seed, 'query-camera', pid)).int(keys.length)];
      isQuery[cameras.get(key)![0]] = true;
    }
  }
  return isQuery;
}
