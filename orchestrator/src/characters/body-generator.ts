/**
 * The ClonedPerson random body generator (the authors' rules, see ../shared/PAPER.md), seeded
 * per identity so a character does not depend on the order of the batch:
 *
 * - gender alternates with the identity number: even ids male (1), odd ids female (0);
 * - muscle and weight uniform in [0, 1]; body proportions stay at MakeHuman's 0.5;
 * - African, Asian, Caucasian: three uniform draws rescaled to sum to 1;
 * - height ~ N(170, 5.7) cm for men and N(160, 5.2) cm for women, clamped to [120, 220] cm;
 * - age slider uniform in [0.2, 0.9]; breast size uniform in [0, 0.7], firmness in [0.3, 1.0];
 * - hair from the men's or women's list, a beard for `beardProbability` of the men (when the
 *   beard list is not empty), shoes, skin, eyebrows and eye colour from their lists.
 *
 * The height slider: the authors wrote the drawn height divided by 200 into MakeHuman's Height
 * modifier (`heightRule: 'paper'`). On the hm08 targets that gives 2.1-2.2 m people (the slider
 * is not linear in centimetres: 0.5 is 173 cm for a default man, 1.0 is 245 cm), so the default
 * `heightRule: 'measured'` instead picks the slider value at which the morphed body measures the
 * drawn height (character-height.ts). Both values go into the character card.
 *
 * Draw order is fixed (gender, muscle, weight, race x3, height, age, breast x2, hair, beard,
 * shoes, skin, eyebrows, eyes) so a seed always gives the same character.
 */
import type { Random } from '../shared/random.js';
import { MACRO_DEFAULTS } from '../makehuman/macro-modifiers.js';
import type { MacroValues } from '../makehuman/macro-modifiers.js';

export type HeightRule = 'measured' | 'paper';

export interface AccessoryLists {
  hairMale: string[];
  hairFemale: string[];
  /** Beard proxies (clothes assets); ClonedPerson used community beards, the CC0 set has none. */
  beards: string[];
  beardProbability: number;
  shoes: string[];
  skins: string[];
  eyebrows: string[];
  /** Eye materials, relative to the eyes proxy (`../materials/<colour>.mhmat`). */
  eyeMaterials: string[];
  eyes: string;
  eyelashes: string;
}

/** Defaults drawn from MakeHuman's CC0 system assets (see ../shared/assets/README.md). */
export const ACCESSORY_DEFAULTS: Readonly<AccessoryLists> = {
  hairMale: ['short01', 'short02', 'short04', 'afro01'],
  hairFemale: ['bob01', 'bob02', 'long01', 'ponytail01', 'braid01', 'short03'],
  beards: [],
  beardProbability: 0.5,
  shoes: ['shoes01', 'shoes02', 'shoes03', 'shoes04', 'shoes05', 'shoes06'],
  skins: ['default'],
  eyebrows: ['eyebrow001', 'eyebrow002', 'eyebrow003', 'eyebrow004', 'eyebrow005', 'eyebrow006', 'eyebrow007', 'eyebrow008', 'eyebrow009', 'eyebrow010', 'eyebrow011', 'eyebrow012'],
  eyeMaterials: ['brown', 'brownlight', 'blue', 'bluegreen', 'deepblue', 'green', 'grey', 'ice', 'lightblue'].map((c) => `../materials/${c}.mhmat`),
  eyes: 'HighPolyEyes',
  eyelashes: 'Eyelashes01',
};

/** Height distributions (cm) and slider ranges from the paper. */
export const BODY_RULES = {
  maleHeightCm: { mean: 170, std: 5.7 },
  femaleHeightCm: { mean: 160, std: 5.2 },
  heightClampCm: [120, 220] as const,
  age: [0.2, 0.9] as const,
  breastSize: [0, 0.7] as const,
  breastFirmness: [0.3, 1.0] as const,
};

export interface BodyDraw {
  gender: 'male' | 'female';
  /** Slider values; `height` is provisional (heightCm / 200) until the height rule is applied. */
  macro: MacroValues;
  /** The drawn body height, centimetres. */
  heightCm: number;
  hair?: string;
  beard?: string;
  shoes?: string;
  skin: string;
  eyebrows?: string;
  eyeMaterial?: string;
}

function uniform(random: Random, [lo, hi]: readonly [number, number]): number {
  return lo + (hi - lo) * random.next();
}

function pickOrUndefined(random: Random, list: readonly string[]): string | undefined {
  return list.length === 0 ? undefined : random.pick(list);
}

/** Draws one character's body and accessories (see the module doc). `identity` is the 0-based id. */
export function drawBody(identity: number, random: Random, lists: AccessoryLists = ACCESSORY_DEFAULTS): BodyDraw {
  const male = identity % 2 === 0;
  const muscle = random.next();
  const weight = random.next();
  const race = [random.next(), random.next(), random.next()];
  const total = race[0] + race[1] + race[2] || 1;
  const dist = male ? BODY_RULES.maleHeightCm : BODY_RULES.femaleHeightCm;
  const drawn = random.gaussian(dist.mean, dist.std);
  const heightCm = Math.min(BODY_RULES.heightClampCm[1], Math.max(BODY_RULES.heightClampCm[0], drawn));
  const age = uniform(random, BODY_RULES.age);
  const breastSize = uniform(random, BODY_RULES.breastSize);
  const breastFirmness = uniform(random, BODY_RULES.breastFirmness);
  const hair = pickOrUndefined(random, male ? lists.hairMale : lists.hairFemale);
  const beardRoll = random.next();
  const beard = male && lists.beards.length > 0 && beardRoll < lists.beardProbability ? random.pick(lists.beards) : undefined;
  const shoes = pickOrUndefined(random, lists.shoes);
  const skin = pickOrUndefined(random, lists.skins) ?? 'default';
  const eyebrows = pickOrUndefined(random, lists.eyebrows);
  const eyeMaterial = pickOrUndefined(random, lists.eyeMaterials);
  return {
    gender: male ? 'male' : 'female',
    macro: {
      ...MACRO_DEFAULTS,
      gender: male ? 1 : 0,
      age,
      muscle,
      weight,
      height: Math.min(1, heightCm / 200),
      breastSize,
      breastFirmness,
      african: race[0] / total,
      asian: race[1] / total,
      caucasian: race[2] / total,
    },
    heightCm,
    ...(hair ? { hair } : {}),
    ...(beard ? { beard } : {}),
    ...(shoes ? { shoes } : {}),
    skin,
    ...(eyebrows ? { eyebrows } : {}),
    ...(eyeMaterial ? { eyeMaterial } : {}),
  };
}
