'use client';
// A message's tools on the session page: copy its id, list the facts derived from it (loaded on demand, each
// linking to its place on the facts page), and delete it after confirmation — which also removes the facts derived
// only from it, as the API's delete does.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { BulbIcon, TrashIcon } from '../ui/icons';
import { withQuery } from '../ui/query-string';
import { ErrorState, SkeletonRows } from '../ui/states';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

type Props = { app: string; session: string; message: { id: string; peer_id: string; content: string } };

export function MessageActions({ app, session, message }: Props) {
  const [showFacts, setShowFacts] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const factsId = `message-facts-${message.id}`;
  return (
    <div className="mt-2">
      <div className="flex flex-wrap items-center gap-2">
        <code className="font-mono text-[11px] text-stone-500">{message.id}</code>
        <CopyButton text={message.id} label="Copy id" variant="ghost" />
        <Button variant="ghost" size="sm" aria-expanded={showFacts} aria-controls={factsId} onClick={() => setShowFacts(!showFacts)}>
          <BulbIcon className="size-3.5" /> Facts from this message
        </Button>
        <Button variant="dangerGhost" size="sm" onClick={() => setDeleting(true)} aria-label={`Delete message ${message.id}`}>
          <TrashIcon className="size-3.5" /> Delete
        </Button>
      </div>
      {showFacts ? <MessageFacts id={factsId} app={app} session={session} message={message.id} /> : null}
      <DeleteMessageDialog app={app} session={session} message={message} open={deleting} onClose={() => setDeleting(false)} />
    </div>
  );
}

function MessageFacts({ id, app, session, message }: { id: string; app: string; session: string; message: string }) {
  const trpc = useTRPC();
  const facts = useQuery(trpc.sessions.messageFacts.queryOptions({ app, session, message }));
  return (
    <div id={id} className="mt-2 rounded-md bg-stone-50 px-3 py-2">
      {facts.isPending ? <SkeletonRows rows={1} label="Loading the facts of this message" /> : null}
      {facts.isError ? <ErrorState title="Could not load the facts" message={errorMessage(facts.error)} onRetry={() => void facts.refetch()} /> : null}
      {facts.data && facts.data.length === 0 ? <p className="text-xs text-stone-600">No facts were derived from this message (yet).</p> : null}
      {facts.data && facts.data.length > 0 ? (
        <ul aria-label="Facts derived from this message" className="space-y-1.5 text-sm">
          {facts.data.map((fact) => (
            <li key={fact.id} className="flex flex-wrap items-baseline gap-2">
              <Link
                href={`${withQuery(appHref(app, 'facts'), { observer: fact.observer, observed: fact.observed })}#fact-${fact.id}`}
                className={`min-w-0 break-words hover:underline ${fact.supersededAt ? 'text-stone-500 line-through' : 'text-stone-900'}`}
              >
                {fact.content}
              </Link>
              <Badge>{fact.level}</Badge>
              <span className="text-xs text-stone-500">
                {fact.observer} about {fact.observed}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function DeleteMessageDialog({ app, session, message, open, onClose }: Props & { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation(trpc.sessions.deleteMessage.mutationOptions());

  async function onConfirm() {
    await remove.mutateAsync({ app, session, message: message.id });
    await Promise.all([
      queryClient.invalidateQueries(trpc.sessions.pathFilter()),
      queryClient.invalidateQueries({ ...trpc.facts.pathFilter(), refetchType: 'none' }),
      queryClient.invalidateQueries({ ...trpc.overview.pathFilter(), refetchType: 'none' }),
    ]);
    toast.show('Message deleted');
    onClose();
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Delete this message?"
      description="This cannot be undone."
      confirmLabel="Delete message"
      onConfirm={onConfirm}
      pending={remove.isPending}
    >
      <blockquote className="line-clamp-3 border-l-2 border-stone-300 pl-3 text-sm text-stone-700">
        <span className="font-mono text-xs font-semibold">{message.peer_id}:</span> {message.content}
      </blockquote>
      <p className="text-sm text-stone-700">The facts derived only from this message are deleted with it; summaries that covered it are rewritten on their next run.</p>
    </ConfirmDialog>
  );
}
