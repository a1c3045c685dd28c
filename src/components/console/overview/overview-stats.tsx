'use client';
// The overview's numbers, 30-day charts and the engines and storage serving the app.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import { appHref, type AppSection } from '../shell/app-paths';
import { ErrorState, SkeletonRows } from '../ui/states';
import { formatCount, Panel } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';
import { ActivityChart } from './activity-chart';

type Span = { oldest: string; newest: string; importedBefore: number };

/** Message times are the app's own (imported history keeps its dates); the charts count by the time received. */
function MessageTimes({ span }: { span: Span }) {
  const day = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  return (
    <p className="text-sm text-stone-600">
      Message times span <span className="font-medium text-stone-800">{day(span.oldest)}</span> to{' '}
      <span className="font-medium text-stone-800">{day(span.newest)}</span> (UTC).
      {span.importedBefore > 0 ? (
        <>
          {' '}
          <span className="tabular-nums">{formatCount(span.importedBefore)}</span> message{span.importedBefore === 1 ? ' was' : 's were'} received in the
          last 30 days with an older message time (imported history); the charts count them on the day they were received.
        </>
      ) : null}
    </p>
  );
}

const STATS: { key: 'peers' | 'sessions' | 'messages' | 'conclusions'; label: string; section: AppSection | null }[] = [
  { key: 'peers', label: 'Users', section: 'users' },
  { key: 'sessions', label: 'Sessions', section: 'sessions' },
  { key: 'messages', label: 'Messages', section: 'search' },
  { key: 'conclusions', label: 'Conclusions', section: null },
];

const ENGINE_ROWS = [
  ['deriver', 'Deriver'],
  ['summary', 'Summaries'],
  ['dream', 'Dreams'],
  ['dialectic', 'Dialectic'],
  ['embedder', 'Embedder'],
] as const;

export function OverviewStats({ app }: { app: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.overview.get.queryOptions({ app }));
  if (overview.isPending) return <SkeletonRows rows={3} label="Loading the overview" />;
  if (overview.isError) return <ErrorState title="Could not load the overview" message={errorMessage(overview.error)} onRetry={() => void overview.refetch()} />;
  const { counts, days, engines, database, messageTimes } = overview.data;

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {STATS.map((stat) => (
          <div key={stat.key} className="rounded-xl border border-stone-200 bg-white px-5 py-4 shadow-xs">
            <dt className="text-sm text-stone-600">
              {stat.section ? (
                <Link href={appHref(app, stat.section)} className="hover:text-accent-700 hover:underline">
                  {stat.label}
                </Link>
              ) : (
                stat.label
              )}
            </dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums text-stone-900">{formatCount(counts[stat.key])}</dd>
          </div>
        ))}
      </dl>

      {messageTimes ? <MessageTimes span={messageTimes} /> : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <ActivityChart id="chart-messages" title="Messages per day" basis="by time received" rows={days} series={[{ key: 'messages', label: 'Messages', color: 'var(--color-accent-600)' }]} />
        <ActivityChart id="chart-conclusions" title="Conclusions per day" basis="by time derived" rows={days} series={[{ key: 'conclusions', label: 'Conclusions', color: 'var(--color-accent-300)' }]} />
        <ActivityChart
          id="chart-queue"
          title="Reasoning work per day"
          basis="by time finished; derivation, summaries, dreams"
          rows={days}
          series={[
            { key: 'completed', label: 'Completed', color: 'var(--color-emerald-500)' },
            { key: 'failed', label: 'Failed', color: 'var(--color-red-500)' },
          ]}
        />
      </div>

      <Panel id="engines-heading" title="Engines and storage" description="What serves this deployment. Models are set in the server's environment.">
        <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          {engines.ok ? (
            ENGINE_ROWS.map(([key, label]) => (
              <div key={key} className="flex justify-between gap-3 border-b border-stone-100 py-1.5">
                <dt className="text-stone-600">{label}</dt>
                <dd className="min-w-0 text-right font-mono text-[13px] text-stone-900 [overflow-wrap:anywhere]">
                  {engines.engines[key]}
                  {key === 'embedder' ? <span className="text-stone-500"> · {engines.engines.embeddingDimensions} dims</span> : null}
                </dd>
              </div>
            ))
          ) : (
            <div className="sm:col-span-2">
              <dt className="text-stone-600">Model engines</dt>
              <dd role="alert" className="mt-1 text-red-700">
                {engines.error}
              </dd>
            </div>
          )}
          <div className="flex justify-between gap-3 border-b border-stone-100 py-1.5">
            <dt className="text-stone-600">Database</dt>
            <dd className="text-stone-900">{database.database === 'embedded' ? 'Embedded PostgreSQL (PGlite)' : 'PostgreSQL server'}</dd>
          </div>
          <div className="flex justify-between gap-3 border-b border-stone-100 py-1.5">
            <dt className="text-stone-600">Vector search</dt>
            <dd className="text-stone-900">{database.vector === 'pgvector' ? 'pgvector (HNSW)' : database.vector === 'fallback' ? 'Exact cosine (no pgvector)' : 'Unknown'}</dd>
          </div>
        </dl>
      </Panel>
    </div>
  );
}
