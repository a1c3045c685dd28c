'use client';
// Copies text to the clipboard and says so. Falls back to selecting a text field when the Clipboard API is not
// available (plain-HTTP origins other than localhost).
import { useState } from 'react';
import { Button, type ButtonVariant } from './button';

export function CopyButton({ text, label = 'Copy', fallbackInputId, variant = 'secondary' }: { text: string; label?: string; fallbackInputId?: string; variant?: ButtonVariant }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const input = fallbackInputId ? (document.getElementById(fallbackInputId) as HTMLInputElement | null) : null;
      input?.focus();
      input?.select();
      setState(input && document.execCommand('copy') ? 'copied' : 'failed');
    }
    window.setTimeout(() => setState('idle'), 2500);
  }

  return (
    <Button variant={variant} size="md" onClick={copy} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C' : label}
    </Button>
  );
}
