// The console's table look (keys, audit, users, sessions): one frame, header and cell style.
import type { ReactNode } from 'react';

export const tableFrame = 'overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-xs';
export const tableClasses = 'w-full text-left text-sm';
export const theadClasses = 'border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-500';
export const thClasses = 'px-4 py-2.5 font-medium';
export const tdClasses = 'px-4 py-3';

export function Th({ children, className = '', align = 'left' }: { children: ReactNode; className?: string; align?: 'left' | 'right' }) {
  return (
    <th scope="col" className={`${thClasses} ${align === 'right' ? 'text-right' : ''} ${className}`}>
      {children}
    </th>
  );
}

/** A section card with a heading row (title, optional description and actions). */
export function Panel({ title, id, description, actions, children, className = '' }: { title: ReactNode; id: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-stone-200 bg-white shadow-xs ${className}`}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id={id} className="text-base font-semibold text-stone-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-stone-600">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en').format(n);
}
