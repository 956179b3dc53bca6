/** `clonedperson character`: one MakeHuman model file (.mhm) to a skinned .glb. */
import { characterFromMhm } from '../characters/character-from-mhm.js';
import { renderCharacterPreviews } from '../characters/character-preview.js';
import { CHARACTERS_DEFAULTS } from '../characters/characters-batch.js';
import { writePng } from '../imaging/image-io.js';
import { defineCommand } from './cli-command.js';
import { inputPath, resolvePath } from './input-paths.js';
import { openMakeHumanData, withMakeHumanDataOptions } from './makehuman-data-options.js';
import type { MakeHumanDataArgs } from './makehuman-data-options.js';

interface CharacterArgs extends MakeHumanDataArgs {
  mhm: string;
  out: string;
  skeleton: string;
  preview: boolean;
}

export const characterCommand = defineCommand<CharacterArgs>({
  command: 'character',
  describe: 'Convert a MakeHuman model (.mhm) into a skinned glTF binary (.glb)',
  builder: (y) =>
    withMakeHumanDataOptions(y)
      .option('mhm', { type: 'string', demandOption: true, describe: 'MakeHuman model file (.mhm)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output .glb file' })
      .option('skeleton', { type: 'string', default: CHARACTERS_DEFAULTS.skeleton, describe: 'Rig when the .mhm names none: cmu_mb or default' })
      .option('preview', { type: 'boolean', default: false, describe: 'Also write <out>.front.png and <out>.side.png (orthographic previews)' })
      .example('$0 character --mhm models/alice.mhm --out alice.glb --preview', 'One character with front and side previews'),
  run: async (args, context) => {
    const mhmFile = await inputPath(context, '--mhm', args.mhm);
    const data = await openMakeHumanData(args, context);
    const outFile = resolvePath(context, args.out);
    const character = await characterFromMhm(data, mhmFile, outFile, { skeleton: args.skeleton });
    if (args.preview) {
      const previews = await renderCharacterPreviews(await context.files.read(outFile));
      const stem = outFile.replace(/\.glb$/i, '');
      for (const [view, image] of previews) await writePng(`${stem}.${view}.png`, image);
    }
    context.stdout(
      `character: ${character.spec.id}: ${character.heightCm.toFixed(1)} cm, ${character.skeleton.bones.length} bones, ${character.parts.length} parts -> ${outFile}\n`,
    );
    return 0;
  },
});
