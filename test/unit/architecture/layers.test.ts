import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { crossFolderImports, layerViolations } from '../../../scripts/check-layers.js';
import { REPO_ROOT } from '../../helpers/assets.js';

describe('layering of orchestrator/src', () => {
  it('has no import from a stage into another stage, nor from a library into a stage', async () => {
    const violations = layerViolations(await crossFolderImports(path.join(REPO_ROOT, 'orchestrator/src')));
    expect(violations.map((v) => `${v.file}: ${v.from} -> ${v.to}: ${v.reason}`)).toEqual([]);
  });

  it('recognises each kind of violation', () => {
    const edges = [
      { file: 'characters/a.ts', from: 'characters', to: 'cloning' },
      { file: 'render/b.ts', from: 'render', to: 'characters' },
      { file: 'cloning/c.ts', from: 'cloning', to: 'cli' },
      { file: 'mystery/d.ts', from: 'mystery', to: 'shared' },
      { file: 'characters/e.ts', from: 'characters', to: 'contracts' },
      { file: 'cli/f.ts', from: 'cli', to: 'cloning' },
      { file: 'render-stage/g.ts', from: 'render-stage', to: 'players' },
    ];
    expect(layerViolations(edges).map((v) => v.file)).toEqual(['characters/a.ts', 'render/b.ts', 'cloning/c.ts', 'mystery/d.ts']);
  });
});
