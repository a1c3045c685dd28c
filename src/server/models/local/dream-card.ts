import 'server-only';
// The peer card an offline dream writes: the latest value of each identity slot, the card's other entries, then
// durable preferences, within the card limits (docs/api.md#s5-5: ≤40 entries, ≤200 chars, case-insensitive de-dup).
import type { DreamConclusion } from '../engine-types';
import { junkClassOf } from './fact-quality';
import { predicateOf, SLOT_LABELS, SLOT_ORDER, slotOf, withoutDate, type SlotKey } from './fact-slots';

export const CARD_MAX_ENTRIES = 40;
export const CARD_MAX_CHARS = 200;

const DURABLE_PREFERENCE =
  /^(?:really |absolutely |still |truly )?(?:loves|likes|enjoys|prefers|adores|hates|dislikes|is allergic to|is vegetarian|is vegan|is lactose intolerant|does not eat|doesn't eat|does not drink|doesn't drink|'s favou?rite)\b/i;

// A card entry must stand on its own for as long as the card lives: a preference whose object is a clause ("loves how
// it's both…"), points back into the conversation ("loves seeing them…", "loves this series"), is an adverb ("loves
// everywhere") or runs on past a comma or dash is a remark of the moment, not a durable fact.
const CLAUSE_OBJECT = /^(?:how|that|when|what|where|why|who|seeing|the way|the idea|the thought|the fact|it|to)\b/i;
const DEICTIC = /\b(?:it|it's|its|them|they|this|that|these|those|here|there|us|we|our|you|your|he|she|him|her|his|hers|their|theirs|one)\b/i;
const ADVERB_ONLY = /^(?:everywhere|anywhere|everything|anything|it all|all|too|so much|a lot|more|most|them all)$/i;

function durableObject(predicate: string, peer: string): boolean {
  const object = predicate.replace(DURABLE_PREFERENCE, '').trim();
  if (!object) return /^(?:is |'s )?(?:vegetarian|vegan|lactose intolerant)$/i.test(predicate.trim());
  if (/[,;:–—(]|\s-\s/.test(object) || CLAUSE_OBJECT.test(object) || DEICTIC.test(object) || ADVERB_ONLY.test(object)) return false;
  return junkClassOf(`${peer} ${predicate}`, peer) === null && !new RegExp(`\\b${peer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(object);
}

function fit(entry: string): string {
  const flat = entry.replace(/\s+/g, ' ').trim();
  return flat.length > CARD_MAX_CHARS ? `${flat.slice(0, CARD_MAX_CHARS - 1).trimEnd()}…` : flat;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Limits and de-duplication every background card write obeys. */
export function normaliseCard(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const entry of entries) {
    const text = fit(entry);
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
    if (out.length === CARD_MAX_ENTRIES) break;
  }
  return out;
}

/** `live` are the conclusions still true after this dream, oldest first. */
export function buildCard(live: readonly DreamConclusion[], peer: string, current: readonly string[] | null): string[] {
  const latest = new Map<SlotKey, string>();
  const preferences: string[] = [];
  for (const c of live) {
    if (c.level === 'contradiction') continue;
    const slot = slotOf(c.content, peer);
    if (slot) {
      latest.set(slot.key, slot.value);
      continue;
    }
    const predicate = predicateOf(c.content, peer);
    if (predicate && c.level === 'explicit' && DURABLE_PREFERENCE.test(predicate) && durableObject(withoutDate(predicate), peer)) {
      preferences.unshift(capitalise(withoutDate(predicate).replace(/^is /i, '').replace(/^'s /, '')));
    }
  }
  const slotEntries = SLOT_ORDER.filter((k) => latest.has(k)).map((k) => `${SLOT_LABELS[k]}: ${latest.get(k)}`);
  // Entries of a slot we just (re)computed are replaced; anything else on the card (e.g. written by PUT) stays.
  const replacedLabels = SLOT_ORDER.filter((k) => latest.has(k)).map((k) => `${SLOT_LABELS[k].toLowerCase()}:`);
  const kept = (current ?? []).filter((e) => !replacedLabels.some((label) => e.toLowerCase().startsWith(label)));
  return normaliseCard([...slotEntries, ...kept, ...preferences]);
}

export function sameCard(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((entry, i) => entry === b[i]);
}
