/**
 * A run given a garment list: the people are the photos the list has readable garments for,
 * named relative to the photos folder (the authors' layout: the list beside img/, naming img/x).
 */
import { describe, expect, it } from '@jest/globals';
import { resolveRunConfig } from '../../../orchestrator/src/run/run-config-defaults.js';
import { garmentsStep } from '../../../orchestrator/src/run/steps/garments-step.js';
import type { RunContext } from '../../../orchestrator/src/run/stage-work.js';
import { getPlayer } from '../../../orchestrator/src/players/players.js';
import { silentLogger } from '../../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

const TROUSERS = JSON.stringify(Array.from({ length: 14 }, (_, i) => [10 + i, 20 + i]));

describe('garments step', () => {
  it('writes cluster\'s people list and clone\'s garment list with image ids, and drops what it cannot use', async () => {
    const files = createMemoryFileStore({
      '/src/list.jsonl': [
        `{"image": "img/a.jpg", "category": 8, "landmarks": ${TROUSERS}}`,
        `{"image": "img/b.jpg", "category": 99, "landmarks": ${TROUSERS}}`,
        `{"image": "img/gone.jpg", "category": 8, "landmarks": ${TROUSERS}}`,
        `{"image": "elsewhere.jpg", "category": 8, "landmarks": ${TROUSERS}}`,
      ].join('\n'),
    });
    const context: RunContext = {
      images: '/src/img',
      photos: { folder: '/src/img', ids: ['a.jpg', 'b.jpg', 'c.jpg'], sha256: 'p' },
      out: '/run',
      config: resolveRunConfig({}),
      cwd: '/',
      env: {},
      files,
      logger: silentLogger,
      player: getPlayer('embedded'),
      outputKeys: new Map(),
    };
    const step = garmentsStep(context, '/src/list.jsonl');
    expect(await step.outputKey()).toBeUndefined();
    const outcome = await step.run(() => undefined);
    expect(await files.readText('/run/garments/people.jsonl')).toBe('{"image":"a.jpg"}\n');
    expect(JSON.parse((await files.readText('/run/garments/garments.jsonl')).trim())).toEqual({ image: 'a.jpg', category: 8, landmarks: JSON.parse(TROUSERS) });
    expect(outcome.peopleOut).toBe(1);
    expect(outcome.dropped.map((d) => [d.reason, d.images])).toEqual([
      ['E_GARMENTS_INVALID', ['elsewhere.jpg']],
      ['E_IMAGE_MISSING', ['gone.jpg']],
      ['E_UNKNOWN_CATEGORY', ['b.jpg']],
      ['no-garments', ['c.jpg']],
    ]);
    expect(outcome.peopleIn).toBe(5);
    expect(await step.outputKey()).toMatch(/^[0-9a-f]{64}$/);
  });
});
