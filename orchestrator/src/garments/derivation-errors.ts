/** The derivation's one failure: a landmark it cannot find on a garment (a hand correction fixes it). */
import { ClonedPersonError } from '../shared/errors.js';

export function cannotLocate(model: string, what: string): ClonedPersonError {
  return new ClonedPersonError('E_ASSET_INVALID', `characters: ${model}: cannot locate ${what} on the fitted garment; add a correction`, {
    details: { model, landmark: what },
  });
}

/** The items with the smallest and the largest key (the first of equals); `what` names them in the error when empty. */
export function extremeBy<T>(items: readonly T[], key: (t: T) => number, model: string, what = 'a landmark ring'): [T, T] {
  if (items.length === 0) throw cannotLocate(model, what);
  let lo = items[0];
  let hi = items[0];
  for (const it of items) {
    if (key(it) < key(lo)) lo = it;
    if (key(it) > key(hi)) hi = it;
  }
  return [lo, hi];
}
