import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatClipModule, walkClipsFromBvh } from '../../../orchestrator/src/pose/clip-module.js';
import { WALK_CLIPS } from '../../../orchestrator/src/pose/clips.generated.js';
import { REPO_ROOT } from '../../helpers/asset-paths.js';

const MOCAP = path.join(REPO_ROOT, 'orchestrator/data/mocap');

describe('the generated walk clips module', () => {
  it('is what scripts/generate-walk-clips.ts makes of orchestrator/data/mocap (rerun it when this fails)', () => {
    const sources = readdirSync(MOCAP)
      .filter((f) => f.endsWith('.bvh'))
      .map((file) => ({ file, text: readFileSync(path.join(MOCAP, file), 'utf8') }));
    const expected = formatClipModule(walkClipsFromBvh(sources));
    expect(readFileSync(path.join(REPO_ROOT, 'orchestrator/src/pose/clips.generated.ts'), 'utf8')).toBe(expected);
  });

  it('holds the two CMU walks, slow and normal, with the acknowledgement', () => {
    expect(WALK_CLIPS.map((c) => c.name)).toEqual(['cmu_07_01_walk', 'cmu_07_04_slowwalk']);
    const [walk, slow] = WALK_CLIPS;
    expect(slow.cycleDurationS).toBeGreaterThan(walk.cycleDurationS);
    expect(readFileSync(path.join(REPO_ROOT, 'orchestrator/src/pose/clips.generated.ts'), 'utf8')).toContain('mocap.cs.cmu.edu');
    expect(readFileSync(path.join(REPO_ROOT, 'NOTICE'), 'utf8')).toContain('The database was created\n  with funding from NSF EIA-0196217');
  });
});
