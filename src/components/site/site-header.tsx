// The top bar of the public pages (home and API reference): wordmark plus links to the docs, the spec and the console.
import Link from 'next/link';

type Section = 'home' | 'docs';

const linkBase = 'rounded-md px-3 py-1.5 text-sm transition-colors';
const linkIdle = `${linkBase} text-stone-600 hover:bg-stone-100 hover:text-stone-900`;
const linkActive = `${linkBase} bg-stone-100 font-medium text-stone-900`;

export function Wordmark() {
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight text-stone-900">
      {/* The monogram is drawn by CSS, not text: as text it would count as visible words of the home link that its
          accessible name ("Rapport home") does not contain (axe: label-content-name-mismatch). */}
      <span
        aria-hidden
        className="grid size-7 place-items-center rounded-lg bg-accent-600 text-sm font-bold text-white shadow-sm before:content-['R']"
      />
      Rapport
    </span>
  );
}

export function SiteHeader({ current }: { current: Section }) {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200/80 bg-stone-50/85 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-5">
        <Link href="/" aria-label="Rapport home" className="rounded-md">
          <Wordmark />
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <Link href="/docs" className={current === 'docs' ? linkActive : linkIdle}>
            API reference
          </Link>
          <a href="/openapi.json" className={`${linkIdle} hidden sm:inline-block`}>
            openapi.json
          </a>
          <Link
            href="/console"
            prefetch={false}
            className="ml-2 rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white transition-colors hover:bg-stone-700"
          >
            Console
          </Link>
        </nav>
      </div>
    </header>
  );
}
