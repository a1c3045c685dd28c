// Read-only JSON (metadata, configuration): pretty-printed, scrollable, and "empty" said in words.
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const empty = value && typeof value === 'object' && Object.keys(value).length === 0;
  if (empty) return <p className="text-sm text-stone-500">No {label.toLowerCase()}.</p>;
  return (
    <pre role="region" aria-label={`${label} JSON`} tabIndex={0} className="max-h-64 overflow-auto rounded-lg bg-stone-100 px-3 py-2 font-mono text-xs leading-relaxed text-stone-800">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
