/**
 * Which templates dress an outfit. A top + bottom pair is dressed either by one one-piece suit
 * template or by one template each; like the authors' generator, each suit template and each
 * separate pairing (as many as the smaller of the two separate lists) is one equally likely
 * option. Templates with consistency problems are never chosen automatically; a garment can pin
 * a template by id.
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { Random } from '../shared/random.js';
import type { GarmentCatalog } from './catalog.js';
import { DEEPFASHION2_CATEGORIES, garmentRole } from '../contracts/garment-categories.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';

export interface TemplateAssignment {
  template: GarmentTemplate;
  /** Outfit garment indices in the template's category order. */
  garments: number[];
}

export interface GarmentChoiceInput {
  category: GarmentCategory;
  template?: string;
}

function label(category: GarmentCategory): string {
  return `${category} (${DEEPFASHION2_CATEGORIES[category]})`;
}

function sameCategories(template: GarmentTemplate, categories: readonly GarmentCategory[]): boolean {
  return template.categories.length === categories.length && template.categories.every((c, i) => c === categories[i]);
}

/** Assigns templates to every garment of an outfit (each garment exactly once). */
export function chooseTemplates(garments: readonly GarmentChoiceInput[], catalog: GarmentCatalog, random: Random): TemplateAssignment[] {
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

  const free = garments.map((g, i) => ({ ...g, index: i })).filter((g) => !assigned.has(g.index));
  const top = free.find((g) => garmentRole(g.category) === 'top');
  const bottom = free.find((g) => garmentRole(g.category) === 'bottom');
  if (top && bottom) {
    const suits = usable.filter((t) => sameCategories(t, [top.category, bottom.category]));
    const tops = usable.filter((t) => sameCategories(t, [top.category]));
    const bottoms = usable.filter((t) => sameCategories(t, [bottom.category]));
    const pairings = tops.length > 0 && bottoms.length > 0 ? Math.min(tops.length, bottoms.length) : 0;
    if (suits.length + pairings === 0) throw noTemplate([top.category, bottom.category], catalog);
    if (random.int(suits.length + pairings) < suits.length) {
      assignments.push({ template: random.pick(suits), garments: [top.index, bottom.index] });
    } else {
      assignments.push({ template: random.pick(tops), garments: [top.index] });
      assignments.push({ template: random.pick(bottoms), garments: [bottom.index] });
    }
    assigned.add(top.index).add(bottom.index);
  }
  for (const garment of free) {
    if (assigned.has(garment.index)) continue;
    const candidates = usable.filter((t) => sameCategories(t, [garment.category]));
    if (candidates.length === 0) throw noTemplate([garment.category], catalog);
    assignments.push({ template: random.pick(candidates), garments: [garment.index] });
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
