// /console/sign-up — first run only: exists while the instance has no account; afterwards it sends to sign-in (and
// the procedure behind the form refuses on its own, whatever this page shows).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/console/auth/auth-card';
import { SignUpForm } from '@/components/console/auth/sign-up-form';
import { api } from '@/trpc/server';

export const metadata: Metadata = { title: 'Set up Rapport' };

export default async function SignUpPage() {
  const state = await api.account.setupState();
  if (!state.needsFirstAccount) redirect('/console/sign-in');
  return (
    <AuthCard
      title="Set up Rapport"
      description="Create the first account. It owns this server's console: it can add existing workspaces as apps and issue their API keys."
      footer="This screen disappears once the first account exists."
    >
      <SignUpForm />
    </AuthCard>
  );
}
