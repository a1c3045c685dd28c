// /console/apps/{app}/playground — ask what a peer knows; `?peer=`, `?target=`, `?session=`, `?scope=`, `?level=` and
// the question `?q=` prefill the form.
import type { Metadata } from 'next';
import { PlaygroundScreen } from '@/components/console/playground/playground-screen';
import { PLAYGROUND_QUERY_MAX_CHARS } from '@/contracts/console-memory';
import { levelParam } from '@/components/console/playground/playground-query';
import { textParam } from '@/components/console/ui/query-string';
import { requireConsoleUser } from '@/trpc/server';

export const metadata: Metadata = { title: 'Playground' };

type Props = { params: Promise<{ app: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PlaygroundPage({ params, searchParams }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  const query = await searchParams;
  const initial = {
    peer: textParam(query.peer).trim(),
    target: textParam(query.target).trim(),
    session: textParam(query.session).trim(),
    scope: textParam(query.scope).trim(),
    level: levelParam(query.level),
    // The question may be longer than an id: the same cap as the form's.
    query: ((Array.isArray(query.q) ? query.q[0] : query.q) ?? '').slice(0, PLAYGROUND_QUERY_MAX_CHARS),
  };
  return <PlaygroundScreen app={app} initial={initial} />;
}
