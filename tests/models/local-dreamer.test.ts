// The offline dreamer: knowledge updates supersede outdated facts, patterns need support, negations conflict,
// and the card holds identity facts within its limits.
import { describe, expect, it } from 'vitest';
import type { DreamConclusion, DreamInput } from '@/server/models/engine-types';
import { CARD_MAX_CHARS, CARD_MAX_ENTRIES } from '@/server/models/local/dream-card';
import { LocalDreamer } from '@/server/models/local/local-dreamer';

const dreamer = new LocalDreamer();
let day = 0;
function facts(...contents: string[]): DreamConclusion[] {
  return contents.map((content) => ({
    id: `c${++day}`,
    level: 'explicit' as const,
    content,
    createdAt: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000),
    sourceIds: [],
  }));
}
const input = (conclusions: DreamConclusion[], extra: Partial<DreamInput> = {}): DreamInput => ({
  observerPeerId: 'alice',
  observedPeerId: 'alice',
  conclusions,
  card: null,
  mode: 'omni',
  ...extra,
});

describe('LocalDreamer', () => {
  it('supersedes an older fact when a newer one fills the same slot, with a knowledge-update deduction', async () => {
    const [porto, teacher, lisbon, nurse] = facts(
      'alice lives in Porto',
      'alice works as a teacher at Escola Sul',
      'alice moved to Lisbon (around 2026-01-10)',
      'alice started working as a nurse (around 2026-01-10)',
    );
    const out = await dreamer.dream(input([porto!, teacher!, lisbon!, nurse!]));
    expect(out.deductions).toEqual([
      { content: "alice's location changed from Porto to Lisbon", premiseIds: [porto!.id, lisbon!.id] },
      { content: "alice's occupation changed from teacher to nurse", premiseIds: [teacher!.id, nurse!.id] },
    ]);
    expect(out.superseded).toEqual([
      { id: porto!.id, byId: lisbon!.id },
      { id: teacher!.id, byId: nurse!.id },
    ]);
    expect(out.card).toEqual(['Location: Lisbon', 'Occupation: nurse']);
  });

  it('does not supersede a fact restated with the same value, nor repeat an update it already made', async () => {
    const [a, b] = facts('alice lives in Lisbon', 'alice lives in lisbon');
    expect((await dreamer.dream(input([a!, b!]))).superseded).toEqual([]);

    const [porto, lisbon] = facts('alice lives in Porto', 'alice moved to Lisbon');
    const first = await dreamer.dream(input([porto!, lisbon!]));
    const previous: DreamConclusion = { id: 'd1', level: 'deductive', content: first.deductions[0]!.content, createdAt: new Date(), sourceIds: [porto!.id, lisbon!.id] };
    const again = await dreamer.dream(input([porto!, lisbon!, previous]));
    expect(again.deductions).toEqual([]);
    expect(again.superseded).toEqual([{ id: porto!.id, byId: lisbon!.id }]);
  });

  it('reports a contradiction for a statement and its negation, and an update for "no longer"', async () => {
    const [likes, dislikes, eats, stopped] = facts(
      'alice likes coffee',
      "alice doesn't like coffee",
      'alice eats meat',
      'alice no longer eats meat',
    );
    const out = await dreamer.dream(input([likes!, dislikes!, eats!, stopped!]));
    expect(out.contradictions).toEqual([
      { content: `alice said both "alice likes coffee" and "alice doesn't like coffee"`, sourceIds: [likes!.id, dislikes!.id] },
    ]);
    expect(out.superseded).toEqual([{ id: eats!.id, byId: stopped!.id }]);
    expect(out.deductions.map((d) => d.premiseIds)).toEqual([[eats!.id, stopped!.id]]);
    // The contested older statement feeds neither a pattern nor the card.
    expect(out.inductions.flatMap((i) => i.sourceIds)).not.toContain(likes!.id);
    expect(out.card ?? []).not.toContain('Likes coffee');
  });

  it('finds patterns supported by at least two conclusions, typed and with confidence by support', async () => {
    const conclusions = facts(
      'alice goes hiking every weekend',
      'alice usually goes hiking in the Serra da Estrela',
      'alice went hiking with her dog on 2026-01-03',
      'alice likes jazz',
      'alice plays the piano',
    );
    const out = await dreamer.dream(input(conclusions));
    expect(out.inductions).toEqual([
      {
        content: 'alice has a recurring habit involving hiking',
        sourceIds: conclusions.slice(0, 3).map((c) => c.id),
        patternType: 'habit',
        confidence: 'medium',
      },
    ]);
    const twoPreferences = facts('alice loves Italian food', 'alice enjoys cooking Italian food at home');
    const [pattern] = (await dreamer.dream(input(twoPreferences))).inductions;
    expect(pattern).toMatchObject({ patternType: 'preference', confidence: 'low', sourceIds: twoPreferences.map((c) => c.id) });
  });

  it('builds a card of identity facts and durable preferences, keeps other entries, within the limits', async () => {
    const conclusions = facts("alice's name is Alice Martins", 'alice is 34 years old', 'alice lives in Lisbon', 'alice loves hiking');
    const out = await dreamer.dream(input(conclusions, { card: ['Location: Porto', 'Favourite band: Radiohead'] }));
    expect(out.card).toEqual(['Name: Alice Martins', 'Age: 34', 'Location: Lisbon', 'Favourite band: Radiohead', 'Loves hiking']);

    const many = facts(...Array.from({ length: 60 }, (_, i) => `alice loves board game number ${i} ${'a lot '.repeat(i % 2 ? 60 : 1)}`));
    const card = (await dreamer.dream(input(many, { card: ['LOVES BOARD GAME NUMBER 58 A LOT'] }))).card!;
    expect(card).toHaveLength(CARD_MAX_ENTRIES);
    expect(card.every((e) => e.length <= CARD_MAX_CHARS)).toBe(true);
    expect(new Set(card.map((e) => e.toLowerCase())).size).toBe(card.length);
    // The newest preference duplicates an existing entry case-insensitively: it appears once.
    expect(card.filter((e) => e.toLowerCase() === 'loves board game number 58 a lot')).toHaveLength(1);
  });

  it('card_refresh only refreshes the card, and an unchanged card is reported as null', async () => {
    const [porto, lisbon] = facts('alice lives in Porto', 'alice moved to Lisbon');
    const out = await dreamer.dream(input([porto!, lisbon!], { mode: 'card_refresh' }));
    expect(out).toEqual({ deductions: [], inductions: [], contradictions: [], superseded: [], card: ['Location: Lisbon'] });
    const unchanged = await dreamer.dream(input([porto!, lisbon!], { mode: 'card_refresh', card: ['Location: Lisbon'] }));
    expect(unchanged.card).toBeNull();
  });

  it('puts only durable preferences on the card and makes patterns only of everyday topics', async () => {
    const conclusions = facts(
      'alice loves everywhere',
      'alice loves alice',
      "alice loves how it's both a creative outlet and a form of therapy",
      'alice loves seeing them soaking in the sun',
      'alice loves live music',
      'alice is vegetarian',
      'alice wants to help people',
      'alice was glad to help at the shelter',
      'alice goes to pottery class every week',
      'alice made a bowl in pottery class',
    );
    const out = await dreamer.dream(input(conclusions));
    expect(out.card).toEqual(['Vegetarian', 'Loves live music']);
    expect(out.inductions.map((i) => i.content)).toEqual(['alice has a recurring habit involving pottery']);
  });
});
