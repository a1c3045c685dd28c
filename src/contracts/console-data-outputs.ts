// What the console's overview, peers, sessions, search, settings and scopes procedures answer. Declared with
// `.output()` on each procedure, so the UI's RouterOutputs types come from here and a service that drifts fails both
// `tsc` and the procedure's run-time check (docs/architecture.md#response-contracts).
import { z } from 'zod';
import { DATABASE_MODES, VECTOR_MODES } from './service';
import { SEARCH_KINDS } from './console-data';
import { CONCLUSION_LEVELS } from './console-memory';
import { consolePage, isoTime, jsonObject } from './console-outputs-common';
import { sessionContextSchema } from './context';
import { messageSchema } from './messages';
import { peerExportSchema } from './peers';

const engineStatus = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    engines: z.object({
      deriver: z.string(),
      summary: z.string(),
      dream: z.string(),
      dialectic: z.string(),
      embedder: z.string(),
      embeddingDimensions: z.number().int(),
    }),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const appCountsOutput = z.object({ peers: z.number().int(), sessions: z.number().int(), messages: z.number().int(), conclusions: z.number().int() });
export const dailyActivityOutput = z.object({ day: z.string(), messages: z.number().int(), conclusions: z.number().int(), completed: z.number().int(), failed: z.number().int() });
export const messageTimeSpanOutput = z.object({ oldest: isoTime, newest: isoTime, importedBefore: z.number().int() });
export const engineStatusOutput = engineStatus;

export const overviewOutput = z.object({
  counts: appCountsOutput,
  days: z.array(dailyActivityOutput),
  /** Null while the app holds no messages. */
  messageTimes: messageTimeSpanOutput.nullable(),
  database: z.object({ database: z.enum(DATABASE_MODES), vector: z.enum(VECTOR_MODES), reachable: z.boolean() }),
  engines: engineStatus,
});

export const peerRowOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  messageCount: z.number().int(),
  sessionCount: z.number().int(),
  lastMessageAt: isoTime.nullable(),
  lastActiveAt: isoTime,
});
export const peerPageOutput = consolePage(peerRowOutput);

export const peerDetailsOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  configuration: jsonObject,
  card: z.array(z.string()).nullable(),
  lastActiveAt: isoTime,
  cardUpdatedAt: isoTime.nullable(),
  /** What deleting the peer removes. */
  footprint: z.object({ messages: z.number().int(), conclusions: z.number().int(), memberships: z.number().int(), cards: z.number().int() }),
});
export const peerCardSavedOutput = z.object({ card: z.array(z.string()) });
/** The REST export (GET …/peers/{peer_id}/export), byte for byte. */
export const peerExportOutput = peerExportSchema;

export const sessionRowOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  messageCount: z.number().int(),
  lastMessageAt: isoTime.nullable(),
  lastActiveAt: isoTime,
  isActive: z.boolean(),
  peerCount: z.number().int(),
});
export const sessionPageOutput = consolePage(sessionRowOutput);

export const sessionMemberOutput = z.object({
  id: z.string(),
  /** As set on the membership; null inherits. */
  observeMe: z.boolean().nullable(),
  observeOthers: z.boolean().nullable(),
  /** What derivation acts on (docs/api.md#s5-1): observe_me falls back to the peer's configuration, observe_others to false. */
  effectiveObserveMe: z.boolean(),
  effectiveObserveOthers: z.boolean(),
  joinedAt: isoTime,
  leftAt: isoTime.nullable(),
});
export const sessionSummaryOutput = z.object({
  kind: z.enum(['short', 'long']),
  content: z.string(),
  tokenCount: z.number().int(),
  lastSeq: z.number().int(),
  createdAt: isoTime,
  stale: z.boolean(),
});

export const sessionDetailsOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  configuration: jsonObject,
  peers: z.array(sessionMemberOutput),
  summaries: z.array(sessionSummaryOutput),
  messageCount: z.number().int(),
  isActive: z.boolean(),
});
/** The REST list-messages page. */
export const sessionMessagesOutput = consolePage(messageSchema);
/** The REST session context plus how its budget was spent. */
export const sessionContextPreviewOutput = sessionContextSchema.extend({ messageTokens: z.number().int(), summaryTokens: z.number().int() });

/** A fact (conclusion) as the console lists it, with its supersession state. */
export const factRowOutput = z.object({
  id: z.string(),
  content: z.string(),
  level: z.enum(CONCLUSION_LEVELS),
  observer: z.string(),
  observed: z.string(),
  session: z.string().nullable(),
  sourceIds: z.array(z.string()),
  timesDerived: z.number().int(),
  createdAt: isoTime,
  /** When a later fact replaced this one (kept as history); null while it holds. */
  supersededAt: isoTime.nullable(),
  /** The replacing fact, when it still exists. */
  supersededBy: z.object({ id: z.string(), content: z.string() }).nullable(),
  /** Live messages the fact was derived from. */
  messageCount: z.number().int(),
});

/** Where a hit is on its page: highlight ranges and, for links, the page of the list that shows it. */
const placement = { highlights: z.array(z.tuple([z.number().int(), z.number().int()])), page: z.number().int() };
export const messageHitOutput = z.object({
  kind: z.literal('message'),
  id: z.string(),
  content: z.string(),
  peer: z.string(),
  session: z.string(),
  createdAt: isoTime,
  score: z.number(),
  ...placement,
});
export const conclusionHitOutput = z.object({
    kind: z.literal('conclusion'),
    id: z.string(),
    content: z.string(),
    level: z.string(),
    observer: z.string(),
    observed: z.string(),
    session: z.string().nullable(),
    createdAt: isoTime,
  score: z.number(),
  ...placement,
});
const searchHit = z.discriminatedUnion('kind', [messageHitOutput, conclusionHitOutput]);
export const searchOutput = z.object({
  kind: z.enum(SEARCH_KINDS),
  /** This page of the good matches, best first. */
  hits: z.array(searchHit),
  /** Good matches among the best `SEARCH_POOL` ranked rows. */
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  size: z.number().int(),
  /** The query's words as matched (stems), for the page to say what counted. */
  terms: z.array(z.string()),
  /** When nothing is a good match: the nearest rows anyway. */
  loose: z.array(searchHit),
});

export const appSettingsOutput = z.object({
  reasoning: z.object({ enabled: z.boolean(), custom_instructions: z.string().nullable() }),
  summary: z.object({ enabled: z.boolean(), messages_per_short_summary: z.number().int().nullable(), messages_per_long_summary: z.number().int().nullable() }),
  peer_card: z.object({ use: z.boolean(), create: z.boolean() }),
  dream: z.object({ enabled: z.boolean() }),
  /** What a null summary cadence falls back to. */
  defaults: z.object({ messages_per_short_summary: z.number().int(), messages_per_long_summary: z.number().int() }),
});

const backfillState = z.enum(['pending', 'completed', 'failed']);
export const scopeRowOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  pending: z.number().int(),
  failed: z.number().int(),
  sessionCount: z.number().int(),
});
export const backfillOutput = z.object({ state: backfillState, updatedAt: isoTime, docsCopied: z.number().int().nullable() });
export const scopeDetailsOutput = z.object({
  id: z.string(),
  createdAt: isoTime,
  metadata: jsonObject,
  /** Live member sessions, longest-standing member first (the order of the wire's list). */
  sessions: z.array(z.object({ id: z.string(), joinedAt: isoTime, messageCount: z.number().int(), backfill: backfillOutput.nullable() })),
  /** Sessions removed from the scope whose facts are still being taken out of it. */
  removing: z.array(z.object({ id: z.string(), updatedAt: isoTime, state: backfillState })),
  /** Whether the page offers the owner-only changes; the mutations check again. */
  canManage: z.boolean(),
});
export const scopeSessionsAddedOutput = z.object({ scope: z.string(), added: z.number().int() });
export const scopeSessionRemovedOutput = z.object({ scope: z.string(), removed: z.string() });
