/**
 * MakeHuman bone -> Unity `HumanBodyBones` names, written into every character `.glb` (see
 * gltf-writer.ts) so the Unity player can build a humanoid avatar at runtime and the embedded
 * player's procedural gait knows which bones are hips, legs, spine and arms.
 *
 * Bones without a humanoid counterpart (cmu_mb's LHipJoint, Neck1, finger bases; the default
 * rig's twist, facial and extra spine bones) are absent: Unity tolerates unmapped intermediate
 * transforms. MakeHuman's `.L` / `Left` is the character's own left (+x in MakeHuman and glTF
 * space, the model facing +z), which is also Unity's meaning of Left.
 */

/** The rig ClonedPerson exported with (MakeHuman's "CMU compliant skeleton"). */
export const CMU_MB_HUMANOID: Readonly<Record<string, string>> = {
  Hips: 'Hips',
  LowerBack: 'Spine',
  Spine: 'Chest',
  Spine1: 'UpperChest',
  Neck: 'Neck',
  Head: 'Head',
  LeftShoulder: 'LeftShoulder',
  LeftArm: 'LeftUpperArm',
  LeftForeArm: 'LeftLowerArm',
  LeftHand: 'LeftHand',
  LThumb: 'LeftThumbProximal',
  LeftHandFinger1: 'LeftIndexProximal',
  RightShoulder: 'RightShoulder',
  RightArm: 'RightUpperArm',
  RightForeArm: 'RightLowerArm',
  RightHand: 'RightHand',
  RThumb: 'RightThumbProximal',
  RightHandFinger1: 'RightIndexProximal',
  LeftUpLeg: 'LeftUpperLeg',
  LeftLeg: 'LeftLowerLeg',
  LeftFoot: 'LeftFoot',
  LeftToeBase: 'LeftToes',
  RightUpLeg: 'RightUpperLeg',
  RightLeg: 'RightLowerLeg',
  RightFoot: 'RightFoot',
  RightToeBase: 'RightToes',
};

function defaultRigMap(): Record<string, string> {
  const map: Record<string, string> = {
    root: 'Hips',
    spine04: 'Spine',
    spine02: 'Chest',
    spine01: 'UpperChest',
    neck01: 'Neck',
    head: 'Head',
    jaw: 'Jaw',
  };
  const fingers = ['Thumb', 'Index', 'Middle', 'Ring', 'Little'];
  const phalanges = ['Proximal', 'Intermediate', 'Distal'];
  for (const [suffix, side] of [
    ['L', 'Left'],
    ['R', 'Right'],
  ] as const) {
    Object.assign(map, {
      [`clavicle.${suffix}`]: `${side}Shoulder`,
      [`upperarm01.${suffix}`]: `${side}UpperArm`,
      [`lowerarm01.${suffix}`]: `${side}LowerArm`,
      [`wrist.${suffix}`]: `${side}Hand`,
      [`upperleg01.${suffix}`]: `${side}UpperLeg`,
      [`lowerleg01.${suffix}`]: `${side}LowerLeg`,
      [`foot.${suffix}`]: `${side}Foot`,
      [`toe1-1.${suffix}`]: `${side}Toes`,
      [`eye.${suffix}`]: `${side}Eye`,
    });
    fingers.forEach((finger, f) => {
      phalanges.forEach((phalanx, p) => {
        map[`finger${f + 1}-${p + 1}.${suffix}`] = `${side}${finger}${phalanx}`;
      });
    });
  }
  return map;
}

/** MakeHuman's default rig (163 bones). */
export const DEFAULT_RIG_HUMANOID: Readonly<Record<string, string>> = defaultRigMap();

/**
 * The humanoid map for a rig, restricted to bones the rig has. Unknown rigs get the union of
 * both tables filtered by bone name (works for rigs that reuse either naming).
 */
export function humanoidBoneMap(rigName: string, boneNames: readonly string[]): Record<string, string> {
  const table = /cmu/i.test(rigName) ? CMU_MB_HUMANOID : /default/i.test(rigName) ? DEFAULT_RIG_HUMANOID : { ...DEFAULT_RIG_HUMANOID, ...CMU_MB_HUMANOID };
  const present = new Set(boneNames);
  return Object.fromEntries(Object.entries(table).filter(([bone]) => present.has(bone)));
}
