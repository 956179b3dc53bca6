/** `clonedperson render`: a scene spec + characters -> frames per camera and annotations, through a player. */
import path from 'node:path';
import { configurePlayer, getPlayer, listPlayers } from '../players/players.js';
import { renderScene, RENDER_DEFAULTS } from '../render-stage/render-stage.js';
import { loadSceneSpec } from '../scene/scene-loader.js';
import { expandSceneSweep } from '../scene/scene-sweep.js';
import { defineCommand } from './cli-command.js';
import { inputPath, resolvePath } from './input-paths.js';
import { checkInteger, describeValue, usageError } from './option-checks.js';
import { createProgressBar } from './progress-bar.js';

interface RenderArgs {
  scene: string;
  characters: string;
  out: string;
  player: string;
  unity?: string;
  steps?: number;
  fps?: number;
  encoding: 'jpeg' | 'png';
  jpegQuality: number;
  threads?: number;
  samplesPerAxis: number;
  variant?: string;
}

/** A `--scene` value with a scene file's extension is a path; anything else names a bundled scene. */
const SCENE_FILE = /\.(ya?ml|json)$/i;

export const renderCommand = defineCommand<RenderArgs>({
  command: 'render',
  describe: 'Render characters walking in a scene: frames per camera and per-person annotations (JSONL)',
  fields: { charactersDir: '--characters', outDir: '--out' },
  builder: (y) =>
    y
      .option('scene', { type: 'string', demandOption: true, describe: 'Scene spec (.yaml/.json) or a bundled scene: street, plaza, station, corridor, park, parking' })
      .option('characters', { type: 'string', demandOption: true, describe: 'Characters folder (<id>/character.glb from `characters`, or *.glb)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (one subfolder per sweep variant)' })
      .option('player', {
        type: 'string',
        default: 'embedded',
        choices: listPlayers().map((p) => p.name),
        describe: `Rendering player: ${listPlayers().map((p) => `${p.name} (${p.describe})`).join('; ')}`,
      })
      .option('unity', { type: 'string', describe: 'The Unity editor or a built player for --player unity [default: $UNITY_PATH]' })
      .option('steps', { type: 'number', describe: 'Render only the first N steps (each step is one frame per camera) [default: the scene duration]' })
      .option('fps', { type: 'number', describe: 'Steps per second [default: the scene fps]' })
      .option('encoding', { choices: ['jpeg', 'png'] as const, default: RENDER_DEFAULTS.encoding, describe: 'Frame image format' })
      .option('jpeg-quality', { type: 'number', default: RENDER_DEFAULTS.jpegQuality, describe: 'JPEG quality 1-100' })
      .option('threads', { type: 'number', describe: 'Render threads in the player (0 = render inline) [default: all cores]' })
      .option('samples-per-axis', { type: 'number', default: RENDER_DEFAULTS.samplesPerAxis, describe: 'Anti-aliasing: supersamples per pixel axis, 1-4 (1 = off)' })
      .option('variant', { type: 'string', describe: 'Render only this sweep variant id (e.g. street-s01)' })
      .check((argv) => {
        checkInteger(argv, '--steps', 1);
        checkInteger(argv, '--fps', 1);
        checkInteger(argv, '--threads', 0);
        checkInteger(argv, '--samples-per-axis', 1, 4);
        checkInteger(argv, '--jpeg-quality', 1, 100);
        return true;
      })
      .example('$0 render --scene street --characters out/characters --out out/render --steps 60', 'Two seconds of the bundled street scene')
      .example('$0 render --scene my-scene.yaml --characters chars/ --out out/render --encoding png', 'Your own scene, lossless frames'),
  run: async (args, context) => {
    const player = configurePlayer(getPlayer(args.player), { ...(args.unity === undefined ? {} : { executable: resolvePath(context, args.unity) }), env: context.env });
    const scene = SCENE_FILE.test(args.scene) ? await inputPath(context, '--scene', args.scene) : args.scene;
    const charactersDir = await inputPath(context, '--characters', args.characters);
    const spec = await loadSceneSpec(scene, context.cwd);
    let variants = expandSceneSweep(spec);
    if (args.variant) variants = variants.filter((v) => v.id === args.variant);
    if (variants.length === 0) throw usageError(`one of ${expandSceneSweep(spec).map((v) => v.id).join(', ')}`, '--variant', describeValue(args.variant));
    const outDir = resolvePath(context, args.out);
    for (const variant of variants) {
      const bar = createProgressBar(context, `render ${variant.id}`);
      const dir = variants.length === 1 && !spec.sweep ? outDir : path.join(outDir, variant.id);
      try {
        const summary = await renderScene({
          scene: variant.spec,
          charactersDir,
          outDir: dir,
          player,
          ...(args.steps === undefined ? {} : { steps: args.steps }),
          ...(args.fps === undefined ? {} : { fps: args.fps }),
          encoding: args.encoding,
          jpegQuality: args.jpegQuality,
          ...(args.threads === undefined ? {} : { threads: args.threads }),
          samplesPerAxis: args.samplesPerAxis,
          cwd: context.cwd,
          logger: context.logger,
          onProgress: bar.update,
        });
        context.stdout(
          `render: ${variant.id}: ${summary.steps} steps, ${summary.frames} frames, ${summary.annotations} annotations, ${summary.restarts} player restarts -> ${dir}\n`,
        );
      } finally {
        bar.stop();
      }
    }
    return 0;
  },
});
