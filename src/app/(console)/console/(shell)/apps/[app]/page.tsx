// /console/apps/{app} — how to connect, key count, details.
import type { Metadata } from 'next';
import { AppOverview } from '@/components/console/apps/app-overview';
import { requestOrigin } from '../../../request-origin';

type Props = { params: Promise<{ app: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).app) };
}

export default async function AppOverviewPage({ params }: Props) {
  const app = decodeURIComponent((await params).app);
  return <AppOverview app={app} baseUrl={await requestOrigin()} />;
}
