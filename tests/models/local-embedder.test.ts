// The offline embedder: right size, unit length, deterministic, paraphrases closer than unrelated text.
import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '@/server/models/local/local-embedder';

const cosine = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(cosine(a, a));

describe('LocalEmbedder', () => {
  const embedder = new LocalEmbedder(384);

  it('returns one L2-normalised vector of the configured dimension per text', async () => {
    const vectors = await embedder.embed(['alice moved to Lisbon', '', '!!!', 'x'.repeat(5000)]);
    expect(vectors).toHaveLength(4);
    for (const v of vectors) {
      expect(v).toHaveLength(384);
      expect(norm(v)).toBeCloseTo(1, 10);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(new LocalEmbedder(1536).maxInputTokens).toBe(512);
    expect((await new LocalEmbedder(1536).embed(['a']))[0]).toHaveLength(1536);
  });

  it('is deterministic', async () => {
    const [a] = await embedder.embed(['alice works as a nurse']);
    const [b] = await new LocalEmbedder(384).embed(['alice works as a nurse']);
    expect(a).toEqual(b);
  });

  it('puts paraphrases closer than unrelated statements', async () => {
    const [nurse, nursing, pilot, weather] = await embedder.embed([
      'alice works as a nurse',
      'alice has a nursing job',
      'bob flies planes as a pilot',
      'the weather in Tokyo is rainy today',
    ]);
    expect(cosine(nurse!, nursing!)).toBeGreaterThan(cosine(nurse!, pilot!));
    expect(cosine(nurse!, nursing!)).toBeGreaterThan(cosine(nurse!, weather!) + 0.2);

    const [q, relevant, other] = await embedder.embed(['Where does alice live?', 'alice moved to Lisbon and lives there now', 'alice likes jazz music']);
    expect(cosine(q!, relevant!)).toBeGreaterThan(cosine(q!, other!));
  });

  it('refuses a dimension that cannot hold a vector', () => {
    expect(() => new LocalEmbedder(1)).toThrow(/dimension/);
  });
});
