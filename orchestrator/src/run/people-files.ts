/**
 * The two files the first stage of a run (detect, or a given garment list) hands on: the people
 * as cluster's image list (`{image, box?}` per line) and their garments as clone's garment list
 * (`{image, category, landmarks, template?}` per line), both with image ids relative to the
 * photos folder. Formats are those of `cluster --images <jsonl>` and `clone --garments <jsonl>`.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { ImageBoxPx } from '../contracts/selection.js';

export interface RunPerson {
  image: string;
  box?: ImageBoxPx;
}

export interface RunGarment {
  image: string;
  category: GarmentCategory;
  landmarks: [number, number][];
  template?: string;
}

export function formatPeople(people: readonly RunPerson[]): string {
  return people.map((p) => `${JSON.stringify(p.box ? { image: p.image, box: p.box } : { image: p.image })}\n`).join('');
}

export function formatGarments(garments: readonly RunGarment[]): string {
  return garments.map((g) => `${JSON.stringify({ image: g.image, category: g.category, landmarks: g.landmarks, ...(g.template === undefined ? {} : { template: g.template }) })}\n`).join('');
}

/** Parses a file written by {@link formatPeople} (trusted: the run wrote it). */
export function parsePeople(text: string): RunPerson[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as RunPerson);
}

export function parseGarments(text: string): RunGarment[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as RunGarment);
}
