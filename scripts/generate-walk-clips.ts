/**
 * Cuts the walk cycles of orchestrator/data/mocap/*.bvh and writes them as
 * orchestrator/src/pose/clips.generated.ts (the pose module both players bundle).
 *   npx tsx scripts/generate-walk-clips.ts
 * test/unit/pose/clips-generated.test.ts fails when the module is stale.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatClipModule, walkClipsFromBvh } from '../orchestrator/src/pose/clip-module.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MOCAP_DIR = path.join(ROOT, 'orchestrator/data/mocap');
export const CLIPS_MODULE = path.join(ROOT, 'orchestrator/src/pose/clips.generated.ts');

const files = (await readdir(MOCAP_DIR)).filter((f) => f.toLowerCase().endsWith('.bvh'));
const sources = await Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(MOCAP_DIR, file), 'utf8') })));
const clips = walkClipsFromBvh(sources);
await writeFile(CLIPS_MODULE, formatClipModule(clips));
for (const clip of clips) {
  console.log(
    `${clip.name}: cycle of ${clip.cycleDurationS.toFixed(3)} s (frames ${clip.sourceFrames.start.toFixed(2)}..${clip.sourceFrames.end.toFixed(2)}), ` +
      `${(clip.cycleLength / clip.legLength).toFixed(3)} leg lengths per cycle`,
  );
}
console.log(`wrote ${path.relative(process.cwd(), CLIPS_MODULE)}`);
