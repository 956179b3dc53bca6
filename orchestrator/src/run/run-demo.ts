/**
 * `clonedperson demo`: the demo photos and the MakeHuman assets fetched the way `assets fetch`
 * fetches (upstream at pinned commits, or a mirror), then the whole pipeline with the bundled
 * demo config (orchestrator/data/demo/demo.yaml: the embedded player, built-in models, no
 * weights of the user's), in one folder: `<out>/photos/`, the stages' folders, the dataset and
 * `overview/index.html`.
 */
import path from 'node:path';
import { fetchAssets } from '../assets/asset-fetch.js';
import type { RunConfig } from '../contracts/run-config.js';
import type { RunManifest } from '../contracts/run-manifest.js';
import { fetchedMakeHumanData } from '../makehuman/data-root.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { silentLogger } from '../shared/logger.js';
import type { ProgressCallback } from '../shared/progress.js';
import { demoConfigFile, fetchDemoPhotos } from './demo-photos.js';
import { loadRunConfig } from './load-run-config.js';
import { resolveRunConfig } from './run-config-defaults.js';
import type { ResolvedRunConfig } from './run-config-defaults.js';
import { runPipeline } from './run-pipeline.js';
import type { RunPipelineOptions } from './run-pipeline.js';

export const DEMO_CREDITS = [
  'Photos: Clothing Co-Parsing dataset (Wei Yang, Ping Luo, Liang Lin, "Clothing Co-Parsing by Joint Image Segmentation and Labeling", CVPR 2014), github.com/bearpaw/clothing-co-parsing, Apache License 2.0. The photos show real people; their photographers\' permissions are not documented.',
  'Characters: MakeHuman 1.1 system assets (CC0), makehumancommunity/makehuman and makehuman-assets.',
];

const SOURCE_NOTE = 'The source photos are from the Clothing Co-Parsing dataset (bearpaw/clothing-co-parsing, Apache License 2.0; cite Yang et al., CVPR 2014). They show real people collected from the web; the photographers\' permissions are not documented.';

export interface DemoOptions extends Omit<RunPipelineOptions, 'images' | 'config' | 'garments' | 'title' | 'credits' | 'sourceNote'> {
  /** A folder or http(s) mirror laid out like ../shared/assets; default the upstream repositories. */
  from?: string;
  /** Where the MakeHuman assets are fetched to (shared by every demo and `characters`). */
  assetsDir: string;
  /** Overrides on top of the demo config (a file's contents, resolved). */
  overrides?: RunConfig;
  /** Only the first N demo photos (tests). */
  photos?: number;
  fetchImpl?: typeof fetch;
  /** Progress of the two fetches. */
  onFetchProgress?: (what: 'photos' | 'assets') => ProgressCallback;
}

/** The demo config: the bundled demo.yaml over the defaults, the overrides over that, MakeHuman from the fetched assets. */
export async function demoConfig(assetsDir: string, overrides: RunConfig = {}, files: FileStore = nodeFileStore): Promise<ResolvedRunConfig> {
  const demo = resolveRunConfig((await loadRunConfig(demoConfigFile(), files)).config);
  const config = resolveRunConfig(overrides, demo);
  return { ...config, characters: { ...config.characters, mhSysData: config.characters.mhSysData ?? fetchedMakeHumanData(assetsDir) } };
}

export async function runDemo(options: DemoOptions): Promise<RunManifest> {
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const out = path.resolve(options.out);
  const photos = await fetchDemoPhotos({
    to: out,
    ...(options.from ? { from: options.from } : {}),
    ...(options.photos === undefined ? {} : { count: options.photos }),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    files,
    logger,
    ...(options.onFetchProgress ? { onProgress: options.onFetchProgress('photos') } : {}),
  });
  logger.info(`demo: ${photos.photos.length} photos (${photos.summary.fetched} fetched, ${photos.summary.present} present) in ${photos.folder}`);
  const assets = await fetchAssets({
    to: options.assetsDir,
    ...(options.from ? { from: options.from } : {}),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    files,
    logger,
    ...(options.onFetchProgress ? { onProgress: options.onFetchProgress('assets') } : {}),
  });
  if (assets.failed.length > 0) {
    throw new ClonedPersonError('E_ASSET_MISSING', `demo: ${assets.failed.length} MakeHuman asset file(s) could not be fetched into ${options.assetsDir}; first ${assets.failed[0].path}: ${assets.failed[0].message}`, { details: { failed: assets.failed } });
  }
  logger.info(`demo: MakeHuman assets: ${assets.fetched} fetched, ${assets.present} present in ${options.assetsDir}`);
  const { from: _from, assetsDir, overrides, photos: _count, fetchImpl: _fetch, onFetchProgress: _progress, ...run } = options;
  return runPipeline({
    ...run,
    images: photos.folder,
    out,
    config: await demoConfig(assetsDir, overrides, files),
    title: 'clonedperson demo',
    credits: DEMO_CREDITS,
    sourceNote: SOURCE_NOTE,
    files,
    logger,
  });
}
