/**
 * Contract: outfit identity and the clone stage's output layout. One outfit per source image;
 * its id is the image path as given (relative to the images root), made file-name safe, so later
 * stages (characters) find the textures cloned from an image.
 */
export function outfitIdForImage(imagePath: string): string {
  const normalized = imagePath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  return normalized.replace(/\//g, '__').replace(/[^\w.-]/g, '_');
}

/** The outfit record (completion marker) of an outfit, relative to the clone folder. */
export function outfitRecordPath(outfitId: string): string {
  return `outfits/${outfitId}.json`;
}

/** The folder of an outfit's textures, relative to the clone folder. */
export function outfitTexturesDir(outfitId: string): string {
  return `textures/${outfitId}`;
}

/** One UV texture of an outfit, relative to the clone folder. */
export function outfitTexturePath(outfitId: string, templateId: string): string {
  return `${outfitTexturesDir(outfitId)}/${templateId}.png`;
}

/** The folder of an outfit's intermediate images (`--steps`), relative to the clone folder. */
export function outfitStepsDir(outfitId: string): string {
  return `steps/${outfitId}`;
}
