/**
 * MakeHuman macro modifiers: how the body sliders (gender, age, muscle, weight, height, body
 * proportions, breast size and firmness, African/Asian/Caucasian) become weights of the
 * `targets/macrodetails/**` (and `targets/breast/**`) morph targets. Rules follow MakeHuman 1.1
 * (apps/human.py, apps/humanmodifier.py, lib/targets.py):
 *
 * 1. Target naming (targets.py). A target's path relative to the data root is split into
 *    atoms: every folder and the file name (without `.target`) is split on `-`, `_` and `.`;
 *    a leading `targets` folder is dropped and the atom `target` is ignored. An atom that is
 *    a value of a macro category below is a *variable* of the target; any other atom joins its
 *    *group key*. `targets/macrodetails/universal-female-young-averagemuscle-averageweight.target`
 *    has group `macrodetails-universal` and variables female, young, averagemuscle, averageweight.
 *    Categories and values: gender {male, female}; age {baby, child, young, old}; race
 *    {caucasian, asian, african}; muscle {minmuscle, averagemuscle, maxmuscle}; weight
 *    {minweight, averageweight, maxweight}; height {minheight, averageheight, maxheight};
 *    breastsize {mincup, averagecup, maxcup}; breastfirmness {minfirmness, averagefirmness,
 *    maxfirmness}; bodyproportion {uncommonproportions, regularproportions, idealproportions}.
 *
 * 2. Variable values (human.py `_set*Vals`), from slider values in [0, 1]:
 *    - gender g: male = g, female = 1 - g.
 *    - age a: for a < 0.5: old = 0, baby = max(0, 1 - 5.333 a), young = max(0, (a - 0.1875) 3.2),
 *      child = max(0, min(1, 5.333 a) - young); for a >= 0.5: baby = child = 0,
 *      old = max(0, 2a - 1), young = 1 - old. (a = 0.1875 is 10 years, 0.5 is 25, 1 is 90.)
 *    - muscle and weight x: max = max(0, 2x - 1), min = max(0, 1 - 2x), average = 1 - max - min.
 *    - height, breast size, breast firmness, body proportions x: max (maxheight, maxcup,
 *      maxfirmness, idealproportions) = max(0, 2x - 1), min (minheight, mincup, minfirmness,
 *      uncommonproportions) = max(0, 1 - 2x), average (averageheight, averagecup,
 *      averagefirmness, regularproportions) = 1 - max if max > min else 1 - min.
 *    - race: african, asian, caucasian as given, rescaled to sum to 1 (human.syncRace; all
 *      three 1/3 when the sum is 0).
 *
 * 3. Target weights (humanmodifier.py MacroModifier + getTargetWeights). Every target of a
 *    macro modifier group (groups `macrodetails`, `macrodetails-universal`, `macrodetails-height`,
 *    `macrodetails-proportions`, `breast`) gets weight = product of its variables' values (the
 *    group factor is 1). Targets with weight 0 are not applied. All macro modifiers of a group
 *    set the same targets, so the result does not depend on which slider moved last.
 *
 * The body is then base + sum(weight x target) over all vertices, helpers and joint cubes
 * included (algos3d.loadTranslationTarget).
 */
import { checkNumberInRange } from '../shared/check.js';

/** Macro slider values, each in [0, 1] (MakeHuman's modifier values). */
export interface MacroValues {
  /** 0 female .. 1 male. */
  gender: number;
  /** 0 = 1 year, 0.1875 = 10, 0.5 = 25, 1 = 90 years. */
  age: number;
  muscle: number;
  weight: number;
  height: number;
  bodyProportions: number;
  breastSize: number;
  breastFirmness: number;
  african: number;
  asian: number;
  caucasian: number;
}

/** MakeHuman's defaults for a new human. */
export const MACRO_DEFAULTS: Readonly<MacroValues> = {
  gender: 0.5,
  age: 0.5,
  muscle: 0.5,
  weight: 0.5,
  height: 0.5,
  bodyProportions: 0.5,
  breastSize: 0.5,
  breastFirmness: 0.5,
  african: 1 / 3,
  asian: 1 / 3,
  caucasian: 1 / 3,
};

/** The `.mhm` modifier name of each macro value (`modifier <name> <value>` lines). */
export const MACRO_MODIFIER_NAMES: Readonly<Record<keyof MacroValues, string>> = {
  gender: 'macrodetails/Gender',
  age: 'macrodetails/Age',
  african: 'macrodetails/African',
  asian: 'macrodetails/Asian',
  caucasian: 'macrodetails/Caucasian',
  muscle: 'macrodetails-universal/Muscle',
  weight: 'macrodetails-universal/Weight',
  height: 'macrodetails-height/Height',
  bodyProportions: 'macrodetails-proportions/BodyProportions',
  breastSize: 'breast/BreastSize',
  breastFirmness: 'breast/BreastFirmness',
};

/** The modifier groups whose targets macro values drive. */
export const MACRO_GROUPS: readonly string[] = [
  'macrodetails',
  'macrodetails-universal',
  'macrodetails-height',
  'macrodetails-proportions',
  'breast',
];

const CATEGORY_VALUES: Readonly<Record<string, readonly string[]>> = {
  gender: ['male', 'female'],
  age: ['baby', 'child', 'young', 'old'],
  race: ['caucasian', 'asian', 'african'],
  muscle: ['maxmuscle', 'averagemuscle', 'minmuscle'],
  weight: ['minweight', 'averageweight', 'maxweight'],
  height: ['minheight', 'averageheight', 'maxheight'],
  breastsize: ['mincup', 'averagecup', 'maxcup'],
  breastfirmness: ['minfirmness', 'averagefirmness', 'maxfirmness'],
  bodyproportion: ['uncommonproportions', 'regularproportions', 'idealproportions'],
};

const VALUE_CATEGORY = new Map<string, string>(
  Object.entries(CATEGORY_VALUES).flatMap(([category, values]) => values.map((v) => [v, category] as [string, string])),
);

/** A target file classified by MakeHuman's naming rules. */
export interface TargetComponent {
  /** Path relative to the data root, `/`-separated, ending in `.target`. */
  path: string;
  /** Group key, e.g. `macrodetails-universal`. */
  group: string;
  /** Category values the weight depends on, e.g. ['female', 'young', ...]. */
  variables: string[];
}

/** Classifies a target path (relative to the data root) by MakeHuman's naming rules. */
export function classifyTarget(path: string): TargetComponent {
  const normalized = path.replace(/\\/g, '/');
  const parts = normalized.replace(/\.target$/i, '').split('/');
  const key: string[] = [];
  const variables: string[] = [];
  parts.forEach((part, partIndex) => {
    const atoms = part.replace(/_/g, '-').replace(/\./g, '-').split('-');
    atoms.forEach((atom, atomIndex) => {
      if (partIndex === 0 && atomIndex === 0 && atom === 'targets') return;
      if (atom === 'target' || atom === '') return;
      if (VALUE_CATEGORY.has(atom)) variables.push(atom);
      else key.push(atom);
    });
  });
  return { path: normalized, group: key.join('-'), variables };
}

/** Checks slider values (all in [0, 1]) and fills gaps with MakeHuman's defaults. */
export function checkMacroValues(values: Partial<MacroValues>, name = 'macro'): MacroValues {
  const out = { ...MACRO_DEFAULTS, ...values };
  for (const key of Object.keys(MACRO_DEFAULTS) as (keyof MacroValues)[]) {
    checkNumberInRange(out[key], `${name}.${key}`, 0, 1);
  }
  return out;
}

/** The three race values rescaled to sum to 1 (1/3 each when all are 0), as MakeHuman's syncRace. */
export function normalizeEthnic(values: MacroValues): MacroValues {
  const total = values.african + values.asian + values.caucasian;
  if (total < 1e-6) return { ...values, african: 1 / 3, asian: 1 / 3, caucasian: 1 / 3 };
  return { ...values, african: values.african / total, asian: values.asian / total, caucasian: values.caucasian / total };
}

function threeWay(x: number, names: [string, string, string], symmetricAverage: boolean): Record<string, number> {
  const max = Math.max(0, x * 2 - 1);
  const min = Math.max(0, 1 - x * 2);
  const average = symmetricAverage ? (max > min ? 1 - max : 1 - min) : 1 - (max + min);
  return { [names[0]]: min, [names[1]]: average, [names[2]]: max };
}

/** Every category value's weight for the given sliders (rule 2 of the module doc). */
export function macroVariables(values: MacroValues): Record<string, number> {
  const v = normalizeEthnic(values);
  const a = v.age;
  let baby: number;
  let child: number;
  let young: number;
  let old: number;
  if (a < 0.5) {
    old = 0;
    baby = Math.max(0, 1 - a * 5.333);
    young = Math.max(0, (a - 0.1875) * 3.2);
    child = Math.max(0, Math.min(1, 5.333 * a) - young);
  } else {
    child = 0;
    baby = 0;
    old = Math.max(0, a * 2 - 1);
    young = 1 - old;
  }
  return {
    male: v.gender,
    female: 1 - v.gender,
    baby,
    child,
    young,
    old,
    african: v.african,
    asian: v.asian,
    caucasian: v.caucasian,
    ...threeWay(v.muscle, ['minmuscle', 'averagemuscle', 'maxmuscle'], false),
    ...threeWay(v.weight, ['minweight', 'averageweight', 'maxweight'], false),
    ...threeWay(v.height, ['minheight', 'averageheight', 'maxheight'], true),
    ...threeWay(v.breastSize, ['mincup', 'averagecup', 'maxcup'], true),
    ...threeWay(v.breastFirmness, ['minfirmness', 'averagefirmness', 'maxfirmness'], true),
    ...threeWay(v.bodyProportions, ['uncommonproportions', 'regularproportions', 'idealproportions'], true),
  };
}

export interface WeightedTarget {
  path: string;
  weight: number;
}

/**
 * The non-zero weights of the macro targets among `components` (rule 3), in the order given.
 * `groups` limits which groups count as macro groups (default {@link MACRO_GROUPS}).
 */
export function macroTargetWeights(
  components: readonly TargetComponent[],
  values: MacroValues,
  groups: readonly string[] = MACRO_GROUPS,
): WeightedTarget[] {
  const variables = macroVariables(values);
  const groupSet = new Set(groups);
  const result: WeightedTarget[] = [];
  for (const component of components) {
    if (!groupSet.has(component.group)) continue;
    let weight = 1;
    for (const name of component.variables) weight *= variables[name];
    if (weight !== 0) result.push({ path: component.path, weight });
  }
  return result;
}

/** MakeHuman's age in years for the age slider (1 year at 0, 25 at 0.5, 90 at 1). */
export function ageYears(age: number): number {
  return age < 0.5 ? 1 + (25 - 1) * 2 * age : 25 + (90 - 25) * 2 * (age - 0.5);
}

/** 'male' / 'female' for the extreme gender values, 'mixed' otherwise. */
export function genderLabel(gender: number): 'male' | 'female' | 'mixed' {
  return gender >= 1 ? 'male' : gender <= 0 ? 'female' : 'mixed';
}
