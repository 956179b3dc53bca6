/**
 * The cluster stage of a run: Similarity-Diversity Expansion over the people (cluster's image
 * list with image ids relative to the photos folder), or, by default (`method: all`), every
 * person an identity in the paper's 5:2 split.
 */
import path from 'node:path';
import { runClusterSelection } from '../../clustering/run-cluster.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../../contracts/selection.js';
import { parsePeople } from '../people-files.js';
import { RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { DroppedPerson } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

export function clusterStep(context: RunContext, peopleFile: string, upstream: 'detect' | 'garments'): StageWork {
  const dir = path.join(context.out, RUN_FOLDERS.cluster);
  const selectionFile = path.join(dir, SELECTION_FILE);
  const { config } = context;
  return {
    name: 'cluster',
    folder: RUN_FOLDERS.cluster,
    key: () => Promise.resolve({ options: { ...config.cluster, seed: config.seed }, inputs: { people: context.outputKeys.get(upstream) ?? '' } }),
    outputKey: () => hashFiles(context.files, [selectionFile]),
    run: async (onProgress) => {
      const people = parsePeople(await context.files.readText(peopleFile));
      const c = config.cluster;
      const all = c.method === 'all';
      const summary = await runClusterSelection({
        images: peopleFile,
        imagesRoot: context.images,
        out: dir,
        ...(c.model ? { model: c.model } : {}),
        ...(c.modelConfig ? { modelConfig: c.modelConfig } : {}),
        ...(c.eps ? { eps: [c.eps[0], c.eps[1]] as [number, number] } : {}),
        minSamples: c.minSamples,
        ...(c.metric ? { metric: c.metric } : {}),
        rerank: c.rerank,
        rerankOptions: { k1: c.k1, k2: c.k2, lambda: c.lambda },
        seed: config.seed,
        method: all ? 'random' : c.method === 'random' ? 'random' : 'sde',
        ...(all ? { identities: Math.max(1, people.length) } : c.identities === undefined ? {} : { identities: c.identities }),
        perCluster: c.perCluster,
        trainPerCluster: c.trainPerCluster,
        report: c.report,
        engine: c.engine,
        files: context.files,
        logger: context.logger,
        onProgress,
      });
      const selection = SELECTION_CONTRACT.parse(await context.files.read(selectionFile), selectionFile);
      const selected = new Set(selection.identities.map((i) => i.image));
      const failed = new Set(summary.failed.map((f) => f.image));
      const dropped: DroppedPerson[] = summary.failed.map((f) => ({ image: f.image, reason: f.code, message: f.message }));
      for (const person of people) {
        if (!selected.has(person.image) && !failed.has(person.image)) dropped.push({ image: person.image, reason: 'not-selected', message: `the ${c.method} selection did not pick it` });
      }
      return {
        peopleIn: people.length,
        peopleOut: selection.identities.length,
        counts: { identities: selection.identities.length, train: summary.identities.train, test: summary.identities.test },
        dropped: groupDrops(dropped),
        upToDate: summary.upToDate,
      };
    },
  };
}
