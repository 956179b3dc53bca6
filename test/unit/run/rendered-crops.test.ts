/** Which rendered views the fidelity and the overview use: mostly visible, not cut, tall enough, spread evenly. */
import { describe, expect, it } from '@jest/globals';
import type { AnnotationLine } from '../../../orchestrator/src/contracts/render-record.js';
import { pickRenderedViews } from '../../../orchestrator/src/run/rendered-crops.js';
import type { RenderedView } from '../../../orchestrator/src/run/rendered-crops.js';

function view(step: number, characterId: string | null, patch: Partial<AnnotationLine> = {}): RenderedView {
  const line: AnnotationLine = {
    step,
    timeS: step / 10,
    camera: 'cam0',
    personId: 1,
    characterId,
    frame: `frames/cam0/${String(step).padStart(6, '0')}.jpg`,
    visibleBox: [10, 10, 40, 90],
    amodalBox: [10, 10, 40, 90],
    visibleFraction: 1,
    visiblePixels: 1000,
    keypoints: [],
    depthM: 5,
    ...patch,
  };
  return { folder: 'render/s', line };
}

const rules = { minHeightPx: 50, frameSizes: new Map([['render/s/cam0', { widthPx: 100, heightPx: 100 }]]) };

describe('pickRenderedViews', () => {
  it('drops views that are mostly hidden, cut by the frame, too short, or of nobody known', () => {
    const views = [
      view(0, 'a', { visibleFraction: 0.5 }),
      view(1, 'a', { amodalBox: [-5, 10, 30, 90] }),
      view(2, 'a', { amodalBox: [10, 10, 40, 101] }),
      view(3, 'a', { visibleBox: [10, 50, 40, 90] }),
      view(4, null),
      view(5, 'a', { visibleBox: null }),
      view(6, 'a'),
      view(7, 'a', { camera: 'other' }),
    ];
    expect([...pickRenderedViews(views, 10, rules).entries()].map(([id, list]) => [id, list.map((v) => v.line.step)])).toEqual([['a', [6]]]);
  });

  it('spreads the views it keeps evenly over each character\'s usable views, in render order', () => {
    const views = Array.from({ length: 10 }, (_, i) => view(i, i % 2 === 0 ? 'a' : 'b'));
    const picked = pickRenderedViews(views, 2, rules);
    expect(picked.get('a')!.map((v) => v.line.step)).toEqual([0, 4]);
    expect(picked.get('b')!.map((v) => v.line.step)).toEqual([1, 5]);
    expect(pickRenderedViews(views, 20, rules).get('a')!.map((v) => v.line.step)).toEqual([0, 2, 4, 6, 8]);
  });
});
