/**
 * The run-level resume rule: a stage is skipped exactly when its previous record is done with the
 * same input key and its outputs still hash to the recorded output key.
 */
import { describe, expect, it } from '@jest/globals';
import type { StageRecord } from '../../../orchestrator/src/contracts/run-manifest.js';
import { runStage } from '../../../orchestrator/src/run/run-stage.js';
import type { StageWork } from '../../../orchestrator/src/run/stage-work.js';
import { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';

interface FakeStage extends StageWork {
  runs: number;
  output: string | undefined;
  option: number;
}

function fakeStage(fail?: Error): FakeStage {
  const stage: FakeStage = {
    name: 'clone',
    folder: 'clone',
    runs: 0,
    output: undefined,
    option: 1,
    key: () => Promise.resolve({ options: { sizePx: stage.option }, inputs: { selection: 'abc' } }),
    outputKey: () => Promise.resolve(stage.output),
    run: () => {
      stage.runs++;
      if (fail) return Promise.reject(fail);
      stage.output = `out-${stage.runs}`;
      return Promise.resolve({ peopleIn: 3, peopleOut: 2, counts: { textures: 2 }, dropped: [{ reason: 'E_NO_CLOTH_CELL', count: 1, images: ['c.jpg'] }] });
    },
  };
  return stage;
}

const noProgress = (): void => undefined;
let clock = 0;
const now = (): Date => new Date(1_700_000_000_000 + 1000 * clock++);

async function once(stage: FakeStage, previous?: StageRecord, force = false): Promise<StageRecord> {
  return (await runStage(stage, { ...(previous ? { previous } : {}), force, onProgress: noProgress, now })).record;
}

describe('runStage', () => {
  it('runs a stage without a previous record and records keys, people, drops and time', async () => {
    const stage = fakeStage();
    const record = await once(stage);
    expect(stage.runs).toBe(1);
    expect(record).toMatchObject({ name: 'clone', status: 'done', outputKey: 'out-1', upToDate: false, peopleIn: 3, peopleOut: 2, counts: { textures: 2 }, folder: 'clone', seconds: 1 });
    expect(record.inputKey).toMatch(/^[0-9a-f]{64}$/);
    expect(record.dropped).toEqual([{ reason: 'E_NO_CLOTH_CELL', count: 1, images: ['c.jpg'] }]);
  });

  it('skips a stage whose key and outputs are unchanged, keeping the record of the run that made them', async () => {
    const stage = fakeStage();
    const first = await once(stage);
    const second = await once(stage, first);
    expect(stage.runs).toBe(1);
    expect(second).toEqual({ ...first, upToDate: true });
  });

  it.each<[string, (stage: FakeStage) => void]>([
    ['an option changes', (stage) => (stage.option = 2)],
    ['its outputs changed on disk', (stage) => (stage.output = 'edited')],
    ['its outputs are gone', (stage) => (stage.output = undefined)],
  ])('runs the stage again when %s', async (_name, change) => {
    const stage = fakeStage();
    const first = await once(stage);
    change(stage);
    await once(stage, first);
    expect(stage.runs).toBe(2);
  });

  it('runs again when forced, or when the previous record did not finish', async () => {
    const stage = fakeStage();
    const first = await once(stage);
    await once(stage, first, true);
    await once(stage, { ...first, status: 'failed' });
    expect(stage.runs).toBe(3);
  });

  it('turns a thrown error into a failed record and hands the error back', async () => {
    const error = new ClonedPersonError('E_PLAYER_CRASHED', 'the player died');
    const result = await runStage(fakeStage(error), { onProgress: noProgress, now });
    expect(result.error).toBe(error);
    expect(result.record).toMatchObject({ status: 'failed', error: { code: 'E_PLAYER_CRASHED', message: 'the player died' } });
    expect(result.record.outputKey).toBeUndefined();
  });
});
