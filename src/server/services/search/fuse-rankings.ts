// Reciprocal rank fusion (docs/api.md#s3-8, docs/honcho-differences.md#hybrid-retrieval): every leg is a ranked list of ids; an id scores Σ w / (60 + rank)
// over the legs that found it (rank 1-based). Ties go to the more recent row, then to the id, so equal scores order
// the same way on every run and on both vector storages.

export const RRF_K = 60;

export type RankedLeg = { ids: readonly string[]; weight?: number };
export type FusedHit = { id: string; score: number };

export function fuseRankings(legs: readonly RankedLeg[], recency: (id: string) => number): FusedHit[] {
  const scores = new Map<string, number>();
  for (const leg of legs) {
    const weight = leg.weight ?? 1;
    const seen = new Set<string>();
    leg.ids.forEach((id, index) => {
      if (seen.has(id)) return;
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + index + 1));
    });
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || recency(b.id) - recency(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
