/**
 * A run config as YAML with every field's description (from the config contract's doc comments,
 * via the generated schema) as a comment above it: what `clonedperson config --defaults` prints,
 * a file users can copy and edit.
 */
import YAML from 'yaml';
import type { Pair, Scalar, YAMLMap } from 'yaml';
import { CONTRACT_SCHEMA } from '../contracts/schemas.generated.js';
import type { JsonSchema } from '../../../protocol/src/json-schema.js';

function definition(node: JsonSchema | undefined): JsonSchema | undefined {
  const ref = node?.$ref?.replace('#/definitions/', '');
  return ref ? CONTRACT_SCHEMA.definitions?.[ref] : node;
}

function comment(map: YAMLMap, schema: JsonSchema | undefined): void {
  for (const item of map.items as Pair<Scalar, unknown>[]) {
    const property = schema?.properties?.[String(item.key.value)];
    const description = property?.description ?? definition(property)?.description;
    if (description) item.key.commentBefore = description.split('\n').map((line) => ` ${line}`).join('\n');
    if (YAML.isMap(item.value)) comment(item.value, definition(property));
  }
}

/** YAML text of `config` with the field descriptions as comments and `header` on top. */
export function formatRunConfig(config: unknown, header: string): string {
  const doc = new YAML.Document(config);
  if (YAML.isMap(doc.contents)) comment(doc.contents, CONTRACT_SCHEMA.definitions?.RunConfig);
  doc.commentBefore = header.split('\n').map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
