/**
 * The authors' garment CSV (`example.csv`): one garment per row, `image,type code,"x1,y1,...",flag`,
 * with their type codes (garment-categories.ts) and landmarks already in the ClonedPerson
 * scheme; consecutive rows of one image form its outfit. Image paths are relative to --images.
 * Bad rows become problems; the others load.
 */
import { CLONEDPERSON_LANDMARK_COUNTS, categoryFromAuthorsType } from '../../contracts/garment-categories.js';
import { ClonedPersonError } from '../../shared/errors.js';
import { groupByImage } from './image-annotations.js';
import type { AnnotationProblem, Annotations, ImageAnnotation } from './image-annotations.js';

/** `image,code,"landmarks"[,flag]`: the row shape the authors' scripts write. */
const ROW = /^\s*([^,"]+?)\s*,\s*(\d+)\s*,\s*"([^"]*)"\s*(?:,.*)?$/;

export function parseAuthorsCsv(text: string, source: string): Annotations {
  const records: ImageAnnotation[] = [];
  const problems: AnnotationProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const where = `${source}:${index + 1}`;
    try {
      const match = ROW.exec(raw);
      if (!match) throw new ClonedPersonError('E_ANNOTATIONS_INVALID', `${where}: expected image,type code,"x1,y1,...",flag`);
      const [, image, code, list] = match;
      const category = categoryFromAuthorsType(Number(code), `${where} type`);
      const values = list.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
      if (values.some((v) => !Number.isFinite(v)) || values.length % 2 !== 0) throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: the landmark list is not x1,y1,x2,y2,... numbers`);
      const landmarks: [number, number][] = [];
      for (let i = 0; i < values.length; i += 2) landmarks.push([values[i], values[i + 1]]);
      const expected = CLONEDPERSON_LANDMARK_COUNTS[category];
      if (landmarks.length !== expected) throw new ClonedPersonError('E_BAD_LANDMARKS', `${where}: category ${category} needs ${expected} landmarks, got ${landmarks.length}`);
      records.push({ image, garments: [{ category, landmarks, where }] });
    } catch (error) {
      const e = error as ClonedPersonError;
      problems.push({ where, code: e.code, message: e.message });
    }
  });
  return { format: 'authors-csv', source, images: groupByImage(records), problems };
}
