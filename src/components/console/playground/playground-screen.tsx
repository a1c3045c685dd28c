'use client';
// The playground: pick who asks (observer), about whom (target, default itself), optionally a session and a reasoning
// level; ask; the answer streams in as it is written, followed by the evidence it was built from and the engine that
// answered. Asking through a scope answers as the scope, from its sessions only. The setup and the question are
// mirrored in the URL, so a question can be shared or reloaded.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { REASONING_LEVELS, type ReasoningLevel } from '@/contracts/chat';
import { PLAYGROUND_QUERY_MAX_CHARS } from '@/contracts/console-memory';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { Button, Spinner } from '../ui/button';
import { FormError, inputClasses } from '../ui/field';
import { withQuery } from '../ui/query-string';
import { Panel } from '../ui/table';
import { EvidencePanel } from './evidence-panel';
import type { PlaygroundSetup } from './playground-query';
import { usePlaygroundStream } from './use-playground-stream';

const labelClasses = 'block text-sm font-medium text-stone-800';

export function PlaygroundScreen({ app, initial }: { app: string; initial: PlaygroundSetup }) {
  const trpc = useTRPC();
  const router = useRouter();
  const peers = useQuery(trpc.peers.list.queryOptions({ app, page: 1, size: 100 }));
  const sessions = useQuery(trpc.sessions.list.queryOptions({ app, state: 'all', page: 1, size: 100 }));
  const scopes = useQuery(trpc.scopes.list.queryOptions({ app }));
  // The URL's scope first, keyed by id: its <option> stays the same element when the list arrives, so it stays selected.
  const scopeIds = [...new Set([...(initial.scope ? [initial.scope] : []), ...(scopes.data?.map((s) => s.id) ?? [])])];
  const [formError, setFormError] = useState<string | null>(null);
  const { state, ask, stop } = usePlaygroundStream();
  const streaming = state.status === 'streaming';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const setup = { peer: field('peer'), target: field('target'), session: field('session'), scope: field('scope'), level: field('level') as ReasoningLevel };
    const query = field('query');
    if (!setup.peer) return setFormError('Choose the peer who answers.');
    if (!query) return setFormError('Type a question.');
    if (setup.scope && setup.session) return setFormError('A scope already chooses the sessions: leave the session empty, or the scope.');
    setFormError(null);
    router.replace(withQuery(appHref(app, 'playground'), { ...setup, q: query }, { level: 'low' }), { scroll: false });
    ask({
      app,
      peer: setup.peer,
      target: setup.target || undefined,
      session: setup.session || undefined,
      scope: setup.scope || undefined,
      level: setup.level,
      query,
    });
  }

  return (
    <section aria-labelledby="playground-heading" className="space-y-6">
      <div>
        <h2 id="playground-heading" className="text-lg font-semibold text-stone-900">
          Playground
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-stone-600">
          Ask what a peer knows, exactly as your app would through the chat API, and see which facts and messages the answer was built from.
        </p>
      </div>

      <form aria-label="Ask a question" onSubmit={onSubmit} className="rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
          <div>
            <label htmlFor="pg-peer" className={labelClasses}>Asking peer</label>
            <input id="pg-peer" name="peer" list="pg-peers" required defaultValue={initial.peer} placeholder="alice" autoComplete="off" spellCheck={false} className={`mt-1.5 ${inputClasses}`} />
          </div>
          <div>
            <label htmlFor="pg-target" className={labelClasses}>About <span className="font-normal text-stone-500">(optional)</span></label>
            <input id="pg-target" name="target" list="pg-peers" defaultValue={initial.target} placeholder="itself" autoComplete="off" spellCheck={false} className={`mt-1.5 ${inputClasses}`} />
          </div>
          <div>
            <label htmlFor="pg-session" className={labelClasses}>Session <span className="font-normal text-stone-500">(optional)</span></label>
            <input id="pg-session" name="session" list="pg-sessions" defaultValue={initial.session} placeholder="any of its sessions" autoComplete="off" spellCheck={false} className={`mt-1.5 ${inputClasses}`} />
          </div>
          <div>
            <label htmlFor="pg-scope" className={labelClasses}>Scope <span className="font-normal text-stone-500">(optional)</span></label>
            <select id="pg-scope" name="scope" defaultValue={initial.scope} className={`mt-1.5 ${inputClasses}`}>
              <option value="">No scope</option>
              {scopeIds.map((id) => (
                <option key={id} value={id}>{id}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="pg-level" className={labelClasses}>Reasoning level</label>
            <select id="pg-level" name="level" defaultValue={initial.level} className={`mt-1.5 ${inputClasses}`}>
              {REASONING_LEVELS.map((level) => (
                <option key={level} value={level}>{level}</option>
              ))}
            </select>
          </div>
        </div>
        <datalist id="pg-peers">{peers.data?.items.map((p) => <option key={p.id} value={p.id} />)}</datalist>
        <datalist id="pg-sessions">{sessions.data?.items.map((s) => <option key={s.id} value={s.id} />)}</datalist>
        <div className="mt-4">
          <label htmlFor="pg-query" className={labelClasses}>Question</label>
          <textarea id="pg-query" name="query" rows={3} defaultValue={initial.query} maxLength={PLAYGROUND_QUERY_MAX_CHARS} placeholder="Where does alice live?" className={`mt-1.5 ${inputClasses}`} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" pending={streaming}>{streaming ? 'Answering…' : 'Ask'}</Button>
          {streaming ? <Button variant="secondary" onClick={stop}>Stop</Button> : null}
          <FormError message={formError} />
        </div>
      </form>

      {state.status !== 'idle' ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Panel
            id="answer-heading"
            title="Answer"
            description={state.start ? describeStart(state.start) : 'Preparing…'}
            actions={state.start ? <Badge tone="accent">Engine: {state.start.engine}</Badge> : undefined}
          >
            {state.status === 'error' ? <FormError message={state.error} /> : null}
            <div aria-live="polite" aria-busy={streaming} className="min-h-12 whitespace-pre-wrap break-words text-sm leading-relaxed text-stone-900" data-testid="playground-answer">
              {state.text}
              {streaming ? <Spinner className="ml-1 inline size-3.5 text-accent-600" /> : null}
            </div>
            {state.status === 'stopped' ? <p className="mt-2 text-xs text-stone-500">Stopped before the answer was complete.</p> : null}
          </Panel>
          <EvidencePanel app={app} evidence={state.evidence} pending={streaming} />
        </div>
      ) : null}
    </section>
  );
}

function describeStart(start: { observer: string; target: string; session: string | null; scope: string | null }): string {
  const who = start.scope ? `Scope ${start.scope} about ${start.target}` : `${start.observer} about ${start.target}`;
  return `${who}${start.session ? ` in ${start.session}` : ''}`;
}
