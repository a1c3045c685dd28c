'use client';
// A compact copy button for an id or short value beside its text: an icon with an accessible name, a check mark
// for two seconds after copying. CopyButton is the labelled variant for snippets and secrets.
import { useState } from 'react';

export function CopyIdButton({ value, label, className = 'text-stone-500 hover:bg-stone-100 hover:text-stone-800' }: { value: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (plain-HTTP origin): the value is on screen and selectable, so nothing else to do.
    }
  }
  return (
    <button
      type="button"
      onClick={() => void copy()}
      aria-label={copied ? `${label}: copied` : label}
      title={copied ? 'Copied' : label}
      className={`inline-flex size-6 shrink-0 items-center justify-center rounded-md focus-visible:outline-2 focus-visible:outline-accent-500 ${className}`}
    >
      <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-3.5">
        {copied ? <path d="m5 12.5 4.5 4.5L19 7.5" /> : <><rect x="8" y="8" width="12" height="12" rx="2" /><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" /></>}
      </svg>
    </button>
  );
}
