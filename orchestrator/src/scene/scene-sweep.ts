/**
 * Parameter sweeps: a spec's `sweep` expands into concrete variants (camera height/angle,
 * lighting, crowd density, ...). Each variant is the base spec with the swept values set by
 * path and re-validated, keeps the base seed (so only the swept parameters change), and is
 * named `<name>-s<index>`.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { parseSceneSpec } from './scene-spec.js';
import type { SceneSpec } from './scene-spec.js';

export interface SceneVariant {
  /** `<name>` without a sweep, else `<name>-s00`, `<name>-s01`, ... */
  id: string;
  /** The swept values of this variant, by path. */
  values: Record<string, unknown>;
  spec: SceneSpec;
}

function setPath(target: unknown, parts: string[], value: unknown, fullPath: string): number {
  if (parts.length === 0) return 0;
  const [head, ...rest] = parts;
  if (head === '*') {
    if (!Array.isArray(target)) throw sweepError(fullPath, '"*" must match a list');
    let count = 0;
    for (let i = 0; i < target.length; i++) {
      if (rest.length === 0) {
        target[i] = structuredClone(value);
        count++;
      } else count += setPath(target[i], rest, value, fullPath);
    }
    return count;
  }
  if (typeof target !== 'object' || target === null) throw sweepError(fullPath, `cannot descend into ${JSON.stringify(head)}`);
  const container = target as Record<string, unknown>;
  if (Array.isArray(target)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= target.length) throw sweepError(fullPath, `index ${head} is out of range`);
  }
  if (rest.length === 0) {
    container[head] = structuredClone(value);
    return 1;
  }
  if (container[head] === undefined) container[head] = {};
  return setPath(container[head], rest, value, fullPath);
}

function sweepError(path: string, message: string): ClonedPersonError {
  return new ClonedPersonError('E_SCENE_INVALID', `sweep path ${path}: ${message}`, { details: { path } });
}

/** Expands `spec.sweep` (grid or zip) into validated variants; a spec without a sweep is one variant. */
export function expandSceneSweep(spec: SceneSpec): SceneVariant[] {
  const { sweep, baseDir, ...base } = spec;
  if (!sweep) return [{ id: spec.name, values: {}, spec }];
  const combos: Record<string, unknown>[] = [];
  if (sweep.mode === 'zip') {
    for (let i = 0; i < sweep.parameters[0].values.length; i++) {
      combos.push(Object.fromEntries(sweep.parameters.map((p) => [p.path, p.values[i]])));
    }
  } else {
    let partial: Record<string, unknown>[] = [{}];
    for (const p of sweep.parameters) partial = partial.flatMap((c) => p.values.map((v) => ({ ...c, [p.path]: v })));
    combos.push(...partial);
  }
  if (combos.length > 10000) throw sweepError('(all)', `expands to ${combos.length} variants; keep it under 10000`);
  const width = String(combos.length - 1).length;
  return combos.map((values, i) => {
    const raw = structuredClone(base) as Record<string, unknown>;
    for (const [path, value] of Object.entries(values)) {
      if (setPath(raw, path.split('.'), value, path) === 0) throw sweepError(path, 'matches nothing');
    }
    const id = `${spec.name}-s${String(i).padStart(Math.max(2, width), '0')}`;
    const variant = parseSceneSpec(raw, `${spec.name} (sweep variant ${id})`);
    return { id, values, spec: { ...variant, ...(baseDir === undefined ? {} : { baseDir }) } };
  });
}
