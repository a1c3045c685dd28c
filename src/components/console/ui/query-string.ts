// Console URLs carry list state (filters, page, order) in the query string, so a view can be shared or reloaded.
// Defaults are left out, which keeps URLs short and makes one state have one URL.
export function withQuery(path: string, params: Record<string, string | number | null | undefined>, defaults: Record<string, string | number> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || defaults[key] === value) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** A positive page number from a query value; anything else is page 1. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function textParam(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[0] : value;
  return (text ?? '').slice(0, 512);
}
