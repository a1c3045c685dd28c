// /console/apps/{app}/playground — ask what a peer knows; `?peer=`, `?target=`, `?session=`, `?scope=`, `?level=` and
// the question `?q=` prefill the form.
import type { Metadata } from 'next';
import { PlaygroundScreen } from '@/components/console/playground/playground-screen';
import { PLAYGROUND_QUERY_MAX_CHARS } from '@/contracts/console-memory';
import { levelParam } from '@/components/console/playground/playground-query';
import { textParam } from '@/components/console/ui/query-string';
import { appScreenPage } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Playground' };

export default appScreenPage({
  view: (query) => ({
    peer: textParam(query.peer).trim(),
    target: textParam(query.target).trim(),
    session: textParam(query.session).trim(),
    scope: textParam(query.scope).trim(),
    level: levelParam(query.level),
    // The question may be longer than an id: the same cap as the form's.
    query: ((Array.isArray(query.q) ? query.q[0] : query.q) ?? '').slice(0, PLAYGROUND_QUERY_MAX_CHARS),
  }),
  screen: (app, initial) => <PlaygroundScreen app={app} initial={initial} />,
});
