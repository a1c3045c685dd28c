// The coloured HTTP method label used in the API reference's operation headers and sidebar.
const METHOD_STYLES: Readonly<Record<string, string>> = {
  GET: 'bg-accent-50 text-accent-800 ring-accent-200',
  POST: 'bg-sky-50 text-sky-800 ring-sky-200',
  PUT: 'bg-amber-50 text-amber-800 ring-amber-200',
  PATCH: 'bg-violet-50 text-violet-800 ring-violet-200',
  DELETE: 'bg-rose-50 text-rose-800 ring-rose-200',
};

const FALLBACK = 'bg-stone-100 text-stone-700 ring-stone-200';

export function MethodBadge({ method, size = 'md' }: { method: string; size?: 'sm' | 'md' }) {
  const sizing = size === 'sm' ? 'w-12 py-0 text-[10px]' : 'w-16 py-0.5 text-xs';
  return (
    <span
      className={`inline-block shrink-0 rounded text-center font-mono font-semibold ring-1 ring-inset ${sizing} ${
        METHOD_STYLES[method] ?? FALLBACK
      }`}
    >
      {method}
    </span>
  );
}
