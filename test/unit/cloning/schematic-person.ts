/**
 * A schematic person for the nearest-template tests: a 200 x 400 photo (a grey top from the
 * shoulders to the hips, blue bottoms below, on white) and, for any garment category, landmarks
 * in its scheme placed where they would be on this person (the person's right on the image's
 * left). Short sleeves end at the elbows, long ones at the wrists.
 */
import type { GarmentCategory } from '../../../orchestrator/src/contracts/garment-categories.js';
import { garmentRole } from '../../../orchestrator/src/contracts/garment-categories.js';
import { landmarkNames, schemeCategory } from '../../../orchestrator/src/cloning/landmark-schemes.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { imageFrom } from '../../helpers/images.js';

type Places = Record<string, [number, number]>;

const UPPER: Places = {
  rightShoulder: [70, 80], neckRight: [88, 72], neckCentre: [100, 86], neckLeft: [112, 72], leftShoulder: [130, 80],
  leftElbowOuter: [152, 135], leftElbowInner: [138, 140], leftArmpit: [127, 108], leftSideUpper: [127, 128],
  rightArmpit: [73, 108], rightSideUpper: [73, 128], rightElbowInner: [62, 140], rightElbowOuter: [48, 135],
};
const LONG_CUFFS: Places = { leftCuffOuter: [160, 190], leftCuffInner: [148, 192], rightCuffInner: [52, 192], rightCuffOuter: [40, 190] };
const SHORT_CUFFS: Places = { leftCuffOuter: UPPER.leftElbowOuter, leftCuffInner: UPPER.leftElbowInner, rightCuffInner: UPPER.rightElbowInner, rightCuffOuter: UPPER.rightElbowOuter };
const TOP_BODY: Places = { leftWaist: [126, 150], leftHem: [127, 190], rightHem: [73, 190], rightWaist: [74, 150] };
const LEGS: Places = {
  rightWaist: [74, 185], waistCentre: [100, 187], leftWaist: [126, 185], leftSide: [130, 225],
  leftKneeOuter: [128, 285], leftHemOuter: [126, 365], leftHemInner: [107, 365], leftKneeInner: [106, 285], crotch: [100, 240],
  rightKneeInner: [94, 285], rightHemInner: [93, 365], rightHemOuter: [74, 365], rightKneeOuter: [72, 285], rightSide: [70, 225],
};
const SHORT_LEGS: Places = { leftHemOuter: [127, 270], leftHemInner: [106, 270], rightHemInner: [94, 270], rightHemOuter: [73, 270] };
const SKIRT: Places = { rightWaist: [74, 185], leftWaist: [126, 185], leftSide: [133, 225], leftHem: [142, 275], hemCentre: [100, 278], rightHem: [58, 275], rightSide: [67, 225] };
const DRESS_BODY: Places = {
  leftWaist: [126, 150], leftHip: [130, 190], leftSideLower: [136, 232], leftHem: [142, 275], hemCentre: [100, 278],
  rightHem: [58, 275], rightSideLower: [64, 232], rightHip: [70, 190], rightWaist: [74, 150],
};

function placesOf(category: GarmentCategory): Places {
  const scheme = schemeCategory(category);
  const role = garmentRole(category);
  if (role === 'bottom') return category === 9 ? SKIRT : category === 7 ? { ...LEGS, ...SHORT_LEGS } : LEGS;
  const cuffs = scheme === 2 || category === 11 ? LONG_CUFFS : SHORT_CUFFS;
  return { ...UPPER, ...cuffs, ...(role === 'dress' ? DRESS_BODY : TOP_BODY) };
}

/** Landmarks of a garment of `category` on the schematic person, in the category's scheme. */
export function schematicLandmarks(category: GarmentCategory): [number, number][] {
  const places = placesOf(category);
  return landmarkNames(category).map((name) => {
    const place = places[name];
    if (!place) throw new Error(`schematic person: no place for ${name} (category ${category})`);
    return [place[0], place[1]];
  });
}

/** The photo: a striped grey top (y 70-190), blue checked bottoms (y 185-370), skin arms, white ground. */
export function schematicPhoto(): RawImage {
  return imageFrom(200, 400, 3, (x, y, k) => {
    const torso = x >= 60 && x < 140 && y >= 70 && y < 190;
    const arms = y >= 80 && y < 195 && ((x >= 36 && x < 60) || (x >= 140 && x < 164));
    const legs = x >= 56 && x < 144 && y >= 185 && y < 370;
    if (torso || arms) return (y >> 3) % 2 === 0 ? [150, 150, 150][k] : [110, 110, 110][k];
    if (legs) return ((x >> 3) + (y >> 3)) % 2 === 0 ? [40, 60, 160][k] : [70, 90, 200][k];
    return 255;
  });
}
