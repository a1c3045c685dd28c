// /console/sign-in — email + password (and GitHub when configured). Sends first-run visitors to the sign-up.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/console/auth/auth-card';
import { SignInForm } from '@/components/console/auth/sign-in-form';
import { safeCallback } from '@/components/console/auth/sign-in-target';
import { api } from '@/trpc/server';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: Props) {
  const [state, current, params] = await Promise.all([api.account.setupState(), api.account.current(), searchParams]);
  if (state.needsFirstAccount) redirect('/console/sign-up');
  // Already signed in (another tab, or a deep link followed after signing in): go where the link pointed.
  if (current) redirect(safeCallback(first(params.callbackUrl)));
  return (
    <AuthCard
      title="Sign in to the console"
      description="Manage your apps, API keys and audit log."
      footer={
        <a href="/docs" className="hover:text-stone-900">
          API reference
        </a>
      }
    >
      <SignInForm githubEnabled={state.githubEnabled} callbackUrl={first(params.callbackUrl)} initialError={first(params.error)} />
    </AuthCard>
  );
}
