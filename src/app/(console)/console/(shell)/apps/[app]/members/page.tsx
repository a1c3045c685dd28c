// /console/apps/{app}/members — people of the organization that owns the app: roles, invitations.
import type { Metadata } from 'next';
import { MembersScreen } from '@/components/console/members/members-screen';
import { getQueryClient, HydrateClient, requireConsoleUser, trpc } from '@/trpc/server';

export const metadata: Metadata = { title: 'Members' };

type Props = { params: Promise<{ app: string }> };

export default async function MembersPage({ params }: Props) {
  await requireConsoleUser();
  const app = decodeURIComponent((await params).app);
  await getQueryClient().prefetchQuery(trpc.members.list.queryOptions({ app }));
  return (
    <HydrateClient>
      <MembersScreen app={app} />
    </HydrateClient>
  );
}
