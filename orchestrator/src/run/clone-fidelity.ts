/**
 * Clone fidelity: do the characters look like the people they were cloned from? Each rendered
 * crop of a character is a query against all the run's source photos (one per character); the
 * query is right at rank 1 when its own character's photo is the nearest. A random ranking is
 * right 1 / (number of photos) of the time, which is the chance level the result is read
 * against. Pure: features in, numbers out (distances are cosine on unit features).
 */
import type { FidelityCharacter, FidelityRecord } from '../contracts/run-manifest.js';

export interface FidelityQuery {
  characterId: string;
  feature: Float32Array;
}

export interface FidelityPhoto {
  characterId: string;
  identity: number;
  image: string;
  feature: Float32Array;
}

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return 1 - dot / (Math.sqrt(na * nb) || 1);
}

/**
 * 1-based rank of gallery item `own` for `query`: one plus the items strictly nearer, plus the
 * equally near ones listed before it (ties in gallery order, like a stable sort).
 */
export function rankOf(query: Float32Array, gallery: readonly Float32Array[], own: number): number {
  const d = gallery.map((g) => cosineDistance(query, g));
  let rank = 1;
  for (let i = 0; i < d.length; i++) if (d[i] < d[own] || (d[i] === d[own] && i < own)) rank++;
  return rank;
}

function meanFeature(features: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(features[0].length);
  for (const f of features) for (let i = 0; i < f.length; i++) out[i] += f[i] / features.length;
  return out;
}

/** The fidelity of a run: rank-1 and rank-5 over all queries, per character, and chance. */
export function cloneFidelity(queries: readonly FidelityQuery[], photos: readonly FidelityPhoto[], descriptor: string): FidelityRecord {
  const gallery = photos.map((p) => p.feature);
  const index = new Map(photos.map((p, i) => [p.characterId, i]));
  const ranks = queries.flatMap((q) => {
    const own = index.get(q.characterId);
    return own === undefined ? [] : [{ characterId: q.characterId, rank: rankOf(q.feature, gallery, own) }];
  });
  const share = (list: readonly { rank: number }[], k: number): number => (list.length === 0 ? 0 : list.filter((r) => r.rank <= k).length / list.length);
  const characters: FidelityCharacter[] = [];
  for (const [i, photo] of photos.entries()) {
    const own = ranks.filter((r) => r.characterId === photo.characterId);
    const features = queries.filter((q) => q.characterId === photo.characterId).map((q) => q.feature);
    if (features.length === 0) continue;
    characters.push({
      characterId: photo.characterId,
      identity: photo.identity,
      image: photo.image,
      queries: own.length,
      rank1: share(own, 1),
      meanFeatureRank: rankOf(meanFeature(features), gallery, i),
    });
  }
  return {
    descriptor,
    queries: ranks.length,
    gallery: photos.length,
    rank1: share(ranks, 1),
    rank5: share(ranks, 5),
    chance: photos.length === 0 ? 0 : 1 / photos.length,
    characterRank1: characters.length === 0 ? 0 : characters.reduce((s, c) => s + c.rank1, 0) / characters.length,
    characters,
  };
}
