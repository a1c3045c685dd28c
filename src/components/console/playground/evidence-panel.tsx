'use client';
// What an answer was built from (the chat API's evidence): the facts and messages the answer loop read — it
// over-reports, read is not necessarily used — and the tools a model called. Messages show their text and link to
// their place in the session; facts link to the facts page.
import Link from 'next/link';
import { appHref, sessionHref } from '../shell/app-paths';
import { MESSAGES_PAGE_SIZE } from '../sessions/sessions-query';
import { Badge } from '../ui/badge';
import { withQuery } from '../ui/query-string';
import { Panel } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import type { Evidence } from './use-playground-stream';

export function EvidencePanel({ app, evidence, pending }: { app: string; evidence: Evidence | null; pending: boolean }) {
  return (
    <Panel id="evidence-heading" title="Evidence" description="What the answer was built from.">
      {!evidence ? <p className="text-sm text-stone-500">{pending ? 'Collected when the answer is complete…' : 'No evidence: the answer did not finish.'}</p> : null}
      {evidence ? (
        <div className="space-y-4 text-sm">
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Facts ({evidence.conclusions.length})</h3>
            {evidence.conclusions.length === 0 ? <p className="mt-1 text-stone-500">None.</p> : null}
            <ul aria-label="Evidence facts" className="mt-1.5 space-y-1.5">
              {evidence.conclusions.map((c) => (
                <li key={c.id} className="flex items-start gap-2">
                  <Badge>{c.level}</Badge>
                  <Link href={`${withQuery(appHref(app, 'facts'), { level: c.level })}#fact-${c.id}`} className="min-w-0 break-words text-stone-800 hover:text-accent-700 hover:underline">
                    {c.content}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Messages ({evidence.messages.length})</h3>
            {evidence.messages.length === 0 ? <p className="mt-1 text-stone-500">None.</p> : null}
            <ul aria-label="Evidence messages" className="mt-1.5 space-y-2">
              {evidence.messages.map((m) => {
                const page = m.position === null ? 1 : Math.floor(m.position / MESSAGES_PAGE_SIZE) + 1;
                return (
                  <li key={m.id} className="rounded-md bg-stone-50 px-3 py-2">
                    <p className="whitespace-pre-wrap break-words text-stone-800">{m.content ?? <span className="italic text-stone-500">deleted since</span>}</p>
                    <p className="mt-1 text-xs text-stone-500">
                      <span className="font-mono">{m.peer}</span> · <Timestamp iso={m.createdAt} /> ·{' '}
                      <Link href={`${withQuery(sessionHref(app, m.session), { page }, { page: 1 })}#message-${m.id}`} className="font-medium text-accent-700 hover:underline">
                        Open in {m.session}
                      </Link>
                    </p>
                  </li>
                );
              })}
            </ul>
          </div>
          {evidence.toolCalls.length > 0 ? (
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">Tool calls ({evidence.toolCalls.length})</h3>
              <ol aria-label="Tool calls" className="mt-1.5 space-y-1.5">
                {evidence.toolCalls.map((call, i) => (
                  <li key={i} className="rounded-md bg-stone-50 px-3 py-2 font-mono text-xs text-stone-800">
                    <span className="font-semibold">{call.tool}</span> {JSON.stringify(call.input)}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
