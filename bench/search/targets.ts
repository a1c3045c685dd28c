// Bench targets as given on the command line: `pg:100k` (one workspace on the bench PostgreSQL server),
// `pg:100x10k` (100 workspaces of 10k each), `embedded:100k` (the embedded database the launcher starts).
export type BenchTarget = { label: string; kind: 'pg' | 'embedded'; workspaces: number; perWorkspace: number };

function count(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text);
  if (!m) throw new Error(`not a size: ${text}`);
  const value = Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  if (!Number.isInteger(value) || value < 1) throw new Error(`not a size: ${text}`);
  return value;
}

export function parseTarget(text: string): BenchTarget {
  const m = /^(pg|embedded):(?:(\d+)x)?([\d.]+[km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`bad target "${text}": use pg:100k, pg:1m, embedded:100k or pg:100x10k`);
  return { label: `${m[1]!.toLowerCase()}-${m[2] ? `${m[2]}x` : ''}${m[3]!.toLowerCase()}`, kind: m[1]!.toLowerCase() as BenchTarget['kind'], workspaces: m[2] ? Number(m[2]) : 1, perWorkspace: count(m[3]!) };
}
