/** The photos of `--images`: every image file below the folder (hidden entries skipped), sorted, as paths relative to it with "/". */
import path from 'node:path';
import type { FileStore } from '../shared/file-store.js';

/** Extensions read as photos (what sharp decodes). */
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif'];

export async function listPhotos(dir: string, files: FileStore): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for (const entry of await files.list(folder)) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.kind === 'dir') await walk(path.join(folder, entry.name), relative);
      else if (PHOTO_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) out.push(relative);
    }
  };
  await walk(dir, '');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
