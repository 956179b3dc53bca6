/**
 * The root type of every stage contract, with the file it describes. The schema generator
 * (scripts/generate-contract-schemas.ts) emits one JSON Schema per entry; docs/contracts.md lists
 * the same artefacts with producers and consumers.
 */
export const CONTRACT_ROOTS = {
  DetectionLine: 'detections.jsonl (one line per person)',
  Selection: 'selection.json',
  GarmentTemplate: 'garment catalog: <template>.json',
  OutfitRecord: 'outfits/<outfit>.json',
  CharacterCard: '<characters>/<id>/card.json',
  CharactersList: '<characters>/characters.json',
  GlbExtras: '<characters>/<id>/character.glb: extras.clonedperson',
  RenderRecord: 'render.json',
  AnnotationLine: 'annotations.jsonl (one line per person, camera and step)',
  DatasetRecord: '<dataset>/dataset.json',
  RunConfig: 'run.yaml (the run config)',
  RunManifest: 'manifest.json (a run folder)',
} as const;

/** The names of the generated schema definitions (one per contract root). */
export type ContractTypeName = keyof typeof CONTRACT_ROOTS;
