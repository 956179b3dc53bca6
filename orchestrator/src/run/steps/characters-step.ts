/**
 * The characters stage of a run: one MakeHuman character per selected identity whose outfit was
 * cloned (the others were dropped by clone, and are not failed again here). Character folders of
 * identities no longer selected are removed, so the render stage sees exactly this run's people.
 */
import path from 'node:path';
import { ACCESSORY_DEFAULTS } from '../../characters/body-generator.js';
import type { AccessoryLists } from '../../characters/body-generator.js';
import { makeCharacters } from '../../characters/characters-batch.js';
import { CHARACTERS_LIST_FILE, characterIdFor } from '../../contracts/character.js';
import { outfitIdForImage, outfitRecordPath } from '../../contracts/outfit-id.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../../contracts/selection.js';
import { resolveDataRoots, rootsInOrder } from '../../makehuman/data-root.js';
import { MakeHumanData } from '../../makehuman/makehuman-data.js';
import { ClonedPersonError } from '../../shared/errors.js';
import { RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

/** The accessory lists of a config's JSON file: known keys, each of its default's type. */
async function readAccessories(context: RunContext, file: string): Promise<Partial<AccessoryLists>> {
  const fail = (message: string): never => {
    throw new ClonedPersonError('E_CONFIG_INVALID', `characters.accessories: ${file}: ${message}`, { details: { file, field: '/characters/accessories' } });
  };
  let json: unknown;
  try {
    json = JSON.parse(await context.files.readText(file));
  } catch (cause) {
    if (cause instanceof ClonedPersonError) throw cause;
    fail(`not valid JSON (${(cause as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('expected a JSON object');
  const defaults = ACCESSORY_DEFAULTS as Record<string, unknown>;
  for (const [key, value] of Object.entries(json as object)) {
    if (!(key in defaults)) fail(`unknown list ${JSON.stringify(key)} (known: ${Object.keys(defaults).join(', ')})`);
    const fallback = defaults[key];
    const ok = Array.isArray(fallback) ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === typeof fallback;
    if (!ok) fail(`${key} must be ${Array.isArray(fallback) ? 'a list of names' : `a ${typeof fallback}`}`);
  }
  return json as Partial<AccessoryLists>;
}

export function charactersStep(context: RunContext): StageWork {
  const dir = path.join(context.out, RUN_FOLDERS.characters);
  const cloneDir = path.join(context.out, RUN_FOLDERS.clone);
  const selectionFile = path.join(context.out, RUN_FOLDERS.cluster, SELECTION_FILE);
  const { config, files } = context;
  let data: MakeHumanData | undefined;
  const openData = async (): Promise<MakeHumanData> => {
    if (data) return data;
    const c = config.characters;
    const roots = await resolveDataRoots({ ...(c.mhData ? { mhData: c.mhData } : {}), ...(c.mhSysData ? { mhSysData: c.mhSysData } : {}), env: { ...context.env }, cwd: context.cwd, files });
    if (rootsInOrder(roots).length === 0) {
      throw new ClonedPersonError('E_ASSET_MISSING', `characters: no MakeHuman data found (looked at ${roots.missing.join(', ') || 'the default folders'}); run \`clonedperson assets fetch\` or set characters.mhSysData`, {
        details: { missing: roots.missing },
      });
    }
    data = new MakeHumanData(roots, { logger: context.logger, files, targets: c.targets });
    return data;
  };
  return {
    name: 'characters',
    folder: RUN_FOLDERS.characters,
    key: async () => ({
      options: { ...config.characters, mhData: undefined, mhSysData: undefined, accessories: config.characters.accessories ? await readAccessories(context, config.characters.accessories) : undefined, seed: config.seed },
      inputs: { selection: context.outputKeys.get('cluster') ?? '', outfits: context.outputKeys.get('clone') ?? '', assets: await (await openData()).fingerprint() },
    }),
    outputKey: () => hashFiles(files, [path.join(dir, CHARACTERS_LIST_FILE)]),
    run: async (onProgress) => {
      const selection = SELECTION_CONTRACT.parse(await files.read(selectionFile), selectionFile);
      const dressed: number[] = [];
      for (const identity of selection.identities) {
        if (await files.exists(path.join(cloneDir, outfitRecordPath(outfitIdForImage(identity.image))))) dressed.push(identity.id);
      }
      const wanted = new Set(dressed.map((id) => characterIdFor(id)));
      if (await files.isDirectory(dir)) {
        for (const entry of await files.list(dir)) if (entry.kind === 'dir' && !wanted.has(entry.name)) await files.remove(path.join(dir, entry.name));
      }
      const accessories = config.characters.accessories ? await readAccessories(context, config.characters.accessories) : undefined;
      const summary = await makeCharacters({
        data: await openData(),
        selectionFile,
        texturesDir: cloneDir,
        outDir: dir,
        skeleton: config.characters.skeleton,
        seed: config.seed,
        heightRule: config.characters.heightRule,
        ...(accessories ? { accessories } : {}),
        only: dressed,
        files,
        logger: context.logger,
        onProgress,
      });
      return {
        peopleIn: dressed.length,
        peopleOut: summary.characters.length,
        counts: { characters: summary.characters.length, made: summary.made, upToDate: summary.skipped },
        dropped: groupDrops(summary.failed.map((f) => ({ image: f.image, reason: f.code, message: f.message }))),
        upToDate: summary.made === 0 && summary.failed.length === 0,
      };
    },
  };
}
