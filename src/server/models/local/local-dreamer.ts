import 'server-only';
// The offline dreamer: deterministic consolidation of one (observer, observed) view.
// - knowledge updates: a newer fact in the same identity slot (location, occupation…) supersedes the older one,
//   and a deduction records the change with both premises; "no longer X" supersedes an earlier "X" the same way;
// - contradictions: a statement and its negation that are not an update ("likes coffee" / "doesn't like coffee");
// - patterns: salient words recurring across ≥2 statements (dream-patterns.ts); the card (dream-card.ts).
import type { DreamConclusion, DreamInput, DreamOutput, Dreamer } from '../engine-types';
import { buildCard, sameCard } from './dream-card';
import { findPatterns } from './dream-patterns';
import { SLOT_LABELS, sameValue, slotOf, type Slot } from './fact-slots';
import { polarityOf } from './statement-polarity';

export const LOCAL_DREAM_ENGINE = 'local:consolidator';

// gone: superseded by this dream; contested: the older side of a contradiction (kept, but neither a pattern's
// support nor card material while the conflict stands).
type Work = Omit<DreamOutput, 'card'> & { gone: Set<string>; known: Set<string>; contested: Set<string> };

function addDeduction(work: Work, content: string, premiseIds: string[], supersededId: string, byId: string): void {
  work.superseded.push({ id: supersededId, byId });
  work.gone.add(supersededId);
  if (work.known.has(content.toLowerCase())) return;
  work.known.add(content.toLowerCase());
  work.deductions.push({ content, premiseIds });
}

function slotUpdates(work: Work, facts: readonly DreamConclusion[], peer: string): void {
  const latest = new Map<Slot['key'], { conclusion: DreamConclusion; value: string }>();
  for (const c of facts) {
    const slot = slotOf(c.content, peer);
    if (!slot) continue;
    const previous = latest.get(slot.key);
    latest.set(slot.key, { conclusion: c, value: slot.value });
    if (!previous) continue;
    if (sameValue(previous.value, slot.value)) continue;
    const label = SLOT_LABELS[slot.key].toLowerCase();
    const content = `${peer}'s ${label} changed from ${previous.value} to ${slot.value}`;
    addDeduction(work, content, [previous.conclusion.id, c.id], previous.conclusion.id, c.id);
  }
}

function polarityConflicts(work: Work, facts: readonly DreamConclusion[], peer: string, reported: Set<string>): void {
  const seen = new Map<string, DreamConclusion & { negative: boolean }>();
  for (const c of facts) {
    if (work.gone.has(c.id)) continue;
    const p = polarityOf(c.content, peer);
    if (!p) continue;
    const earlier = seen.get(p.key);
    seen.set(p.key, { ...c, negative: p.negative });
    if (!earlier || earlier.negative === p.negative || work.gone.has(earlier.id)) continue;
    if (p.change) {
      // "alice no longer eats meat" after "alice eats meat": the world changed, the old statement is outdated.
      addDeduction(work, `${c.content} (earlier: ${earlier.content})`, [earlier.id, c.id], earlier.id, c.id);
      continue;
    }
    const key = [earlier.id, c.id].sort().join(' ');
    work.contested.add(earlier.id);
    if (reported.has(key)) continue;
    reported.add(key);
    work.contradictions.push({ content: `${peer} said both "${earlier.content}" and "${c.content}"`, sourceIds: [earlier.id, c.id] });
  }
}

export class LocalDreamer implements Dreamer {
  readonly engine = LOCAL_DREAM_ENGINE;

  async dream(input: DreamInput): Promise<DreamOutput> {
    input.signal?.throwIfAborted();
    const peer = input.observedPeerId;
    const ordered = [...input.conclusions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    // Only explicit facts are consolidated: dream outputs are conclusions about facts, not new slot values.
    const explicit = ordered.filter((c) => c.level === 'explicit');
    const known = new Set(ordered.filter((c) => c.level !== 'explicit').map((c) => c.content.toLowerCase()));
    const work: Work = { deductions: [], inductions: [], contradictions: [], superseded: [], gone: new Set(), known, contested: new Set() };

    if (input.mode === 'omni') {
      slotUpdates(work, explicit, peer);
      const reported = new Set(
        ordered.filter((c) => c.level === 'contradiction').map((c) => [...c.sourceIds].sort().join(' ')),
      );
      polarityConflicts(work, explicit, peer, reported);
      const settled = explicit.filter((c) => !work.gone.has(c.id) && !work.contested.has(c.id));
      work.inductions = findPatterns(settled, peer, known);
    } else {
      // A card refresh resolves conflicts the same way (newer wins) without reporting them again.
      polarityConflicts(work, explicit, peer, new Set());
      work.contradictions = [];
      work.deductions = [];
      work.superseded = [];
    }

    const live = ordered.filter((c) => !work.gone.has(c.id) && !work.contested.has(c.id));
    const card = buildCard(live, peer, input.card);
    const { deductions, inductions, contradictions, superseded } = work;
    return {
      deductions,
      inductions,
      contradictions,
      superseded,
      card: card.length === 0 || sameCard(input.card, card) ? null : card,
    };
  }
}
