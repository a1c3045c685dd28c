'use client';
// An app's usage: requests, errors and latency from the API, model tokens and their cost, per UTC day over a chosen
// window, then per credential and per task and model. Cost counts only models with a configured price.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { USAGE_WINDOWS } from '@/contracts/console-usage';
import { useTRPC } from '@/trpc/react';
import { ActivityChart } from '../overview/activity-chart';
import { appHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { EmptyState, ErrorState, SkeletonRows } from '../ui/states';
import { formatCount, tableClasses, tableFrame, tdClasses, Th, theadClasses } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';
import { withQuery } from '../ui/query-string';
import { formatMs, formatTokens, formatUsd, TASK_LABELS } from './usage-format';
import type { UsageWindow } from './usage-query';

const tab =
  'rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 hover:text-stone-900 aria-[current=page]:bg-white aria-[current=page]:text-stone-900 aria-[current=page]:shadow-xs';

export function UsageScreen({ app, days }: { app: string; days: UsageWindow }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.usage.summary.queryOptions({ app, days }));
  const base = appHref(app, 'usage');
  const caption = `last ${days} days (UTC)`;
  const data = usage.data;

  return (
    <section aria-labelledby="usage-heading" className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="usage-heading" className="text-lg font-semibold text-stone-900">
            Usage
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">
            API requests by credential and model tokens by task, per UTC day. Figures are written every few seconds; cost counts only models with a
            price in <code className="font-mono text-[13px]">USAGE_MODEL_PRICES</code>.
          </p>
        </div>
        <nav aria-label="Window" className="flex rounded-lg bg-stone-100 p-1">
          {USAGE_WINDOWS.map((d) => (
            <Link key={d} href={withQuery(base, { days: d }, { days: 30 })} aria-current={d === days ? 'page' : undefined} className={tab}>
              {d} days
            </Link>
          ))}
        </nav>
      </div>

      {usage.isPending ? <SkeletonRows rows={4} label="Loading usage" /> : null}
      {usage.isError ? <ErrorState title="Could not load usage" message={errorMessage(usage.error)} onRetry={() => void usage.refetch()} /> : null}
      {data ? (
        <>
          <dl className="grid grid-cols-2 gap-4 lg:grid-cols-5">
            <Stat label="Requests" value={formatCount(data.totals.requests)} />
            <Stat label="Errors (4xx/5xx)" value={formatCount(data.totals.errors)} />
            <Stat label="Latency p50 / p95" value={`${formatMs(data.totals.p50Ms)} / ${formatMs(data.totals.p95Ms)}`} />
            <Stat label="Tokens in / out" value={`${formatTokens(data.totals.inputTokens)} / ${formatTokens(data.totals.outputTokens)}`} />
            <Stat label="Cost" value={formatUsd(data.totals.costUsd)} note={data.totals.unpriced ? 'some models have no price' : undefined} />
          </dl>

          <div className="grid gap-4 lg:grid-cols-3">
            <ActivityChart
              id="chart-requests"
              title="Requests per day"
              caption={caption}
              rows={data.days.map((d) => ({ day: d.day, ok: d.requests - d.errors, errors: d.errors }))}
              series={[
                { key: 'ok', label: 'Succeeded', color: 'var(--color-accent-600)' },
                { key: 'errors', label: 'Errors', color: 'var(--color-red-500)' },
              ]}
            />
            <ActivityChart
              id="chart-tokens"
              title="Model tokens per day"
              caption={caption}
              rows={data.days}
              series={[
                { key: 'inputTokens', label: 'Input', color: 'var(--color-accent-600)' },
                { key: 'outputTokens', label: 'Output', color: 'var(--color-accent-300)' },
              ]}
            />
            <ActivityChart id="chart-cost" title="Cost per day" caption={caption} rows={data.days} format={formatUsd} series={[{ key: 'costUsd', label: 'USD', color: 'var(--color-emerald-500)' }]} />
          </div>

          <section aria-labelledby="usage-keys-heading">
            <h3 id="usage-keys-heading" className="mb-2 text-base font-semibold text-stone-900">
              Requests by credential
            </h3>
            {data.byKey.length === 0 ? (
              <EmptyState title="No API requests in this window" body="Requests appear here a few seconds after your app makes them." />
            ) : (
              <div className={tableFrame}>
                <table className={tableClasses}>
                  <thead className={theadClasses}>
                    <tr>
                      <Th>Credential</Th>
                      <Th align="right">Requests</Th>
                      <Th align="right">Errors</Th>
                      <Th align="right">p50</Th>
                      <Th align="right">p95</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {data.byKey.map((k) => (
                      <tr key={k.id}>
                        <td className={tdClasses}>
                          <span className="font-medium text-stone-900">{k.label}</span>{' '}
                          {k.kind === 'key' ? <code className="ml-1 font-mono text-xs text-stone-500">{k.id.slice(4)}</code> : null}
                        </td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(k.requests)}</td>
                        <td className={`${tdClasses} text-right tabular-nums ${k.errors > 0 ? 'text-red-700' : ''}`}>{formatCount(k.errors)}</td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{formatMs(k.p50Ms)}</td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{formatMs(k.p95Ms)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="usage-models-heading">
            <h3 id="usage-models-heading" className="mb-2 text-base font-semibold text-stone-900">
              Model use by task
            </h3>
            {data.byModel.length === 0 ? (
              <EmptyState title="No model calls in this window" body="Derivation, summaries, dreams, chat and embeddings count here when they use a configured model." />
            ) : (
              <div className={tableFrame}>
                <table className={tableClasses}>
                  <thead className={theadClasses}>
                    <tr>
                      <Th>Task</Th>
                      <Th>Model</Th>
                      <Th align="right">Calls</Th>
                      <Th align="right">Input tokens</Th>
                      <Th align="right">Output tokens</Th>
                      <Th align="right">Cost</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {data.byModel.map((m) => (
                      <tr key={`${m.task}/${m.model}`}>
                        <td className={`${tdClasses} font-medium text-stone-900`}>{TASK_LABELS[m.task] ?? m.task}</td>
                        <td className={tdClasses}>
                          <code className="font-mono text-[13px] text-stone-800">{m.model}</code>
                        </td>
                        <td className={`${tdClasses} text-right tabular-nums`}>
                          {formatCount(m.calls)}
                          {m.errors > 0 ? <span className="ml-1 text-red-700">({formatCount(m.errors)} failed)</span> : null}
                        </td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(m.inputTokens)}</td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(m.outputTokens)}</td>
                        <td className={`${tdClasses} text-right tabular-nums`}>{m.costUsd === null ? <Badge>no price</Badge> : formatUsd(m.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white px-5 py-4 shadow-xs">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-stone-900">{value}</dd>
      {note ? <dd className="mt-0.5 text-xs text-stone-500">{note}</dd> : null}
    </div>
  );
}
