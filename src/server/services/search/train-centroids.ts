// Spherical k-means for the inverted-file lists of the vector fallback (docs/vector-search.md): centroids are unit
// vectors, a vector belongs to the centroid with the largest dot product (the smallest cosine distance). Pure
// computation on flat Float32Arrays; it yields to the event loop every few milliseconds so a worker that trains a
// large workspace keeps serving its other work, and it stops at a CPU budget (the centroids of the last finished
// iteration are kept: k-means improves monotonically, so an early stop is a coarser partition, never a wrong one).

/** Vectors stored row after row: row i is values[i*dimensions … (i+1)*dimensions). */
export type VectorBlock = { values: Float32Array; dimensions: number; count: number };

export type TrainOptions = {
  lists: number;
  iterations: number;
  /** Wall-clock milliseconds of computation (excluding yields) after which training stops at the end of an iteration. */
  budgetMs: number;
  seed?: number;
  /** Called between slices of work; defaults to yielding to the event loop. */
  pause?: () => Promise<void>;
};

const SLICE_MS = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function normaliseRows(block: VectorBlock): void {
  const { values, dimensions, count } = block;
  for (let i = 0; i < count; i += 1) {
    let norm = 0;
    for (let k = i * dimensions; k < (i + 1) * dimensions; k += 1) norm += values[k]! * values[k]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let k = i * dimensions; k < (i + 1) * dimensions; k += 1) values[k]! *= scale;
  }
}

/** The index of the centroid nearest to row `row` of `vectors` (largest dot product; ties go to the lower index). */
export function nearestCentroid(centroids: VectorBlock, vector: Float32Array | readonly number[], offset = 0): number {
  const { values, dimensions, count } = centroids;
  let best = 0;
  let bestDot = -Infinity;
  for (let c = 0; c < count; c += 1) {
    let dot = 0;
    const base = c * dimensions;
    for (let k = 0; k < dimensions; k += 1) dot += values[base + k]! * vector[offset + k]!;
    if (dot > bestDot) {
      bestDot = dot;
      best = c;
    }
  }
  return best;
}

/**
 * Trains `lists` unit centroids on the (unit-normalised) sample. Initial centroids are distinct sample rows picked by
 * a seeded generator, so the same sample always gives the same lists; an emptied list is re-seeded with the sample row
 * farthest from its centroid.
 */
export async function trainCentroids(sample: VectorBlock, options: TrainOptions): Promise<VectorBlock> {
  const { dimensions, count } = sample;
  const lists = Math.max(1, Math.min(options.lists, count));
  const pause = options.pause ?? yieldToEventLoop;
  let state = (options.seed ?? 0x1f1f_2026) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  // Partial Fisher–Yates: the first `lists` positions of a shuffled index are the seeds.
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < lists; i += 1) {
    const j = i + Math.floor(random() * (count - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const centroids = new Float32Array(lists * dimensions);
  for (let c = 0; c < lists; c += 1) centroids.set(sample.values.subarray(order[c]! * dimensions, (order[c]! + 1) * dimensions), c * dimensions);
  const block: VectorBlock = { values: centroids, dimensions, count: lists };

  const assignment = new Int32Array(count);
  const similarity = new Float32Array(count);
  let spent = 0;
  let sliceStart = performance.now();
  const tick = async () => {
    const now = performance.now();
    if (now - sliceStart < SLICE_MS) return;
    spent += now - sliceStart;
    await pause();
    sliceStart = performance.now();
  };

  for (let iteration = 0; iteration < options.iterations; iteration += 1) {
    let moved = 0;
    for (let i = 0; i < count; i += 1) {
      const best = nearestCentroid(block, sample.values, i * dimensions);
      if (iteration === 0 || assignment[i] !== best) moved += 1;
      assignment[i] = best;
      let dot = 0;
      for (let k = 0; k < dimensions; k += 1) dot += centroids[best * dimensions + k]! * sample.values[i * dimensions + k]!;
      similarity[i] = dot;
      if ((i & 63) === 0) await tick();
    }
    const sums = new Float64Array(lists * dimensions);
    const sizes = new Int32Array(lists);
    for (let i = 0; i < count; i += 1) {
      const c = assignment[i]!;
      sizes[c]! += 1;
      for (let k = 0; k < dimensions; k += 1) sums[c * dimensions + k]! += sample.values[i * dimensions + k]!;
    }
    for (let c = 0; c < lists; c += 1) {
      if (sizes[c] === 0) {
        // Re-seed an empty list with the worst-served sample row, which then leaves its old list.
        let worst = 0;
        for (let i = 1; i < count; i += 1) if (similarity[i]! < similarity[worst]!) worst = i;
        similarity[worst] = Infinity;
        for (let k = 0; k < dimensions; k += 1) sums[c * dimensions + k] = sample.values[worst * dimensions + k]!;
      }
      let norm = 0;
      for (let k = 0; k < dimensions; k += 1) norm += sums[c * dimensions + k]! * sums[c * dimensions + k]!;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = 0; k < dimensions; k += 1) centroids[c * dimensions + k] = sums[c * dimensions + k]! * scale;
    }
    spent += performance.now() - sliceStart;
    sliceStart = performance.now();
    if (moved === 0 || spent >= options.budgetMs) break;
  }
  return block;
}
