// The session-context budget of docs/api.md#s3-7 (docs/honcho-differences.md#context-budget), as pure functions: the card may take ≤10 % of the budget
// and card + representation ≤50 %, trimmed (card entries from the end; conclusions in the selection's drop order,
// re-rendered) until they fit; a summary may take ≤40 % of what remains. Every part is measured in o200k tokens.
import { countTokens } from '../messages/count-tokens';
import { renderRepresentation, type RepresentationEntry } from '../representation/render-representation';

export type FittedProfile = {
  card: string[] | null;
  cardTokens: number;
  representation: string | null;
  representationTokens: number;
};

export function cardTokens(card: readonly string[]): number {
  return countTokens(card.join('\n'));
}

/** Steps 2–3: the card capped at floor(B/10), then the representation trimmed until card + it ≤ floor(B/2). */
export function fitProfile(
  budget: number,
  card: readonly string[] | null,
  selection: { entries: readonly RepresentationEntry[]; dropOrder: readonly string[] } | null,
): FittedProfile {
  let entries = card ? [...card] : null;
  let usedByCard = entries ? cardTokens(entries) : 0;
  while (entries && entries.length > 0 && usedByCard > Math.floor(budget / 10)) {
    entries.pop();
    usedByCard = cardTokens(entries);
  }
  if (entries && entries.length === 0 && card && card.length > 0) entries = null;
  if (!selection) return { card: entries, cardTokens: usedByCard, representation: null, representationTokens: 0 };

  const room = Math.floor(budget / 2) - usedByCard;
  const render = (dropped: number) => {
    const gone = new Set(selection.dropOrder.slice(0, dropped));
    const text = renderRepresentation(selection.entries.filter((e) => !gone.has(e.id)));
    return { text, tokens: countTokens(text) };
  };
  let best = render(0);
  if (best.tokens > room) {
    // Fewer conclusions never render longer, so the fewest drops that fit can be found by bisection.
    let low = 1;
    let high = selection.dropOrder.length;
    best = render(high);
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const attempt = render(mid);
      if (attempt.tokens <= room) {
        high = mid;
        best = attempt;
      } else low = mid + 1;
    }
    if (best.tokens > room) best = { text: '', tokens: 0 };
  }
  return { card: entries, cardTokens: usedByCard, representation: best.text, representationTokens: best.tokens };
}

export type SummaryCandidate = { tokenCount: number; content: string };

/** Step 4: the long summary if it fits and is longer than the short one, else the short one if it fits and is non-empty. */
export function chooseSummary<T extends SummaryCandidate>(allowance: number, short: T | null, long: T | null): T | null {
  if (long && long.tokenCount <= allowance && long.tokenCount > (short?.tokenCount ?? 0)) return long;
  if (short && short.content.length > 0 && short.tokenCount <= allowance) return short;
  return null;
}
