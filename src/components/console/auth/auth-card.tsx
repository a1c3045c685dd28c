// The frame of the signed-out pages: wordmark, a card, and a line under it.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Wordmark } from '@/components/site/site-header';
import { FollowTheme } from '../theme/theme-toggle';

export function AuthCard({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="relative flex min-h-dvh flex-col items-center justify-center overflow-hidden px-5 py-12">
      <FollowTheme />
      <div aria-hidden className="pointer-events-none absolute inset-x-0 -top-40 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-accent-100),transparent_65%)]" />
      <div className="relative w-full max-w-sm">
        <Link href="/" className="mx-auto mb-8 flex w-fit rounded-md" aria-label="Rapport home">
          <Wordmark />
        </Link>
        <div className="rounded-2xl border border-stone-200 bg-white p-7 shadow-sm">
          <h1 className="text-xl font-semibold tracking-tight text-stone-900">{title}</h1>
          {description ? <div className="mt-1.5 text-sm text-stone-600">{description}</div> : null}
          <div className="mt-6">{children}</div>
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-stone-500">{footer}</div> : null}
      </div>
    </main>
  );
}
