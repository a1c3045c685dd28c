'use client';
// A session's messages in order, a page at a time, oldest or newest first (`?order=` and `?page=` in the URL). Each
// message shows its speaker (in the speaker's colour), time and content (very long ones folded); its metadata
// unfolds on request, and its tools (copy id, facts from it, delete) sit below it.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/trpc/react';
import { peerHref, sessionHref } from '../shell/app-paths';
import { PagedList } from '../ui/paged-list';
import { withQuery } from '../ui/query-string';
import { Panel } from '../ui/table';
import { TabLink, TabLinks } from '../ui/tab-links';
import { Timestamp } from '../ui/timestamp';
import { useUrlTarget } from '../ui/use-url-target';
import { ClampedText } from './clamped-text';
import { MessageActions } from './message-actions';
import { speakerColours } from './speaker-colours';
import { messagesInput, type MessageOrder, type SessionView } from './sessions-query';

export function MessageTimeline({ app, session, view, speakers }: { app: string; session: string; view: SessionView; speakers: readonly string[] }) {
  const trpc = useTRPC();
  const messages = useQuery(trpc.sessions.messages.queryOptions(messagesInput(app, session, view)));
  const target = useUrlTarget('message', 'message', Boolean(messages.data));
  const base = sessionHref(app, session);
  const colourOf = speakerColours(speakers);
  const url = (order: MessageOrder, page: number) => withQuery(base, { order, page }, { order: 'oldest', page: 1 });
  const ring = 'data-url-target:ring-2 data-url-target:ring-accent-500 data-url-target:bg-accent-50/40';

  return (
    <Panel
      id="messages-heading"
      title="Messages"
      description={messages.data ? `${messages.data.total} message${messages.data.total === 1 ? '' : 's'}` : undefined}
      actions={
        <TabLinks label="Message order" wrap={false}>
          <TabLink href={url('oldest', 1)} current={view.order === 'oldest'} size="sm">
            Oldest first
          </TabLink>
          <TabLink href={url('newest', 1)} current={view.order === 'newest'} size="sm">
            Newest first
          </TabLink>
        </TabLinks>
      }
    >
      <PagedList
        query={messages}
        loading="Loading messages"
        rows={4}
        errorTitle="Could not load the messages"
        empty={<p className="text-sm text-stone-500">No messages in this session yet.</p>}
        pagesLabel="Message pages"
        href={(page) => url(view.order, page)}
      >
        {(items) => (
          <ol aria-label="Messages" className="space-y-3">
            {items.map((message) => {
              const hasMetadata = Object.keys(message.metadata).length > 0;
              const colour = colourOf(message.peer_id);
              return (
                <li
                  key={message.id}
                  id={`message-${message.id}`}
                  tabIndex={-1}
                  data-url-target={target === message.id ? '' : undefined}
                  data-speaker={message.peer_id}
                  className={`scroll-mt-20 rounded-lg border border-l-4 border-stone-200 px-4 py-3 outline-none target:ring-2 target:ring-accent-500 ${colour.border} ${ring}`}
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
                    <Link href={peerHref(app, message.peer_id)} className={`font-mono text-[13px] font-semibold hover:underline ${colour.text}`}>
                      {message.peer_id}
                    </Link>
                    <span className="text-xs text-stone-500">
                      <Timestamp iso={message.created_at} /> · {message.token_count} tokens
                    </span>
                  </div>
                  <ClampedText text={message.content} className="mt-1.5 text-sm text-stone-800" />
                  {hasMetadata ? (
                    <details className="mt-2 text-xs">
                      <summary className="cursor-pointer select-none font-medium text-stone-600 hover:text-stone-900">Metadata</summary>
                      <pre tabIndex={0} className="mt-1.5 overflow-auto rounded-md bg-stone-100 px-3 py-2 font-mono text-stone-800">{JSON.stringify(message.metadata, null, 2)}</pre>
                    </details>
                  ) : null}
                  {/* The id is shown once, in the actions row beside its copy button. */}
                  <MessageActions app={app} session={session} message={message} />
                </li>
              );
            })}
          </ol>
        )}
      </PagedList>
    </Panel>
  );
}
