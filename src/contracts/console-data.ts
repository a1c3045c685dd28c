// Inputs of the console's data pages (overview, users, sessions, search, settings). Shared with the console UI, which
// builds its URLs and query keys from the same names. Services re-check the domain rules; these only fix shapes.
import { z } from 'zod';
import { resourceId } from './common';
import { appId } from './console';

/** Page numbers are 1-based, as on the wire; console pages are small enough to read at a glance. */
export const CONSOLE_PAGE_SIZE = 25;
const pageFields = {
  page: z.number().int().min(1).max(100_000).default(1),
  size: z.number().int().min(1).max(100).default(CONSOLE_PAGE_SIZE),
};

/** A free-text "id contains" box; empty means no filter. */
const contains = z.string().trim().max(512).optional();

export const appInput = z.object({ app: appId });

export const peerListInput = z.object({ app: appId, q: contains, ...pageFields });
export const peerInput = z.object({ app: appId, peer: resourceId });
export const peerSessionsInput = z.object({ app: appId, peer: resourceId, ...pageFields });

/** A peer card as the console edits it: the wire stores entries verbatim, the console trims and drops empty lines. */
export const PEER_CARD_MAX_ENTRIES = 100;
export const PEER_CARD_ENTRY_MAX_CHARS = 2_000;
export const savePeerCardInput = z.object({
  app: appId,
  peer: resourceId,
  entries: z
    .array(z.string().max(PEER_CARD_ENTRY_MAX_CHARS, `Keep each entry under ${PEER_CARD_ENTRY_MAX_CHARS} characters`))
    .max(PEER_CARD_MAX_ENTRIES, `A card holds at most ${PEER_CARD_MAX_ENTRIES} entries`),
});

export const SESSION_STATES = ['all', 'active', 'inactive'] as const;
export type SessionStateFilter = (typeof SESSION_STATES)[number];
export const sessionListInput = z.object({
  app: appId,
  q: contains,
  peer: z.string().trim().max(512).optional(),
  state: z.enum(SESSION_STATES).default('all'),
  ...pageFields,
});
export const sessionInput = z.object({ app: appId, session: resourceId });
export const sessionMessagesInput = z.object({
  app: appId,
  session: resourceId,
  order: z.enum(['oldest', 'newest']).default('oldest'),
  ...pageFields,
});

export const SEARCH_KINDS = ['messages', 'conclusions'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const searchInput = z.object({
  app: appId,
  q: z.string().trim().min(1, 'Type something to search for').max(2_000),
  kind: z.enum(SEARCH_KINDS).default('messages'),
  peer: z.string().trim().max(512).optional(),
  session: z.string().trim().max(512).optional(),
  limit: z.number().int().min(1).max(50).default(20),
  page: z.number().int().min(1).max(1_000).default(1),
  /** The session timeline's page size, so a message hit can name the page that shows it. */
  messagesPerPage: z.number().int().min(1).max(100).default(50),
});

/**
 * The app's settings form: every switch is explicit (the form shows the effective value), intervals are blank to
 * inherit. The service turns this into a workspace `configuration` and validates it with the wire contract's rules.
 */
export const appSettingsInput = z.object({
  app: appId,
  reasoning: z.object({ enabled: z.boolean(), custom_instructions: z.string().max(20_000).nullable() }),
  summary: z.object({
    enabled: z.boolean(),
    messages_per_short_summary: z.number().int().nullable(),
    messages_per_long_summary: z.number().int().nullable(),
  }),
  peer_card: z.object({ use: z.boolean(), create: z.boolean() }),
  dream: z.object({ enabled: z.boolean() }),
});
export type AppSettingsInput = z.infer<typeof appSettingsInput>;
