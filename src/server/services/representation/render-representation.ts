// The representation markdown of docs/api.md#s6, byte for byte: sections in a fixed order (only when non-empty),
// entries ordered by timestamp ascending, explicit lines joined by "\n" plus a final "\n", other entries each ending
// in a blank line, sections joined by "\n". A pure function so the format is testable without a database.

export type RepresentationLevel = 'explicit' | 'deductive' | 'inductive' | 'contradiction';

export type RepresentationEntry = {
  id: string;
  level: RepresentationLevel;
  content: string;
  /** `message_created_at`, else `created_at`. */
  timestamp: Date;
  /** Server-maintained provenance: premises, sources, pattern_type, confidence. */
  provenance: unknown;
};

const HEADERS: Record<RepresentationLevel, string> = {
  explicit: '## Explicit Observations',
  deductive: '## Deductive Observations',
  inductive: '## Inductive Observations',
  contradiction: '## Contradictions',
};
const ORDER: RepresentationLevel[] = ['explicit', 'deductive', 'inductive', 'contradiction'];
const MAX_LISTED_SOURCES = 5;

/** `YYYY-MM-DD HH:MM:SS`, UTC, no fraction. */
export function representationTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function renderRepresentation(entries: readonly RepresentationEntry[]): string {
  const sections: string[] = [];
  for (const level of ORDER) {
    const group = entries
      .filter((e) => e.level === level)
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (group.length === 0) continue;
    if (level === 'explicit') {
      sections.push(`${HEADERS.explicit}\n\n${group.map((e) => `[${representationTimestamp(e.timestamp)}] ${e.content}`).join('\n')}\n`);
    } else {
      sections.push(`${HEADERS[level]}\n\n${group.map((e) => `${entryLines(e).join('\n')}\n\n`).join('')}`);
    }
  }
  return sections.join('\n');
}

function entryLines(entry: RepresentationEntry): string[] {
  const ts = `[${representationTimestamp(entry.timestamp)}]`;
  const provenance = record(entry.provenance);
  if (entry.level === 'deductive') {
    const premises = strings(provenance.premises);
    return [`${ts} ${entry.content}`, ...(premises.length > 0 ? ['   Premises:', ...premises.map((p) => `   - ${p}`)] : [])];
  }
  if (entry.level === 'inductive') {
    const sources = strings(provenance.sources);
    const listed = sources.slice(0, MAX_LISTED_SOURCES).map((s) => `   - ${s}`);
    if (sources.length > MAX_LISTED_SOURCES) listed.push(`   - ... and ${sources.length - MAX_LISTED_SOURCES} more`);
    const confidence = typeof provenance.confidence === 'string' ? provenance.confidence : 'medium';
    const patternType = typeof provenance.pattern_type === 'string' ? provenance.pattern_type : 'pattern';
    return [`${ts} **Pattern** [${confidence}]: ${entry.content}`, `   **Type**: ${patternType}`, '   **Sources**:', ...listed];
  }
  const statements = strings(provenance.sources);
  return [`${ts} **CONTRADICTION**: ${entry.content}`, '   **Conflicting statements**:', ...statements.map((s) => `   - ${s}`)];
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
