/**
 * Which templates dress an outfit. A top + bottom pair is dressed either by one one-piece suit
 * template or by one template each; like the authors' generator, each suit template and each
 * separate pairing (as many as the smaller of the two separate lists) is one equally likely
 * option. Templates with consistency problems are never chosen automatically; a garment can pin
 * a template by id.
 *
 * A garment the catalog has no template of its category for is dressed by the nearest templates
 * (category-substitutes.ts: a vest by a short-sleeve top, a dress by a top + skirt suit, ...): of
 * all ways to dress the outfit, those of the lowest total cost are the options, with the same
 * odds. When exact templates exist, the choice (and the random draws) are the authors'.
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { Random } from '../shared/random.js';
import type { GarmentCatalog } from './catalog.js';
import { categoriesOfRole, CLOTH_ONLY_COST, dressSplits, reachable } from './category-substitutes.js';
import type { Reach } from './category-substitutes.js';
import type { Carry } from './garment-substitution.js';
import { DEEPFASHION2_CATEGORIES, garmentRole } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';

export interface TemplateAssignment {
  template: GarmentTemplate;
  /** Outfit garment indices in the template's category order. */
  garments: number[];
  /**
   * How each template garment is made from its outfit garment, when some garment is dressed by a
   * template of another category (absent when every category matches).
   */
  carries?: Carry[];
}

export interface GarmentChoiceInput {
  category: GarmentCategory;
  template?: string;
}

export interface ChooseTemplatesOptions {
  /** Dress garments without a template of their category by the nearest ones (default true). */
  nearest?: boolean;
}

/** One way to dress free garments: template categories, the outfit garment of each, the cost. */
interface Dressing {
  cost: number;
  categories: GarmentCategory[];
  sources: number[];
  carries: Carry[];
}

function label(category: GarmentCategory): string {
  return `${category} (${DEEPFASHION2_CATEGORIES[category]})`;
}

function sameCategories(template: GarmentTemplate, categories: readonly GarmentCategory[]): boolean {
  return template.categories.length === categories.length && template.categories.every((c, i) => c === categories[i]);
}

function exactReach(category: GarmentCategory): Reach[] {
  return [{ category, cost: 0, links: [] }];
}

/** The ways to dress a top and a bottom (each carried to the categories it reaches). */
function pairDressings(top: FreeGarment, bottom: FreeGarment, reach: (c: GarmentCategory) => Reach[]): Dressing[] {
  const out: Dressing[] = [];
  for (const t of reach(top.category)) {
    for (const b of reach(bottom.category)) {
      out.push({ cost: t.cost + b.cost, categories: [t.category, b.category], sources: [top.index, bottom.index], carries: [carryOf(t), carryOf(b)] });
    }
  }
  return out;
}

/** The ways to dress one garment on its own; `alone` allows suits whose other half takes its cloth. */
function singleDressings(garment: FreeGarment, alone: boolean, nearest: boolean): Dressing[] {
  const reach = nearest ? reachable(garment.category) : exactReach(garment.category);
  const out: Dressing[] = reach.map((r) => ({ cost: r.cost, categories: [r.category], sources: [garment.index], carries: [carryOf(r)] }));
  if (!nearest || !alone) return out;
  const role = garmentRole(garment.category);
  if (role === 'dress') {
    for (const split of dressSplits(garment.category)) {
      out.push({ cost: split.cost, categories: [split.top.category, split.bottom.category], sources: [garment.index, garment.index], carries: [carryOf(split.top), carryOf(split.bottom)] });
    }
    return out;
  }
  const others = categoriesOfRole(role === 'top' ? 'bottom' : 'top');
  for (const r of reach) {
    for (const other of others) {
      const cloth: Carry = { category: other, links: [], clothOnly: true };
      const own = carryOf(r);
      out.push({
        cost: r.cost + CLOTH_ONLY_COST,
        categories: role === 'top' ? [r.category, other] : [other, r.category],
        sources: [garment.index, garment.index],
        carries: role === 'top' ? [own, cloth] : [cloth, own],
      });
    }
  }
  return out;
}

function carryOf(reach: Reach): Carry {
  return { category: reach.category, links: reach.links };
}

interface FreeGarment extends GarmentChoiceInput {
  index: number;
}

/** Whether a dressing uses each garment as it is (no carry needed). */
function isExact(dressing: Dressing, garments: readonly GarmentChoiceInput[]): boolean {
  return dressing.carries.every((c, i) => !c.clothOnly && c.links.length === 0 && garments[dressing.sources[i]].category === c.category);
}

/**
 * Picks among the cheapest dressings that the catalog has templates for, with the authors' odds
 * (each suit or single template one option, each pairing group min(tops, bottoms) options).
 * Undefined when no dressing has a template.
 */
function pickDressing(dressings: readonly Dressing[], usable: readonly GarmentTemplate[], garments: readonly GarmentChoiceInput[], random: Random): TemplateAssignment[] | undefined {
  const templatesOf = (categories: readonly GarmentCategory[]): GarmentTemplate[] => usable.filter((t) => sameCategories(t, categories));
  const pairingsOf = (d: Dressing): number => {
    if (d.categories.length < 2) return 0;
    const tops = templatesOf([d.categories[0]]).length;
    const bottoms = templatesOf([d.categories[1]]).length;
    return tops > 0 && bottoms > 0 ? Math.min(tops, bottoms) : 0;
  };
  const optionsOf = (d: Dressing): number => templatesOf(d.categories).length + pairingsOf(d);
  const possible = dressings.filter((d) => optionsOf(d) > 0);
  if (possible.length === 0) return undefined;
  const cost = Math.min(...possible.map((d) => d.cost));
  const best = possible.filter((d) => d.cost === cost);
  const assign = (d: Dressing, template: GarmentTemplate, slots: number[]): TemplateAssignment => {
    const assignment: TemplateAssignment = { template, garments: slots.map((s) => d.sources[s]) };
    return isExact(d, garments) ? assignment : { ...assignment, carries: slots.map((s) => d.carries[s]) };
  };
  const whole = best.flatMap((d) => templatesOf(d.categories).map((template) => ({ d, template })));
  const pairings = best.map((d) => ({ d, count: pairingsOf(d) })).filter((p) => p.count > 0);
  const pairingCount = pairings.reduce((sum, p) => sum + p.count, 0);
  const slotsOf = (d: Dressing): number[] => d.categories.map((_, i) => i);
  // one draw among single templates, as the authors' generator does for a lone garment
  if (best.every((d) => d.categories.length === 1)) {
    const { d, template } = random.pick(whole);
    return [assign(d, template, slotsOf(d))];
  }
  let r = random.int(whole.length + pairingCount);
  if (r < whole.length) {
    const { d, template } = random.pick(whole);
    return [assign(d, template, slotsOf(d))];
  }
  r -= whole.length;
  const group = pairings.find((p) => (r -= p.count) < 0)!.d;
  return [assign(group, random.pick(templatesOf([group.categories[0]])), [0]), assign(group, random.pick(templatesOf([group.categories[1]])), [1])];
}

/** Assigns templates to every garment of an outfit (each garment exactly once). */
export function chooseTemplates(garments: readonly GarmentChoiceInput[], catalog: GarmentCatalog, random: Random, options: ChooseTemplatesOptions = {}): TemplateAssignment[] {
  const nearest = options.nearest ?? true;
  const assignments: TemplateAssignment[] = [];
  const assigned = new Set<number>();
  const usable = catalog.templates.filter((t) => !catalog.problems.has(t.id));

  // pinned templates first
  garments.forEach((garment, index) => {
    if (garment.template === undefined || assigned.has(index)) return;
    const template = catalog.templates.find((t) => t.id === garment.template);
    if (!template) throw new ClonedPersonError('E_NO_TEMPLATE', `template ${garment.template} is not in the catalog ${catalog.source}`);
    const problems = catalog.problems.get(template.id);
    if (problems) {
      throw new ClonedPersonError('E_TEMPLATE_GROUPS', `template ${template.id}: ${problems.join('; ')}`, {
        details: { template: template.id, problems },
      });
    }
    const indices = template.categories.map((category) =>
      garments.findIndex((g, i) => !assigned.has(i) && g.category === category && (i === index || g.template === undefined || g.template === template.id)),
    );
    if (indices.some((i) => i < 0) || !indices.includes(index)) {
      throw new ClonedPersonError(
        'E_NO_TEMPLATE',
        `template ${template.id} dresses ${template.categories.map(label).join(' + ')}, which this outfit does not match`,
      );
    }
    indices.forEach((i) => assigned.add(i));
    assignments.push({ template, garments: indices });
  });

  const free: FreeGarment[] = garments.map((g, i) => ({ ...g, index: i })).filter((g) => !assigned.has(g.index));
  const top = free.find((g) => garmentRole(g.category) === 'top');
  const bottom = free.find((g) => garmentRole(g.category) === 'bottom');
  if (top && bottom) {
    const chosen = pickDressing(pairDressings(top, bottom, nearest ? reachable : exactReach), usable, garments, random);
    if (!chosen) throw noTemplate([top.category, bottom.category], catalog);
    assignments.push(...chosen);
    assigned.add(top.index).add(bottom.index);
  }
  for (const garment of free) {
    if (assigned.has(garment.index)) continue;
    const chosen = pickDressing(singleDressings(garment, garments.length === 1, nearest), usable, garments, random);
    if (!chosen) throw noTemplate([garment.category], catalog);
    assignments.push(...chosen);
    assigned.add(garment.index);
  }
  return assignments;
}

function noTemplate(categories: GarmentCategory[], catalog: GarmentCatalog): ClonedPersonError {
  const excluded = catalog.templates.filter((t) => catalog.problems.has(t.id) && t.categories.some((c) => categories.includes(c)));
  const note = excluded.length > 0 ? ` (${excluded.length} template(s) excluded for inconsistent groups: ${excluded.map((t) => t.id).join(', ')})` : '';
  return new ClonedPersonError(
    'E_NO_TEMPLATE',
    `no usable template in ${catalog.source} dresses ${categories.map(label).join(' + ')}${note}`,
    { details: { categories } },
  );
}
