import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeImage } from '../../orchestrator/src/imaging/image-io.js';
import { parseNpy } from '../../orchestrator/src/features/npy.js';
import { runCliCaptured } from '../helpers/cli.js';
import { writeSyntheticPeople } from './cluster-fixtures.js';

interface Selection {
  formatVersion: number;
  inputKey: string;
  method: string;
  seed: number;
  identities: { id: number; image: string; cluster: number; split: string; box?: number[] }[];
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('clonedperson cluster (two rounds, built-in descriptor)', () => {
  let dir = '';
  let images: string[] = [];
  beforeAll(async () => {
    ({ dir, images } = await writeSyntheticPeople(8));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes selection.json per the contract, both rounds, features and the report', async () => {
    const out = path.join(dir, 'out');
    const run = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--out', out, '--seed', '2']);
    expect(run.stderr).not.toMatch(/^E_/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/round 1 \(eps 0\.\d+\): \d+ clusters/);
    const selection = await readJson<Selection>(path.join(out, 'selection.json'));
    expect(Object.keys(selection).sort()).toEqual(['formatVersion', 'identities', 'inputKey', 'method', 'seed']);
    expect(selection).toMatchObject({ formatVersion: 1, method: 'sde', seed: 2 });
    expect(selection.identities.length).toBeGreaterThan(7);
    selection.identities.forEach((identity, k) => {
      expect(Object.keys(identity).sort()).toEqual(['cluster', 'id', 'image', 'split']);
      expect(identity.id).toBe(k);
      expect(images).toContain(identity.image);
      expect(['train', 'test']).toContain(identity.split);
      expect(Number.isInteger(identity.cluster) && identity.cluster >= 0).toBe(true);
    });
    const perCluster = new Map<number, string[]>();
    for (const identity of selection.identities) perCluster.set(identity.cluster, [...(perCluster.get(identity.cluster) ?? []), identity.split]);
    for (const splits of perCluster.values()) {
      expect(splits.length).toBeLessThanOrEqual(7);
      expect(splits.filter((s) => s === 'train').length).toBeLessThanOrEqual(5);
    }
    // rounds: labels aligned with the image list; round-2 images are round-1 medoids plus noise
    const round1 = await readJson<{ labels: (number | null)[]; clusters: { medoid: number; members: number[] }[] }>(path.join(out, 'round1.json'));
    const round2 = await readJson<{ labels: (number | null)[]; eps: number }>(path.join(out, 'round2.json'));
    expect(round1.labels).toHaveLength(images.length);
    const inRound2 = round2.labels.map((l, i) => (l === null ? -1 : i)).filter((i) => i >= 0);
    const expected = [...round1.clusters.map((c) => c.medoid), ...round1.labels.map((l, i) => (l === -1 ? i : -1)).filter((i) => i >= 0)].sort((a, b) => a - b);
    expect(inRound2).toEqual(expected);
    for (const c of round1.clusters) expect(c.members).toContain(c.medoid);
    const features = parseNpy(await readFile(path.join(out, 'features.npy')));
    expect(features.shape).toEqual([images.length, 272]);
    // the report: HTML, and contact sheets that decode
    const html = await readFile(path.join(out, 'report', 'index.html'), 'utf8');
    expect(html).toMatch(/Round 1/);
    expect(html).toMatch(/<svg/);
    const sheet = await decodeImage(await readFile(path.join(out, 'report', 'round1.png')));
    expect(sheet.width).toBe(6 + 2 + 12 * 34);
    const summary = await readJson<{ cacheHits: number; failed: unknown[] }>(path.join(out, 'summary.json'));
    expect(summary.failed).toEqual([]);
    expect(summary.cacheHits).toBe(0);

    // a re-run with another option reads every feature from the cache and selects the same
    // identities (the input key changes with the option)
    const again = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--out', out, '--seed', '2', '--no-report']);
    expect(again.code).toBe(0);
    expect((await readJson<{ cacheHits: number }>(path.join(out, 'summary.json'))).cacheHits).toBe(images.length);
    const { inputKey: newKey, ...rest } = await readJson<Selection>(path.join(out, 'selection.json'));
    const { inputKey: oldKey, ...before } = selection;
    expect(rest).toEqual(before);
    expect(newKey).not.toBe(oldKey);

    // the identical run again has nothing to redo, and says so
    const same = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--out', out, '--seed', '2', '--no-report']);
    expect(same.stderr).not.toMatch(/^E_/m);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^cluster: \d+ images; up to date; \d+ identities/);
  });

  it('selects randomly for the baseline and reads detections JSONL with boxes', async () => {
    const out = path.join(dir, 'out-random');
    const cache = ['--cache-dir', path.join(dir, 'out', 'cache')];
    const random = await runCliCaptured(['cluster', '--images', path.join(dir, 'images'), '--out', out, '--method', 'random', '--identities', '10', '--no-report', '--no-rerank', ...cache]);
    expect(random.code).toBe(0);
    const selection = await readJson<Selection>(path.join(out, 'selection.json'));
    expect(selection.method).toBe('random');
    expect(selection.identities).toHaveLength(10);
    expect(selection.identities.every((i) => i.cluster === -1)).toBe(true);

    const jsonl = path.join(dir, 'detections.jsonl');
    await writeFile(jsonl, images.map((image) => JSON.stringify({ image: `images/${image}`, box: [2, 4, 60, 156], score: 0.9 })).join('\n'));
    const boxed = path.join(dir, 'out-boxes');
    const run = await runCliCaptured(['cluster', '--images', jsonl, '--out', boxed, '--no-report', ...cache]);
    expect(run.code).toBe(0);
    const withBoxes = await readJson<Selection>(path.join(boxed, 'selection.json'));
    expect(withBoxes.identities[0].image).toMatch(/^images\/look/);
    expect(withBoxes.identities[0].box).toEqual([2, 4, 60, 156]);
  });

  it('runs one DBSCAN on given features with the dbscan command', async () => {
    const features = path.join(dir, 'out', 'features.npy');
    await stat(features);
    const labelsOut = path.join(dir, 'labels.json');
    const run = await runCliCaptured(['dbscan', '--features', features, '--eps', '0.12', '--min-samples', '4', '--metric', 'cosine', '--out', labelsOut]);
    expect(run.code).toBe(0);
    const labels = await readJson<{ labels: number[]; eps: number; metric: string; clusters: number }>(labelsOut);
    expect(labels.labels).toHaveLength(images.length);
    expect(labels).toMatchObject({ eps: 0.12, metric: 'cosine' });
    expect(labels.clusters).toBe(Math.max(...labels.labels) + 1);
    const npyOut = path.join(dir, 'labels.npy');
    expect((await runCliCaptured(['dbscan', '--features', features, '--eps', '0.12', '--out', npyOut])).code).toBe(0);
    expect(Array.from(parseNpy(await readFile(npyOut)).data)).toEqual(labels.labels);
  });

  it('prints help', async () => {
    const help = await runCliCaptured(['cluster', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--images', '--model', '--features', '--eps', '--min-samples', '--rerank', '--seed', '--method']) expect(help.stdout).toContain(option);
    expect(help.stdout).not.toContain('--labels-out');
  });
});
