'use client';
// A disclosure popover (button + panel): Escape or a click outside closes it and focus returns to the button.
// Used for the app switcher and the account menu, whose items are plain links and buttons.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type PopoverProps = {
  button: (props: { open: boolean }) => ReactNode;
  buttonLabel?: string;
  buttonClassName?: string;
  panelClassName?: string;
  align?: 'start' | 'end';
  children: (close: () => void) => ReactNode;
};

export function Popover({ button, buttonLabel, buttonClassName = '', panelClassName = '', align = 'start', children }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    // Move focus into the panel so keyboard users land on the first choice.
    rootRef.current?.querySelector<HTMLElement>(`#${CSS.escape(panelId)} a, #${CSS.escape(panelId)} button`)?.focus();
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, panelId]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setOpen((v) => !v)}
        className={buttonClassName}
      >
        {button({ open })}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={`absolute z-30 mt-2 min-w-56 rounded-xl border border-stone-200 bg-white p-1.5 shadow-lg ${align === 'end' ? 'right-0' : 'left-0'} ${panelClassName}`}
      >
        {open ? children(() => setOpen(false)) : null}
      </div>
    </div>
  );
}

export const popoverItemClasses =
  'flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm text-stone-700 hover:bg-stone-100 hover:text-stone-900 focus-visible:bg-stone-100 focus-visible:outline-none';
