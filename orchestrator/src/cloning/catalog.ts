/**
 * Garment catalogs: the templates the cloning stage may choose from. A catalog is a folder of
 * JSON templates (each file one template or an array of them), one such JSON file, or the
 * authors' model.csv. `parseCatalog*` do no I/O; `loadCatalog` reads the files.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import { readFileOrThrow } from '../shared/files.js';
import { parseGarmentTemplate, templateProblems } from '../contracts/garment-template.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';
import { parseModelCsv } from './model-csv.js';

export interface GarmentCatalog {
  templates: GarmentTemplate[];
  /** Templates that loaded but cannot be used for a registered mapping, with the reasons. */
  problems: Map<string, string[]>;
  /** Where the catalog came from (for records). */
  source: string;
}

/** Builds a catalog from parsed templates: ids must be unique; consistency problems are collected. */
export function createCatalog(templates: GarmentTemplate[], source: string): GarmentCatalog {
  const seen = new Set<string>();
  const problems = new Map<string, string[]>();
  for (const template of templates) {
    if (seen.has(template.id)) {
      throw new ClonedPersonError('E_CATALOG_INVALID', `${source}: template id ${template.id} appears twice`, {
        details: { id: template.id },
      });
    }
    seen.add(template.id);
    const found = templateProblems(template);
    if (found.length > 0) problems.set(template.id, found);
  }
  return { templates, problems, source };
}

/** Parses JSON text holding one template or an array of them. */
export function parseCatalogJson(text: string, where: string): GarmentTemplate[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ClonedPersonError('E_CATALOG_INVALID', `${where}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  return Array.isArray(value)
    ? value.map((item, i) => parseGarmentTemplate(item, `${where}[${i}]`))
    : [parseGarmentTemplate(value, where)];
}

/** Loads a catalog from a folder of JSON files, a JSON file, or a model.csv file. */
export async function loadCatalog(location: string): Promise<GarmentCatalog> {
  let info;
  try {
    info = await stat(location);
  } catch (cause) {
    throw new ClonedPersonError('E_INPUT_MISSING', `catalog not found: ${location}`, { cause, details: { file: location } });
  }
  if (info.isDirectory()) {
    const files = (await readdir(location)).filter((f) => f.endsWith('.json')).sort();
    if (files.length === 0) throw new ClonedPersonError('E_CATALOG_INVALID', `${location}: no .json templates in this folder`);
    const templates: GarmentTemplate[] = [];
    for (const file of files) {
      const full = path.join(location, file);
      templates.push(...parseCatalogJson((await readFileOrThrow(full)).toString('utf8'), full));
    }
    return createCatalog(templates, location);
  }
  const text = (await readFileOrThrow(location)).toString('utf8');
  const templates = location.toLowerCase().endsWith('.csv') ? parseModelCsv(text, location) : parseCatalogJson(text, location);
  return createCatalog(templates, location);
}
