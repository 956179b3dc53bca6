/**
 * Every bundled scene with its props: the generated props load, their footprints become
 * obstacles, and nobody's path crosses a footprint while people keep moving through the scene.
 */
import { describe, expect, it } from '@jest/globals';
import { sceneProps } from '../../../orchestrator/src/render-stage/scene-props.js';
import { computeChoreography } from '../../../orchestrator/src/scene/choreography.js';
import { isInFootprint } from '../../../orchestrator/src/scene/obstacle-map.js';
import { listBundledScenes, loadSceneSpec } from '../../../orchestrator/src/scene/scene-loader.js';
import { expandSceneSweep } from '../../../orchestrator/src/scene/scene-sweep.js';
import { nodeFileStore } from '../../../orchestrator/src/shared/node-file-store.js';

const cast = Array.from({ length: 24 }, (_, i) => `c${i}`);

describe('bundled scenes with props', () => {
  it('keep every person and every path between steps off the props, and people flow', async () => {
    for (const name of await listBundledScenes()) {
      const spec = await loadSceneSpec(name, '/');
      const { obstacles, props } = await sceneProps(spec, spec.baseDir!, nodeFileStore);
      expect(props).toHaveLength(spec.props.length);
      expect(obstacles).not.toBeNull();
      // The busiest variant of the sweep, at 10 steps per second for 30 s.
      const busiest = expandSceneSweep(spec).reduce((a, b) => (b.spec.crowd.count > a.spec.crowd.count ? b : a)).spec;
      const result = computeChoreography({ ...busiest, fps: 10 }, cast, { steps: 300, obstacles });
      let crossings = 0;
      const last = new Map<number, [number, number]>();
      for (const frame of result.frames) {
        for (const p of frame.persons) {
          const [x, , z] = p.positionM;
          const before = last.get(p.personId) ?? [x, z];
          for (const t of [0.25, 0.5, 0.75, 1]) if (isInFootprint(obstacles, before[0] + (x - before[0]) * t, before[1] + (z - before[1]) * t)) crossings++;
          last.set(p.personId, [x, z]);
        }
      }
      expect({ name, crossings }).toEqual({ name, crossings: 0 });
      expect({ name, flowing: result.stats.left > 10, stuck: result.stats.gaveUp <= Math.ceil(result.stats.left / 10) }).toEqual({ name, flowing: true, stuck: true });
      expect(result.stats.minDistanceM).toBeGreaterThanOrEqual(busiest.crowd.minGapM - 1e-9);
    }
  }, 120000);
});
