/**
 * The layout of a run folder: one subfolder per stage, `manifest.json` on top.
 *
 *   manifest.json            the run's record (contracts/run-manifest.ts)
 *   detect/ | garments/      detections.jsonl (detect), and for the next stages people.jsonl
 *                            (cluster's image list: {image, box?}) and garments.jsonl (clone's
 *                            garment list), image paths relative to the photos folder
 *   cluster/                 selection.json, rounds, report
 *   clone/                   garments.jsonl of the selected people, outfits/, textures/
 *   characters/              <id>/character.glb, card.json; characters.json
 *   render/<scene variant>/  frames, annotations.jsonl, render.json
 *   dataset/                 the re-ID dataset
 *   eval/                    the evaluation of its test split
 *   fidelity/fidelity.json   clone fidelity
 *   overview/index.html      the HTML overview (overview.jpg: its identity rows as one picture)
 */
export const RUN_FOLDERS = {
  detect: 'detect',
  garments: 'garments',
  cluster: 'cluster',
  clone: 'clone',
  characters: 'characters',
  render: 'render',
  dataset: 'dataset',
  eval: 'eval',
  fidelity: 'fidelity',
  overview: 'overview',
} as const;

/** The people of a run: cluster's image list, written by detect or garments. */
export const PEOPLE_FILE = 'people.jsonl';
/** Garment lists for clone (all qualified people; in clone/ the selected ones). */
export const GARMENTS_FILE = 'garments.jsonl';
export const FIDELITY_FILE = 'fidelity.json';
export const OVERVIEW_FILE = 'index.html';
/** The overview's identity rows as one picture. */
export const OVERVIEW_SHEET_FILE = 'overview.jpg';
