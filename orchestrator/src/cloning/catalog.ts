/**
 * Garment catalogs: the templates the cloning stage may choose from. A catalog is a folder of
 * JSON templates (each file one template or an array of them), one such JSON file, or the
 * authors' model.csv. `createCatalog` and the parsers do no I/O; `loadCatalog` reads the files
 * through a {@link FileStore}.
 */
import path from 'node:path';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
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

/** The catalog shipped with the package (templates for the CC0 MakeHuman clothes). */
export function bundledCatalogPath(): string {
  return path.join(packageInfo().root, 'orchestrator', 'data', 'garments');
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
function parseCatalogJson(text: string, where: string): GarmentTemplate[] {
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
export async function loadCatalog(location: string, files: FileStore = nodeFileStore): Promise<GarmentCatalog> {
  if (!(await files.exists(location))) throw new ClonedPersonError('E_INPUT_MISSING', `catalog not found: ${location}`, { details: { file: location } });
  if (await files.isDirectory(location)) {
    const names = (await files.list(location)).filter((entry) => entry.kind === 'file' && entry.name.endsWith('.json')).map((entry) => entry.name);
    if (names.length === 0) throw new ClonedPersonError('E_CATALOG_INVALID', `${location}: no .json templates in this folder`);
    const templates: GarmentTemplate[] = [];
    for (const name of names) {
      const full = path.join(location, name);
      templates.push(...parseCatalogJson(await files.readText(full), full));
    }
    return createCatalog(templates, location);
  }
  const text = await files.readText(location);
  const templates = location.toLowerCase().endsWith('.csv') ? parseModelCsv(text, location) : parseCatalogJson(text, location);
  return createCatalog(templates, location);
}
