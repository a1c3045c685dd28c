// Home page: what Rapport is, where the console and the API reference live, and how to start. Static, no database.
import Link from 'next/link';

import { FeatureGrid } from '@/components/home/feature-grid';
import { QuickStart } from '@/components/home/quick-start';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';

const STEPS = [
  {
    label: 'Store',
    title: 'Every conversation, per user',
    body: 'Send messages as they happen. Rapport keeps them per workspace, user and session, searchable by meaning and by word.',
  },
  {
    label: 'Derive',
    title: 'Facts, in the background',
    body: 'A worker reads new messages and writes down what they reveal about each user — preferences, plans, context.',
  },
  {
    label: 'Ask',
    title: 'Answers, on demand',
    body: 'Ask a question about a user in plain language, or fetch a ready-made context block for your next prompt.',
  },
] as const;

export default function HomePage() {
  return (
    <>
      <SiteHeader current="home" />
      <main>
        <section className="relative overflow-hidden">
          <div
            aria-hidden
            className="pointer-events-none absolute inset-x-0 -top-40 h-96 bg-[radial-gradient(ellipse_at_top,var(--color-accent-100),transparent_65%)]"
          />
          <div className="relative mx-auto max-w-6xl px-5 pb-16 pt-20 sm:pt-28">
            <p className="inline-flex items-center gap-2 rounded-full border border-accent-200 bg-white px-3 py-1 text-xs font-medium text-accent-800">
              <span aria-hidden className="size-1.5 rounded-full bg-accent-500" />
              Wire-compatible with Honcho v3
            </p>
            <h1 className="mt-6 max-w-3xl text-4xl font-semibold tracking-tight text-stone-900 sm:text-5xl">
              User context management for LLM apps.
            </h1>
            <p className="mt-6 max-w-2xl text-lg leading-relaxed text-stone-600">
              Rapport stores every conversation with each of your users, derives facts about them in the background and
              answers questions about a user whenever your app asks. Self-hosted, and compatible with the official{' '}
              <code className="rounded bg-stone-100 px-1.5 py-0.5 text-base text-stone-800">@honcho-ai/sdk</code>.
            </p>
            <div className="mt-8 flex flex-wrap items-center gap-3">
              <Link
                href="/console"
                prefetch={false}
                className="rounded-lg bg-accent-600 px-4 py-2.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-accent-700"
              >
                Open the console
              </Link>
              <Link
                href="/docs"
                className="rounded-lg border border-stone-300 bg-white px-4 py-2.5 text-sm font-medium text-stone-800 transition-colors hover:border-stone-400"
              >
                API reference
              </Link>
              <a href="/openapi.json" className="px-2 py-2.5 text-sm font-medium text-stone-600 hover:text-stone-900">
                openapi.json →
              </a>
            </div>
          </div>
        </section>

        <section aria-label="How Rapport works" className="mx-auto max-w-6xl px-5 pb-4">
          <ol className="grid gap-4 md:grid-cols-3">
            {STEPS.map((step, index) => (
              <li key={step.label} className="rounded-xl border border-stone-200 bg-white p-6 shadow-xs">
                <p className="flex items-center gap-2 text-sm font-semibold text-accent-700">
                  <span className="grid size-6 place-items-center rounded-full bg-accent-50 text-xs">{index + 1}</span>
                  {step.label}
                </p>
                <h2 className="mt-3 font-medium text-stone-900">{step.title}</h2>
                <p className="mt-2 text-sm leading-relaxed text-stone-600">{step.body}</p>
              </li>
            ))}
          </ol>
        </section>

        <FeatureGrid />
        <QuickStart />
      </main>
      <SiteFooter />
    </>
  );
}
