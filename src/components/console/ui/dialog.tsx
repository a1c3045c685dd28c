'use client';
// A modal dialog on the native <dialog> element: the browser traps focus, makes the page behind inert, closes on
// Escape and returns focus to the opener. `open` drives it; `onClose` reports every way it was closed.
import { useEffect, useId, useRef, type ReactNode } from 'react';

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Escape and backdrop clicks are ignored while true (e.g. during a request). */
  busy?: boolean;
  /** Escape and backdrop clicks never close it: only its own buttons do (e.g. a secret shown once). */
  requireAction?: boolean;
  size?: 'md' | 'lg';
};

export function Dialog({ open, onClose, title, description, children, busy = false, requireAction = false, size = 'md' }: DialogProps) {
  const dismissible = !busy && !requireAction;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (event.target === ref.current && dismissible) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${size === 'lg' ? 'max-w-2xl' : 'max-w-lg'} rounded-2xl border border-stone-200 bg-white p-0 text-stone-800 shadow-xl backdrop:bg-stone-900/40 backdrop:backdrop-blur-[2px]`}
    >
      {open ? (
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold text-stone-900">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-1.5 text-sm text-stone-600">
              {description}
            </div>
          ) : null}
          <div className="mt-5">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-wrap items-center justify-end gap-2">{children}</div>;
}
