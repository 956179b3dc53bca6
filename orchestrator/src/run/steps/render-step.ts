/**
 * The render stage of a run: every configured scene (each sweep variant into render/<variant>/)
 * with the run's characters, through the configured player. A character no camera ever saw is
 * dropped (`never-in-view`: more steps or a larger crowd would show it).
 */
import path from 'node:path';
import { CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE } from '../../contracts/character.js';
import { ANNOTATION_LINE_CONTRACT, RENDER_FILES } from '../../contracts/render-record.js';
import { renderScene } from '../../render-stage/render-stage.js';
import { loadSceneSpec } from '../../scene/scene-loader.js';
import { sceneStepCount } from '../../scene/scene-spec.js';
import type { SceneSpec } from '../../scene/scene-spec.js';
import { expandSceneSweep } from '../../scene/scene-sweep.js';
import type { SceneVariant } from '../../scene/scene-sweep.js';
import { RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

export interface RenderVariant {
  variant: SceneVariant;
  /** The variant's folder, relative to the run folder (`render/street`). */
  folder: string;
  steps: number;
}

/** The variants the config's scenes expand to, with their folders and step counts. */
export async function renderVariants(context: RunContext): Promise<RenderVariant[]> {
  const { render } = context.config;
  const out: RenderVariant[] = [];
  for (const scene of render.scenes) {
    const spec = await loadSceneSpec(scene, context.cwd, context.files);
    for (const variant of expandSceneSweep(spec)) {
      const timed: SceneSpec = render.fps ? { ...variant.spec, fps: render.fps } : variant.spec;
      out.push({ variant, folder: path.posix.join(RUN_FOLDERS.render, variant.id), steps: Math.min(render.steps ?? Infinity, sceneStepCount(timed)) });
    }
  }
  const ids = out.map((v) => v.variant.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) context.logger.warn(`run: scene variant ${twice} is configured twice; rendering it once`);
  return out.filter((v, i) => ids.indexOf(v.variant.id) === i);
}

/** The character ids some camera of a render saw. */
export async function seenCharacters(context: RunContext, folder: string): Promise<Set<string>> {
  const file = path.join(context.out, folder, RENDER_FILES.annotations);
  const seen = new Set<string>();
  if (!(await context.files.exists(file))) return seen;
  for (const line of ANNOTATION_LINE_CONTRACT.parseLines(await context.files.read(file), file)) if (line.value?.characterId) seen.add(line.value.characterId);
  return seen;
}

export function renderStep(context: RunContext): StageWork {
  const { config, files } = context;
  const charactersDir = path.join(context.out, RUN_FOLDERS.characters);
  let variants: RenderVariant[] | undefined;
  const list = async (): Promise<RenderVariant[]> => (variants ??= await renderVariants(context));
  return {
    name: 'render',
    folder: RUN_FOLDERS.render,
    key: async () => ({
      options: {
        // the resolved specs, so an edited scene file or bundled scene redoes the render
        variants: (await list()).map((v) => ({ id: v.variant.id, spec: { ...v.variant.spec, baseDir: undefined }, steps: v.steps })),
        ...config.render,
        threads: undefined,
        player: { name: context.player.name, version: context.player.version },
      },
      inputs: { characters: context.outputKeys.get('characters') ?? '' },
    }),
    outputKey: async () => hashFiles(files, (await list()).map((v) => path.join(context.out, v.folder, RENDER_FILES.record))),
    run: async (onProgress) => {
      const all = await list();
      const total = all.reduce((sum, v) => sum + v.steps, 0);
      let before = 0;
      let frames = 0;
      let annotations = 0;
      let upToDate = true;
      for (const v of all) {
        const summary = await renderScene({
          scene: v.variant.spec,
          charactersDir,
          outDir: path.join(context.out, v.folder),
          player: context.player,
          steps: v.steps,
          ...(config.render.fps ? { fps: config.render.fps } : {}),
          encoding: config.render.encoding,
          jpegQuality: config.render.jpegQuality,
          samplesPerAxis: config.render.samplesPerAxis,
          ...(config.render.threads === undefined ? {} : { threads: config.render.threads }),
          cwd: context.cwd,
          files,
          logger: context.logger,
          onProgress: (done, _total, label) => onProgress(before + done, total, `${v.variant.id} ${label ?? ''}`.trim()),
          ...(context.renderEnv ? { env: context.renderEnv } : {}),
          ...(context.maxRestarts === undefined ? {} : { maxRestarts: context.maxRestarts }),
          ...(context.renderTimeouts ? { timeouts: context.renderTimeouts } : {}),
          ...(context.playerRuntime ? { playerRuntime: context.playerRuntime } : {}),
        });
        before += v.steps;
        frames += summary.frames;
        annotations += summary.annotations;
        upToDate &&= summary.upToDate;
      }
      const listFile = path.join(charactersDir, CHARACTERS_LIST_FILE);
      const characters = CHARACTERS_LIST_CONTRACT.parse(await files.read(listFile), listFile).characters;
      const seen = new Set<string>();
      for (const v of all) for (const id of await seenCharacters(context, v.folder)) seen.add(id);
      const dropped = characters.filter((c) => !seen.has(c.id)).map((c) => ({ image: c.image, reason: 'never-in-view', message: `no camera saw character ${c.id} in ${total} steps` }));
      return {
        peopleIn: characters.length,
        peopleOut: characters.filter((c) => seen.has(c.id)).length,
        counts: { variants: all.length, steps: total, frames, annotations },
        dropped: groupDrops(dropped),
        upToDate,
      };
    },
  };
}
