import 'server-only';
// Turns the relative time expressions people use ("last week", "3 days ago", "on Monday") into absolute dates,
// computed from the time the message was written, so a fact stays true when it is read a year later.
// Dates are UTC calendar days: message times are stored in UTC and a day of drift is acceptable for "around".

export type DateMention = {
  /** The matched expression, to be removed from the statement. */
  start: number;
  end: number;
  /** What replaces it, appended to the fact: `on 2026-11-24`, `(around 2026-11-18)`, `in October 2026`, `in 2025`. */
  label: string;
};

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, couple: 2, 'a couple of': 2, 'couple of': 2, 'a few': 3, few: 3, several: 4,
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);
const exact = (d: Date) => `on ${iso(d)}`;
const around = (d: Date) => `(around ${iso(d)})`;
function monthLabel(at: Date, deltaMonths: number, approximate: boolean): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + deltaMonths, 1));
  const text = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return approximate ? `(around ${text})` : `in ${text}`;
}
const yearLabel = (at: Date, delta: number, approximate = false) =>
  approximate ? `(around ${at.getUTCFullYear() + delta})` : `in ${at.getUTCFullYear() + delta}`;

type Rule = { pattern: RegExp; resolve: (m: RegExpExecArray, at: Date, future: boolean) => string };

const COUNT = String.raw`(\d+|a couple of|couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)`;

function count(word: string): number {
  const n = Number(word);
  return Number.isFinite(n) ? n : (NUMBER_WORDS[word.toLowerCase()] ?? 1);
}

function weekdayDate(at: Date, weekday: number, future: boolean): Date {
  const today = at.getUTCDay();
  if (future) return addDays(at, ((weekday - today + 7) % 7) || 7);
  return addDays(at, -(((today - weekday + 7) % 7) || 7));
}

// Longest expressions first: "the day before yesterday" must win over "yesterday".
const RULES: Rule[] = [
  { pattern: /\bthe day before yesterday\b/i, resolve: (_m, at) => exact(addDays(at, -2)) },
  { pattern: /\bthe day after tomorrow\b/i, resolve: (_m, at) => exact(addDays(at, 2)) },
  { pattern: /\b(?:yesterday|last night)\b/i, resolve: (_m, at) => exact(addDays(at, -1)) },
  { pattern: /\btomorrow\b/i, resolve: (_m, at) => exact(addDays(at, 1)) },
  { pattern: /\b(?:earlier )?today\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b/i, resolve: (_m, at) => exact(at) },
  {
    pattern: new RegExp(String.raw`\b${COUNT} (day|week|month|year)s? ago\b`, 'i'),
    resolve: (m, at) => {
      const n = count(m[1]!);
      const unit = m[2]!.toLowerCase();
      const precise = /^\d+$|^(?:a|an|one|two)$/i.test(m[1]!);
      if (unit === 'day') return precise ? exact(addDays(at, -n)) : around(addDays(at, -n));
      if (unit === 'week') return around(addDays(at, -7 * n));
      if (unit === 'month') return monthLabel(at, -n, true);
      return yearLabel(at, -n, !precise);
    },
  },
  {
    pattern: new RegExp(String.raw`\bin ${COUNT} (day|week|month|year)s?\b`, 'i'),
    resolve: (m, at) => {
      const n = count(m[1]!);
      const unit = m[2]!.toLowerCase();
      if (unit === 'day') return around(addDays(at, n));
      if (unit === 'week') return around(addDays(at, 7 * n));
      if (unit === 'month') return monthLabel(at, n, true);
      return yearLabel(at, n, true);
    },
  },
  { pattern: /\blast weekend\b/i, resolve: (_m, at) => around(weekdayDate(at, 6, false)) },
  { pattern: /\bthis weekend\b|\bnext weekend\b/i, resolve: (_m, at) => around(weekdayDate(at, 6, true)) },
  { pattern: /\blast week\b/i, resolve: (_m, at) => around(addDays(at, -7)) },
  { pattern: /\bnext week\b/i, resolve: (_m, at) => around(addDays(at, 7)) },
  { pattern: /\bthis week\b/i, resolve: (_m, at) => around(at) },
  { pattern: /\blast month\b/i, resolve: (_m, at) => monthLabel(at, -1, false) },
  { pattern: /\bnext month\b/i, resolve: (_m, at) => monthLabel(at, 1, false) },
  { pattern: /\bthis month\b/i, resolve: (_m, at) => monthLabel(at, 0, false) },
  { pattern: /\blast year\b/i, resolve: (_m, at) => yearLabel(at, -1) },
  { pattern: /\bnext year\b/i, resolve: (_m, at) => yearLabel(at, 1) },
  { pattern: /\bthis year\b/i, resolve: (_m, at) => yearLabel(at, 0) },
  {
    pattern: /\b(?:(last|this past|next|this coming|this|on) )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i,
    resolve: (m, at, future) => {
      const qualifier = m[1]?.toLowerCase();
      const isFuture = qualifier === 'next' || qualifier === 'this coming' || (qualifier !== 'last' && qualifier !== 'this past' && future);
      return exact(weekdayDate(at, WEEKDAYS.indexOf(m[2]!.toLowerCase()), isFuture));
    },
  },
];

/**
 * The first relative time expression in `text`, resolved against `at`. `future` says the statement is about
 * something ahead ("I'll fly on Friday"), which decides the direction of a bare weekday.
 */
export function findDateMention(text: string, at: Date, future = false): DateMention | null {
  let best: DateMention | null = null;
  for (const rule of RULES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    if (!best || m.index < best.start) best = { start: m.index, end: m.index + m[0].length, label: rule.resolve(m, at, future) };
  }
  return best;
}
