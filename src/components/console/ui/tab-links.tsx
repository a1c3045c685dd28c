// Segmented links that switch a list's view (state, level, status, order): each is a URL, the current one marked
// with aria-current="page".
import Link from 'next/link';
import type { ReactNode } from 'react';

const sizes = { md: 'px-3 py-1.5', sm: 'px-2.5 py-1' } as const;

export function TabLinks({ label, children, wrap = true }: { label: string; children: ReactNode; wrap?: boolean }) {
  return (
    <nav aria-label={label} className={`flex ${wrap ? 'flex-wrap ' : ''}rounded-lg bg-stone-100 p-1`}>
      {children}
    </nav>
  );
}

export function TabLink({ href, current, size = 'md', children }: { href: string; current: boolean; size?: keyof typeof sizes; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`rounded-md ${sizes[size]} text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs`}
    >
      {children}
    </Link>
  );
}
