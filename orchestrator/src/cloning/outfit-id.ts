/**
 * Outfit identity: one outfit per source image. The id is the image path as given in the
 * garment list, made file-name safe; later stages (characters) use the same function to find
 * the textures cloned from an image.
 */
export function outfitIdForImage(imagePath: string): string {
  const normalized = imagePath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  return normalized.replace(/\//g, '__').replace(/[^\w.-]/g, '_');
}
