'use client';
// ⌘K / Ctrl-K anywhere in the console: type to jump to a page of the current app, another app, or one of the current
// app's users or sessions. A combobox over a listbox (arrow keys move, Enter opens, Escape closes), in a native modal
// dialog so focus is trapped and returns to where it was.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { SearchIcon } from '../ui/icons';
import { paletteItems, PALETTE_GROUP_MAX, type PaletteItem } from './palette-items';

export function CommandPalette({ currentApp, apps }: { currentApp: string | null; apps: { id: string; displayName: string | null }[] }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((was) => !was);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
        className="hidden items-center gap-2 rounded-lg border border-stone-200 bg-white px-2.5 py-1.5 text-sm text-stone-600 shadow-xs hover:text-stone-900 sm:flex"
      >
        <SearchIcon className="size-4" /> Jump to…
        <kbd className="rounded border border-stone-200 bg-stone-50 px-1 font-sans text-[11px] text-stone-600">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-label="Jump to a page, app, user or session"
        onCancel={(event) => {
          event.preventDefault();
          setOpen(false);
        }}
        onClick={(event) => {
          if (event.target === dialog.current) setOpen(false);
        }}
        className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl rounded-2xl border border-stone-200 bg-white p-0 text-stone-800 shadow-xl backdrop:bg-stone-900/40"
      >
        {open ? <PaletteBody currentApp={currentApp} apps={apps} onDone={() => setOpen(false)} /> : null}
      </dialog>
    </>
  );
}

function PaletteBody({ currentApp, apps, onDone }: { currentApp: string | null; apps: { id: string; displayName: string | null }[]; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDeferredValue(text.trim());
  const search = { enabled: Boolean(currentApp), placeholderData: keepPreviousData, staleTime: 10_000 } as const;
  const peers = useQuery({ ...trpc.peers.list.queryOptions({ app: currentApp ?? '', q: q || undefined, page: 1, size: PALETTE_GROUP_MAX }), ...search });
  const sessions = useQuery({ ...trpc.sessions.list.queryOptions({ app: currentApp ?? '', q: q || undefined, page: 1, size: PALETTE_GROUP_MAX }), ...search });
  const items = paletteItems({
    text,
    currentApp,
    apps,
    peers: peers.data?.items.map((p) => p.id) ?? [],
    sessions: sessions.data?.items.map((s) => s.id) ?? [],
  });
  const current = Math.min(active, Math.max(items.length - 1, 0));

  function go(item: PaletteItem | undefined) {
    if (!item) return;
    onDone();
    router.push(item.href);
  }

  return (
    <div>
      <div className="flex items-center gap-2 border-b border-stone-200 px-4">
        <SearchIcon className="size-4 text-stone-500" />
        <input
          autoFocus
          role="combobox"
          aria-expanded
          aria-controls={listId}
          aria-autocomplete="list"
          aria-label="Jump to"
          aria-activedescendant={items[current] ? `${listId}-${current}` : undefined}
          placeholder="Jump to a page, app, user or session…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(items.length, 1));
            else if (e.key === 'ArrowUp') setActive((current - 1 + items.length) % Math.max(items.length, 1));
            else if (e.key === 'Enter') go(items[current]);
            else return;
            e.preventDefault();
          }}
          className="h-12 w-full bg-transparent text-sm text-stone-900 outline-none placeholder:text-stone-500"
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Destinations" className="max-h-[55vh] overflow-y-auto p-2">
        {items.length === 0 ? <li className="px-3 py-6 text-center text-sm text-stone-500">Nothing matches “{text}”.</li> : null}
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            onMouseMove={() => setActive(i)}
            onClick={() => go(item)}
            className="flex cursor-pointer items-center justify-between gap-3 rounded-lg px-3 py-2 text-sm aria-selected:bg-accent-50 aria-selected:text-accent-900"
          >
            <span className="min-w-0 truncate">
              <span className="mr-2 text-xs font-medium uppercase tracking-wide text-stone-500">{item.group === 'Pages' ? 'Page' : item.group.slice(0, -1)}</span>
              <span className={item.group === 'Users' || item.group === 'Sessions' ? 'font-mono text-[13px]' : ''}>{item.label}</span>
            </span>
            <span className="shrink-0 truncate text-xs text-stone-500">{item.hint}</span>
          </li>
        ))}
      </ul>
      <p className="border-t border-stone-100 px-4 py-2 text-xs text-stone-500">↑ ↓ to move · Enter to open · Esc to close</p>
    </div>
  );
}
