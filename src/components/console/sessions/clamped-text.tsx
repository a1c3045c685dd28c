'use client';
// A message body that folds when very long: the first lines show, "Show more" unfolds the rest (and "Show less"
// folds it back). Short texts render plainly. Length and line count decide, so the server and the browser agree.
import { useId, useState } from 'react';

const MAX_CHARS = 900;
const MAX_LINES = 10;

export function isLongText(text: string): boolean {
  return text.length > MAX_CHARS || text.split('\n').length > MAX_LINES;
}

export function ClampedText({ text, className = '' }: { text: string; className?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = isLongText(text);
  return (
    <div>
      <p id={id} data-clamped={long && !open ? 'true' : undefined} className={`whitespace-pre-wrap break-words ${long && !open ? 'line-clamp-[8]' : ''} ${className}`}>
        {text}
      </p>
      {long ? (
        <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)} className="mt-1 text-xs font-medium text-accent-700 hover:underline">
          {open ? 'Show less' : `Show more (${text.length.toLocaleString('en')} characters)`}
        </button>
      ) : null}
    </div>
  );
}
