// /console/apps/{app}/members — people of the organization that owns the app: roles, invitations.
import type { Metadata } from 'next';
import { MembersScreen } from '@/components/console/members/members-screen';
import { trpc } from '@/trpc/server';
import { appScreenPage, noView } from '../../../../app-screen-page';

export const metadata: Metadata = { title: 'Members' };

export default appScreenPage({
  view: noView,
  prefetch: (queryClient, app) => queryClient.prefetchQuery(trpc.members.list.queryOptions({ app })),
  screen: (app) => <MembersScreen app={app} />,
});
