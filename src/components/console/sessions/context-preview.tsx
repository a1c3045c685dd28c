'use client';
// What GET …/sessions/{session}/context would hand an LLM for a token budget, a peer (whose representation and card
// come with it) and optionally a scope (reading them as the scope holds them): the messages that fit, the summary,
// the representation and the card, with the tokens each part took. Runs on demand, through the API's own service.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CONTEXT_MAX_TOKENS } from '@/contracts/context';
import { CONTEXT_PREVIEW_DEFAULT_TOKENS, type SessionContextInput } from '@/contracts/console-session';
import { useTRPC } from '@/trpc/react';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { FormError, inputClasses } from '../ui/field';
import { ErrorState, SkeletonRows } from '../ui/states';
import { Panel, formatCount } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';
import { ClampedText } from './clamped-text';

type Request = Omit<SessionContextInput, 'app' | 'session'>;
const labelClasses = 'block text-sm font-medium text-stone-800';

export function ContextPreview({ app, session, peers }: { app: string; session: string; peers: readonly string[] }) {
  const trpc = useTRPC();
  const scopes = useQuery(trpc.scopes.list.queryOptions({ app }));
  const [request, setRequest] = useState<Request | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const context = useQuery({ ...trpc.sessions.context.queryOptions({ app, session, ...(request ?? { tokens: 1, summary: true }) }), enabled: request !== null });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tokens = Number(form.get('tokens'));
    const peer = String(form.get('peer') ?? '');
    const scope = String(form.get('scope') ?? '');
    if (!Number.isInteger(tokens) || tokens < 1 || tokens > CONTEXT_MAX_TOKENS) return setFormError(`The budget is a whole number of tokens from 1 to ${formatCount(CONTEXT_MAX_TOKENS)}.`);
    if (scope && !peer) return setFormError('A scope reads what it holds about a peer: choose the peer too.');
    setFormError(null);
    setRequest({ tokens, summary: form.get('summary') === 'on', peer: peer || undefined, scope: scope || undefined });
  }

  const data = context.data;
  return (
    <Panel id="context-preview-heading" title="Context preview" description="What the context endpoint returns for this session: messages, summary, representation and card within a token budget.">
      <form aria-label="Context preview settings" onSubmit={onSubmit} className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="ctx-tokens" className={labelClasses}>Token budget</label>
          <input id="ctx-tokens" name="tokens" type="number" min={1} max={CONTEXT_MAX_TOKENS} defaultValue={CONTEXT_PREVIEW_DEFAULT_TOKENS} className={`mt-1.5 w-32 ${inputClasses}`} />
        </div>
        <div>
          <label htmlFor="ctx-peer" className={labelClasses}>Peer <span className="font-normal text-stone-500">(representation and card)</span></label>
          <select id="ctx-peer" name="peer" defaultValue="" className={`mt-1.5 w-48 ${inputClasses}`}>
            <option value="">None</option>
            {peers.map((peer) => (
              <option key={peer} value={peer}>{peer}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ctx-scope" className={labelClasses}>Scope <span className="font-normal text-stone-500">(optional)</span></label>
          <select id="ctx-scope" name="scope" defaultValue="" className={`mt-1.5 w-40 ${inputClasses}`}>
            <option value="">No scope</option>
            {scopes.data?.map((scope) => (
              <option key={scope.id} value={scope.id}>{scope.id}</option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-stone-800">
          <input name="summary" type="checkbox" defaultChecked className="size-4 accent-accent-700" /> Include a summary
        </label>
        <Button type="submit" pending={context.isFetching}>Preview</Button>
        <FormError message={formError} />
      </form>

      {request && context.isPending ? <SkeletonRows rows={3} label="Building the context" /> : null}
      {context.isError ? <ErrorState title="Could not build the context" message={errorMessage(context.error)} onRetry={() => void context.refetch()} /> : null}
      {data ? (
        <div className="mt-5 space-y-4" data-testid="context-result">
          <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
            <Badge tone="accent">
              {formatCount(data.messages.length)} message{data.messages.length === 1 ? '' : 's'} · {formatCount(data.messageTokens)} tokens
            </Badge>
            <Badge>{data.summary ? `Summary · ${formatCount(data.summaryTokens)} tokens` : 'No summary'}</Badge>
            <Badge>{data.peer_representation ? 'Representation included' : 'No representation'}</Badge>
            <Badge>{data.peer_card ? `Card · ${data.peer_card.length} entries` : 'No card'}</Badge>
            <span className="text-xs text-stone-500">of a {formatCount(request?.tokens ?? 0)}-token budget</span>
          </p>
          {data.summary ? (
            <section aria-label="Summary in the context">
              <h3 className="text-sm font-semibold text-stone-900">Summary</h3>
              <ClampedText text={data.summary.content} className="mt-1 max-w-prose text-sm leading-6 text-stone-800" />
            </section>
          ) : null}
          {data.peer_representation ? (
            <section aria-label="Representation in the context">
              <h3 className="text-sm font-semibold text-stone-900">Representation</h3>
              <pre tabIndex={0} className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded-md bg-stone-100 px-3 py-2 font-mono text-xs leading-relaxed text-stone-800">{data.peer_representation}</pre>
            </section>
          ) : null}
          {data.peer_card && data.peer_card.length > 0 ? (
            <section aria-label="Card in the context">
              <h3 className="text-sm font-semibold text-stone-900">Card</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-stone-800">
                {data.peer_card.map((entry, i) => (
                  <li key={i}>{entry}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-label="Messages in the context">
            <h3 className="text-sm font-semibold text-stone-900">Messages (most recent that fit, oldest first)</h3>
            {data.messages.length === 0 ? <p className="mt-1 text-sm text-stone-500">No message fits.</p> : null}
            <ol className="mt-1 space-y-1 text-sm">
              {data.messages.map((m) => (
                <li key={m.id} className="flex gap-2">
                  <span className="shrink-0 font-mono text-xs font-semibold text-stone-600">{m.peer_id}</span>
                  <span className="line-clamp-2 min-w-0 break-words text-stone-800">{m.content}</span>
                  <span className="ml-auto shrink-0 text-xs text-stone-500">{m.token_count} t</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      ) : null}
    </Panel>
  );
}
