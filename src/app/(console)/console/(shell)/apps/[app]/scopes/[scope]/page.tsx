// /console/apps/{app}/scopes/{scope} — one scope: its sessions, their backfill state, adding and removing them.
import type { Metadata } from 'next';
import { ScopeScreen } from '@/components/console/scopes/scope-screen';
import { requireConsoleUser } from '@/trpc/server';

type Props = { params: Promise<{ app: string; scope: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Scope ${decodeURIComponent((await params).scope)}` };
}

export default async function ScopePage({ params }: Props) {
  await requireConsoleUser();
  const { app, scope } = await params;
  return <ScopeScreen app={decodeURIComponent(app)} scope={decodeURIComponent(scope)} />;
}
