/**
 * Which photo an annotation is about: its image path relative to --images, else the one photo
 * with that file name, else the one photo with that stem (DeepFashion2 names its annotation
 * files after the image's stem). An annotation that names no photo (or several) is a problem,
 * E_IMAGE_MISSING, and the batch goes on. Pure.
 */
import type { AnnotationProblem, ImageAnnotation } from './image-annotations.js';

function baseName(p: string): string {
  const slash = p.replace(/\\/g, '/').lastIndexOf('/');
  return p.slice(slash + 1);
}

function stem(p: string): string {
  const name = baseName(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function index(images: readonly string[], key: (p: string) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const image of images) {
    const k = key(image);
    map.set(k, [...(map.get(k) ?? []), image]);
  }
  return map;
}

export interface MatchedAnnotations {
  /** Photo path (relative to --images) -> its annotation (merged when several name it). */
  byImage: Map<string, ImageAnnotation>;
  problems: AnnotationProblem[];
}

export function matchAnnotations(annotations: readonly ImageAnnotation[], images: readonly string[], source: string): MatchedAnnotations {
  const exact = new Set(images);
  const byName = index(images, baseName);
  const byStem = index(images, stem);
  const byImage = new Map<string, ImageAnnotation>();
  const problems: AnnotationProblem[] = [];
  for (const annotation of annotations) {
    const wanted = annotation.image.replace(/\\/g, '/').replace(/^\.\//, '');
    const candidates = exact.has(wanted) ? [wanted] : (byName.get(baseName(wanted)) ?? byStem.get(stem(wanted)) ?? []);
    if (candidates.length !== 1) {
      problems.push({
        where: source,
        image: annotation.image,
        code: 'E_IMAGE_MISSING',
        message: candidates.length === 0 ? `${source}: annotates ${annotation.image}, which is not in --images` : `${source}: ${annotation.image} matches ${candidates.length} photos (${candidates.slice(0, 3).join(', ')}...)`,
      });
      continue;
    }
    const image = candidates[0];
    const existing = byImage.get(image);
    if (!existing) byImage.set(image, { ...annotation, image, garments: [...annotation.garments], ...(annotation.people ? { people: [...annotation.people] } : {}) });
    else {
      existing.garments.push(...annotation.garments);
      if (annotation.people) existing.people = [...(existing.people ?? []), ...annotation.people];
    }
  }
  return { byImage, problems };
}
