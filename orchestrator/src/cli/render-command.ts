/** `clonedperson render`: a scene spec + characters -> frames per camera and annotations, through a player. */
import path from 'node:path';
import { getPlayer, listPlayers } from '../players/players.js';
import { renderScene, RENDER_DEFAULTS } from '../render-stage/render-stage.js';
import { loadSceneSpec } from '../scene/scene-loader.js';
import { expandSceneSweep } from '../scene/scene-sweep.js';
import { ClonedPersonError } from '../shared/errors.js';
import { defineCommand } from './cli-command.js';
import { createProgressBar } from './progress-bar.js';

interface RenderArgs {
  scene: string;
  characters: string;
  out: string;
  player: string;
  frames?: number;
  fps?: number;
  encoding: 'jpeg' | 'png';
  jpegQuality: number;
  workers?: number;
  samples: number;
  variant?: string;
}

export const renderCommand = defineCommand<RenderArgs>({
  command: 'render',
  describe: 'Render characters walking in a scene: frames per camera and per-person annotations (JSONL)',
  builder: (y) =>
    y
      .option('scene', { type: 'string', demandOption: true, describe: 'Scene spec (.yaml/.json) or a bundled scene: street, plaza, corridor, hall, street-sweep' })
      .option('characters', { type: 'string', demandOption: true, describe: 'Characters folder (<id>/character.glb from `characters`, or *.glb)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (one subfolder per sweep variant)' })
      .option('player', {
        type: 'string',
        default: 'embedded',
        choices: listPlayers().map((p) => p.name),
        describe: `Rendering player: ${listPlayers().map((p) => `${p.name} (${p.describe})`).join('; ')}`,
      })
      .option('frames', { type: 'number', describe: 'Render only the first N steps [default: the scene duration]' })
      .option('fps', { type: 'number', describe: 'Steps per second [default: the scene fps]' })
      .option('encoding', { choices: ['jpeg', 'png'] as const, default: RENDER_DEFAULTS.encoding, describe: 'Frame image format' })
      .option('jpeg-quality', { type: 'number', default: RENDER_DEFAULTS.jpegQuality, describe: 'JPEG quality 1-100' })
      .option('workers', { type: 'number', describe: 'Render threads in the player [default: all cores]' })
      .option('samples', { type: 'number', default: RENDER_DEFAULTS.samplesPerAxis, describe: 'Anti-aliasing: supersamples per pixel axis (1 = off)' })
      .option('variant', { type: 'string', describe: 'Render only this sweep variant id (e.g. street-sweep-s03)' })
      .check((argv) => {
        for (const key of ['frames', 'fps', 'workers'] as const) {
          const v = argv[key];
          if (v !== undefined && (!Number.isInteger(v) || v < (key === 'workers' ? 0 : 1))) throw new Error(`--${key} must be a ${key === 'workers' ? 'non-negative' : 'positive'} integer`);
        }
        if (!Number.isInteger(argv.samples) || argv.samples < 1 || argv.samples > 4) throw new Error('--samples must be 1, 2, 3 or 4');
        if (!Number.isInteger(argv['jpeg-quality']) || argv['jpeg-quality'] < 1 || argv['jpeg-quality'] > 100) throw new Error('--jpeg-quality must be 1-100');
        return true;
      })
      .example('$0 render --scene street --characters out/characters --out out/render --frames 60', 'Two seconds of the bundled street scene')
      .example('$0 render --scene my-scene.yaml --characters chars/ --out out/render --encoding png', 'Your own scene, lossless frames'),
  run: async (args, context) => {
    const player = getPlayer(args.player);
    const spec = await loadSceneSpec(args.scene, context.cwd);
    let variants = expandSceneSweep(spec);
    if (args.variant) variants = variants.filter((v) => v.id === args.variant);
    if (variants.length === 0) throw new ClonedPersonError('E_USAGE', `no sweep variant named ${args.variant}; have: ${expandSceneSweep(spec).map((v) => v.id).join(', ')}`);
    const outDir = path.resolve(context.cwd, args.out);
    for (const variant of variants) {
      const bar = createProgressBar(context, `render ${variant.id}`);
      const dir = variants.length === 1 && !spec.sweep ? outDir : path.join(outDir, variant.id);
      try {
        const summary = await renderScene({
          scene: variant.spec,
          charactersDir: path.resolve(context.cwd, args.characters),
          outDir: dir,
          player,
          ...(args.frames === undefined ? {} : { steps: args.frames }),
          ...(args.fps === undefined ? {} : { fps: args.fps }),
          encoding: args.encoding,
          jpegQuality: args.jpegQuality,
          ...(args.workers === undefined ? {} : { threads: args.workers }),
          samplesPerAxis: args.samples,
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
