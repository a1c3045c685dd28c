'use client';
// One fact: its text, level, how often it was derived, who holds it about whom, whether it still holds (a superseded
// fact is struck through and names what replaced it), and — on expand — where it came from: the source messages
// (text inline, each linking to its place in the session timeline) and its premises, which link to their own facts.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { peerHref, sessionHref } from '../shell/app-paths';
import { factHref, messageHref } from '../shell/item-links';
import { MESSAGES_PAGE_SIZE } from '../sessions/sessions-query';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { TrashIcon } from '../ui/icons';
import { ErrorState, SkeletonRows } from '../ui/states';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { EditFactDialog } from './edit-fact-dialog';
import { FactHistory } from './fact-history';

export type Fact = RouterOutputs['facts']['list']['items'][number];

export function FactItem({ app, fact, onDelete, targeted = false }: { app: string; fact: Fact; onDelete: (fact: Fact) => void; targeted?: boolean }) {
  const [open, setOpen] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [editing, setEditing] = useState(false);
  const superseded = fact.supersededAt !== null;
  return (
    <li
      id={`fact-${fact.id}`}
      tabIndex={-1}
      data-url-target={targeted ? '' : undefined}
      aria-label={superseded ? `No longer true: ${fact.content}` : fact.content}
      className="scroll-mt-20 rounded-lg border border-stone-200 px-4 py-3 outline-none target:ring-2 target:ring-accent-500 data-url-target:ring-2 data-url-target:ring-accent-500"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <p className={`min-w-0 flex-1 break-words text-sm ${superseded ? 'text-stone-500 line-through decoration-stone-400' : 'text-stone-900'}`}>{fact.content}</p>
        <div className="flex shrink-0 flex-wrap items-center gap-1.5">
          {superseded ? <Badge tone="warning">No longer true</Badge> : null}
          {fact.timesDerived > 1 ? <Badge tone="accent">Derived {fact.timesDerived}×</Badge> : null}
        </div>
      </div>
      {superseded ? (
        <p className="mt-1.5 text-xs text-stone-600">
          Superseded <Timestamp iso={fact.supersededAt!} relative />
          {fact.supersededBy ? (
            <>
              {' '}by{' '}
              <a href={`#fact-${fact.supersededBy.id}`} className="font-medium text-accent-700 hover:underline">
                “{fact.supersededBy.content}”
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-stone-500">
        <span>
          <Link href={peerHref(app, fact.observer)} className="font-mono hover:text-stone-900 hover:underline">{fact.observer}</Link>
          {' about '}
          <Link href={peerHref(app, fact.observed)} className="font-mono hover:text-stone-900 hover:underline">{fact.observed}</Link>
          {fact.session ? (
            <>
              {' · in '}
              <Link href={sessionHref(app, fact.session)} className="font-mono hover:text-stone-900 hover:underline">{fact.session}</Link>
            </>
          ) : null}
          {' · '}
          <Timestamp iso={fact.createdAt} relative />
        </span>
        <span className="flex items-center gap-1">
          <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={`fact-sources-${fact.id}`} onClick={() => setOpen((v) => !v)}>
            {open ? 'Hide sources' : `Sources (${fact.messageCount + fact.sourceIds.length})`}
          </Button>
          <Button variant="ghost" size="sm" aria-expanded={showHistory} aria-controls={`fact-history-${fact.id}`} onClick={() => setShowHistory((v) => !v)}>
            History
          </Button>
          {superseded ? null : (
            <Button variant="ghost" size="sm" aria-label={`Edit fact: ${fact.content}`} onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          <Button variant="dangerGhost" size="sm" aria-label={`Delete fact: ${fact.content}`} onClick={() => onDelete(fact)}>
            <TrashIcon />
          </Button>
        </span>
      </div>
      {open ? <FactSources app={app} fact={fact} /> : null}
      {showHistory ? <FactHistory app={app} factId={fact.id} /> : null}
      {editing ? <EditFactDialog app={app} fact={fact} open onClose={() => setEditing(false)} /> : null}
    </li>
  );
}

function FactSources({ app, fact }: { app: string; fact: Fact }) {
  const trpc = useTRPC();
  const provenance = useQuery(trpc.facts.provenance.queryOptions({ app, id: fact.id, messagesPerPage: MESSAGES_PAGE_SIZE }));
  return (
    <div id={`fact-sources-${fact.id}`} className="mt-3 border-t border-stone-100 pt-3">
      {provenance.isPending ? <SkeletonRows rows={1} label="Loading sources" /> : null}
      {provenance.isError ? <ErrorState title="Could not load the sources" message={errorMessage(provenance.error)} onRetry={() => void provenance.refetch()} /> : null}
      {provenance.data ? (
        <div className="space-y-3">
          {provenance.data.messages.length > 0 ? (
            <div>
              <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">From messages</h4>
              <ul aria-label="Source messages" className="mt-1.5 space-y-2">
                {provenance.data.messages.map((message) => (
                  <li key={message.id} className="rounded-md bg-stone-50 px-3 py-2 text-sm">
                    <blockquote className="whitespace-pre-wrap break-words text-stone-800">{message.content}</blockquote>
                    <p className="mt-1 text-xs text-stone-500">
                      <span className="font-mono">{message.peer}</span> · <Timestamp iso={message.createdAt} /> ·{' '}
                      <Link href={messageHref(app, message)} className="font-medium text-accent-700 hover:underline">
                        Open in {message.session}
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {provenance.data.premises.length > 0 ? (
            <div>
              <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-500">From facts</h4>
              <ul aria-label="Premises" className="mt-1.5 space-y-1.5 text-sm">
                {provenance.data.premises.map((premise) => (
                  <li key={premise.id}>
                    {premise.fact ? (
                      <Link href={factHref(app, premise.fact, premise.page)} className="text-accent-700 hover:underline">
                        {premise.fact.content}
                      </Link>
                    ) : (
                      <span className="text-stone-500">
                        <span className="font-mono">{premise.id}</span> (deleted)
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {provenance.data.messages.length === 0 && provenance.data.premises.length === 0 ? (
            <p className="text-sm text-stone-500">Written directly through the API; no messages or facts behind it.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
