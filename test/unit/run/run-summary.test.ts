/** The run's final summary, the losses that fail it, and the overview page built from the same manifest. */
import { describe, expect, it } from '@jest/globals';
import type { RunManifest } from '../../../orchestrator/src/contracts/run-manifest.js';
import { formatRunSummary, runLosses } from '../../../orchestrator/src/run/format-run-summary.js';
import { escapeHtml, overviewHtml } from '../../../orchestrator/src/run/overview-html.js';
import { groupDrops } from '../../../orchestrator/src/run/stage-drops.js';

function manifest(): RunManifest {
  return {
    formatVersion: 1,
    tool: { name: 'clonedperson', version: '0.1.0' },
    versions: { node: 'v20', protocol: '1.2.0' },
    startedAt: '2025-01-01T00:00:00.000Z',
    inputs: { images: { folder: '/p', files: 4, sha256: 'x' } },
    config: {},
    seed: 1,
    stages: [
      { name: 'detect', status: 'done', seconds: 2.04, peopleIn: 4, peopleOut: 3, counts: {}, dropped: groupDrops([{ image: 'd.jpg', reason: 'side-view', message: 'detect: side-view' }]) },
      { name: 'garments', status: 'skipped', counts: {}, dropped: [] },
      { name: 'clone', status: 'done', upToDate: true, seconds: 1, peopleIn: 3, peopleOut: 2, counts: {}, dropped: groupDrops([{ image: 'c.jpg', reason: 'E_NO_CLOTH_CELL', message: 'too small' }]) },
      { name: 'render', status: 'failed', seconds: 0.5, counts: {}, dropped: [], error: { code: 'E_PLAYER_CRASHED', message: 'the player died' } },
    ],
    people: { photos: 4, qualified: 3, selected: 3, outfits: 2, characters: 0, rendered: 0, inDataset: 0 },
    fidelity: { descriptor: 'appearance-v1', queries: 10, gallery: 2, rank1: 0.8, rank5: 1, chance: 0.5, characterRank1: 0.8, characters: [] },
    outputs: { manifest: 'manifest.json' },
  };
}

describe('groupDrops', () => {
  it('groups people by reason, sorted, each image once', () => {
    expect(groupDrops([{ image: 'b', reason: 'y' }, { image: 'a', reason: 'y' }, { image: 'a', reason: 'y' }, { image: 'c', reason: 'x', message: 'm' }])).toEqual([
      { reason: 'x', count: 1, images: ['c'], message: 'm' },
      { reason: 'y', count: 2, images: ['a', 'b'] },
    ]);
  });
});

describe('formatRunSummary', () => {
  it('tells how many people reached each point, each stage\'s people and time, who was dropped and why, and fidelity against chance', () => {
    const text = formatRunSummary(manifest(), '/out');
    expect(text.split('\n')).toEqual([
      'run: 4 photos -> 3 qualified -> 3 identities -> 2 outfits -> 0 characters -> 0 rendered -> 0 in the dataset',
      '  stage      status      people        dropped      time',
      '  detect     done        4 -> 3              1     2.0 s',
      '  clone      up to date  3 -> 2              1     1.0 s',
      '  render     failed                          0     0.5 s',
      '    E_PLAYER_CRASHED: the player died',
      '  total                                            3.5 s',
      '  dropped by detect: side-view: 1 (d.jpg): detect: side-view',
      '  dropped by clone: E_NO_CLOTH_CELL: 1 (c.jpg): too small',
      '  clone fidelity: rank-1 80.0% (rank-5 100.0%) of 10 rendered crops against 2 source photos; chance 50.0%',
      '  -> /out',
      '',
    ]);
  });

  it('counts a failure to pass someone on as a loss, and a stage\'s decision (a side view) not', () => {
    expect(runLosses(manifest()).map((l) => [l.stage, l.drop.reason])).toEqual([['clone', 'E_NO_CLOTH_CELL']]);
  });
});

describe('overviewHtml', () => {
  it('shows every identity\'s pictures, fidelity against chance and the stages, with names escaped', () => {
    const html = overviewHtml({
      title: 'demo <1>',
      manifest: manifest(),
      identities: [{ characterId: '0000', identity: 0, split: 'train', image: 'a&b.jpg', photo: 'images/0000-photo.jpg', textures: [{ src: 'images/0000-texture0.jpg', label: 'suit' }], preview: 'images/0000-preview.jpg', crops: ['images/0000-crop0.jpg'] }],
      dropped: [{ stage: 'clone', reason: 'E_NO_CLOTH_CELL', image: 'c.jpg' }],
      credits: ['Photos: <CCP>'],
    });
    expect(html).toContain('<title>demo &lt;1&gt;</title>');
    expect(html).toContain('a&amp;b.jpg');
    for (const src of ['images/0000-photo.jpg', 'images/0000-texture0.jpg', 'images/0000-preview.jpg', 'images/0000-crop0.jpg']) expect(html).toContain(`src="${src}"`);
    expect(html).toContain('Rank-1 <b>80.0%</b>');
    expect(html).toContain('chance is 50.0%');
    expect(html).toContain('<td>render</td><td>failed</td>');
    expect(html).not.toContain('<td>garments</td>');
    expect(html).toContain('c.jpg (clone: E_NO_CLOTH_CELL)');
    expect(html).toContain('<li>Photos: &lt;CCP&gt;</li>');
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
