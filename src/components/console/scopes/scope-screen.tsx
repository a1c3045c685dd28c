'use client';
// One scope: its sessions with their backfill state (pending while the worker copies what the session's peers said
// about themselves into the scope, completed with the count, or failed), sessions being removed, and — for owners —
// adding sessions by id and removing one after confirmation. Links lead to the scope's facts and its playground.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { appHref, sessionHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button, buttonClasses } from '../ui/button';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { FormError, inputClasses } from '../ui/field';
import { LayersIcon } from '../ui/icons';
import { JsonBlock } from '../ui/json-block';
import { withQuery } from '../ui/query-string';
import { DetailFallback } from '../ui/detail-fallback';
import { DetailHeader } from '../ui/detail-header';
import { formatCount, Panel, tableClasses, tdClasses, theadClasses, Th } from '../ui/table';
import { useToast } from '../ui/toast';
import { errorMessage, fieldIssues } from '../ui/trpc-errors';
import { Timestamp } from '../ui/timestamp';

type Scope = RouterOutputs['scopes']['get'];
type Backfill = Scope['sessions'][number]['backfill'];

export function ScopeScreen({ app, scope }: { app: string; scope: string }) {
  const trpc = useTRPC();
  const details = useQuery({
    ...trpc.scopes.get.queryOptions({ app, scope }),
    // While sessions are being copied in or out, check back every few seconds.
    refetchInterval: (query) => (query.state.data && hasPending(query.state.data) ? 3_000 : false),
  });
  const [removing, setRemoving] = useState<string | null>(null);

  if (details.isPending || details.isError) {
    return (
      <DetailFallback
        query={details}
        loading="Loading the scope"
        errorTitle="Could not load this scope"
        notFound={{ icon: <LayersIcon className="size-5" />, title: 'Scope not found', body: `There is no scope “${scope}” in this app.`, backHref: appHref(app, 'scopes'), backLabel: 'Back to scopes' }}
      />
    );
  }
  const data = details.data;

  return (
    <div className="space-y-6">
      <DetailHeader
        id={data.id}
        tag={<Badge tone="accent">Scope</Badge>}
        summary={
          <>
            Created <Timestamp iso={data.createdAt} /> · {formatCount(data.sessions.length)} session{data.sessions.length === 1 ? '' : 's'}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={withQuery(appHref(app, 'facts'), { scope: data.id })} className={buttonClasses('secondary', 'sm')}>
              Facts in this scope
            </Link>
            <Link href={withQuery(appHref(app, 'playground'), { scope: data.id })} className={buttonClasses('secondary', 'sm')}>
              Ask through this scope
            </Link>
          </div>
        }
      />

      {data.canManage ? <AddSessions app={app} scope={data.id} /> : (
        <p className="text-sm text-stone-600">Only owners of this app can add or remove a scope’s sessions.</p>
      )}

      <Panel id="scope-sessions-heading" title="Sessions" description="What the scope sees. A session added with messages is backfilled: the facts its peers hold about themselves from it are copied in.">
        {data.sessions.length === 0 ? (
          <p className="text-sm text-stone-500">No sessions in this scope yet.</p>
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <table className={tableClasses}>
              <caption className="sr-only">Sessions of scope {data.id} with their backfill state</caption>
              <thead className={theadClasses}>
                <tr>
                  <Th>Session</Th>
                  <Th align="right">Messages</Th>
                  <Th>Backfill</Th>
                  <Th>Added</Th>
                  {data.canManage ? (
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {data.sessions.map((session) => (
                  <tr key={session.id} className="text-stone-700">
                    <td className={tdClasses}>
                      <Link href={sessionHref(app, session.id)} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
                        {session.id}
                      </Link>
                    </td>
                    <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(session.messageCount)}</td>
                    <td className={tdClasses}>
                      <BackfillBadge backfill={session.backfill} />
                    </td>
                    <td className={`${tdClasses} whitespace-nowrap`}>
                      <Timestamp iso={session.joinedAt} relative />
                    </td>
                    {data.canManage ? (
                      <td className={`${tdClasses} text-right`}>
                        <Button variant="dangerGhost" size="sm" onClick={() => setRemoving(session.id)} aria-label={`Remove ${session.id} from scope ${data.id}`}>
                          Remove
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.removing.length > 0 ? (
          <div className="mt-4">
            <h3 className="text-sm font-medium text-stone-800">Being removed</h3>
            <ul className="mt-1 space-y-1 text-sm text-stone-700">
              {data.removing.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-[13px]">{r.id}</span>
                  <Badge tone={r.state === 'failed' ? 'danger' : 'warning'}>{r.state === 'failed' ? 'Removal failed' : 'Removing its facts'}</Badge>
                  <span className="text-xs text-stone-500">
                    since <Timestamp iso={r.updatedAt} relative />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Panel>

      <Panel id="scope-metadata-heading" title="Metadata">
        <JsonBlock value={data.metadata} label="Metadata" />
      </Panel>

      {removing ? <RemoveSessionDialog app={app} scope={data.id} session={removing} onClose={() => setRemoving(null)} /> : null}
    </div>
  );
}

function hasPending(scope: Scope): boolean {
  return scope.sessions.some((s) => s.backfill?.state === 'pending') || scope.removing.some((r) => r.state === 'pending');
}

function BackfillBadge({ backfill }: { backfill: Backfill }) {
  if (!backfill) return <span className="text-xs text-stone-500">Joined empty</span>;
  if (backfill.state === 'pending') return <Badge tone="warning">Copying…</Badge>;
  if (backfill.state === 'failed') return <Badge tone="danger">Failed (see the queue)</Badge>;
  return <Badge tone="success">Copied {formatCount(backfill.docsCopied ?? 0)} fact{backfill.docsCopied === 1 ? '' : 's'}</Badge>;
}

function AddSessions({ app, scope }: { app: string; scope: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const sessions = useQuery(trpc.sessions.list.queryOptions({ app, state: 'all', page: 1, size: 100 }));
  const add = useMutation(trpc.scopes.addSessions.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const ids = String(new FormData(form).get('sessions') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (ids.length === 0) return setError('Type one or more session ids.');
    setError(null);
    try {
      await add.mutateAsync({ app, scope, sessions: ids });
      await queryClient.invalidateQueries(trpc.scopes.pathFilter());
      toast.show(`Added ${ids.length} session${ids.length === 1 ? '' : 's'} to ${scope}`);
      form.reset();
    } catch (e) {
      setError(fieldIssues(e).sessions ?? errorMessage(e));
    }
  }

  return (
    <form aria-label="Add sessions to this scope" onSubmit={(e) => void onSubmit(e)} className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
      <label htmlFor="scope-add-sessions" className="block text-sm font-medium text-stone-800">
        Add sessions <span className="font-normal text-stone-500">(ids separated by spaces or commas, up to 100)</span>
      </label>
      <div className="mt-1.5 flex flex-wrap items-start gap-3">
        <input id="scope-add-sessions" name="sessions" list="scope-session-ids" autoComplete="off" spellCheck={false} placeholder="session-1 session-2" className={`min-w-0 flex-1 ${inputClasses}`} />
        <datalist id="scope-session-ids">{sessions.data?.items.map((s) => <option key={s.id} value={s.id} />)}</datalist>
        <Button type="submit" pending={add.isPending}>
          Add
        </Button>
      </div>
      <div className="mt-2">
        <FormError message={error} />
      </div>
    </form>
  );
}

function RemoveSessionDialog({ app, scope, session, onClose }: { app: string; scope: string; session: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation(trpc.scopes.removeSession.mutationOptions());

  async function onConfirm() {
    await remove.mutateAsync({ app, scope, session });
    await queryClient.invalidateQueries(trpc.scopes.pathFilter());
    toast.show(`Removed ${session} from ${scope}`);
    onClose();
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={`Remove ${session} from ${scope}?`}
      description="The session itself stays."
      confirmLabel="Remove session"
      onConfirm={onConfirm}
      pending={remove.isPending}
    >
      <p className="text-sm text-stone-700">
        The scope stops seeing this session at once. In the background, every fact the scope holds from it — copied in or derived — is deleted, with the
        scope’s facts built on them, and the scope’s cards are rebuilt.
      </p>
    </ConfirmDialog>
  );
}
