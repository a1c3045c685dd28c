import 'server-only';
// What the console's users and sessions lists both show of a row: its id and metadata, when Rapport received it, how
// many messages it holds and its latest activity, which orders both lists (most recently active first).

export type ActivityRow = {
  id: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  messageCount: number;
  /** The latest message time (as written, so imported history shows its own dates), or null without messages. */
  lastMessageAt: string | null;
  /** lastMessageAt, or the creation time without messages: the lists' order. */
  lastActiveAt: string;
};

/** The SQL columns behind an ActivityRow. */
export type ActivityColumns = { name: string; metadata: unknown; created_at: Date; message_count: number; last_message_at: Date | null; last_active_at: Date };

export function activityRow(r: ActivityColumns): ActivityRow {
  return {
    id: r.name,
    metadata: asObject(r.metadata),
    createdAt: r.created_at.toISOString(),
    messageCount: r.message_count,
    lastMessageAt: r.last_message_at ? r.last_message_at.toISOString() : null,
    lastActiveAt: r.last_active_at.toISOString(),
  };
}

export function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
