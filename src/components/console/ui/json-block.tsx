// Read-only JSON (metadata, configuration): pretty-printed, scrollable, copyable, and "empty" said in words.
import { CopyIdButton } from './copy-id-button';

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const empty = value && typeof value === 'object' && Object.keys(value).length === 0;
  if (empty) return <p className="text-sm text-stone-500">No {label.toLowerCase()}.</p>;
  const text = JSON.stringify(value, null, 2);
  return (
    <div className="relative">
      <pre role="region" aria-label={`${label} JSON`} tabIndex={0} className="max-h-64 overflow-auto rounded-lg bg-stone-100 px-3 py-2 pr-9 font-mono text-xs leading-relaxed text-stone-800">
        {text}
      </pre>
      <div className="absolute right-1.5 top-1.5">
        <CopyIdButton value={text} label={`Copy the ${label.toLowerCase()} JSON`} className="text-stone-500 hover:bg-stone-200 hover:text-stone-800" />
      </div>
    </div>
  );
}
