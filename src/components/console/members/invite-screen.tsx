'use client';
// What an invitation link offers: when it is no longer open, why; signed in as the invited email, a button to join;
// signed in as someone else, how to switch; signed out, a form creating the invited account (or a sign-in link back
// here when the account exists).
import { useMutation } from '@tanstack/react-query';
import { signIn, signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import type { InvitationPreview } from '@/trpc/types';
import { signInUrlFor } from '../auth/sign-in-target';
import { Button, buttonClasses } from '../ui/button';
import { FormError, TextField } from '../ui/field';
import { errorMessage, fieldIssues } from '../ui/trpc-errors';
import Link from 'next/link';

const CLOSED: Record<Exclude<InvitationPreview['state'], 'open'>, string> = {
  used: 'This invitation has already been used.',
  expired: 'This invitation has expired. Ask an owner of the organization for a new one.',
  revoked: 'This invitation was withdrawn. Ask an owner of the organization for a new one.',
};

export function InviteScreen({ token, preview, signedInEmail }: { token: string; preview: InvitationPreview; signedInEmail: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const signUp = useMutation(trpc.invitations.signUp.mutationOptions());
  const [signInError, setSignInError] = useState<string | null>(null);
  const here = `/console/invite/${encodeURIComponent(token)}`;

  if (preview.state !== 'open') {
    return (
      <div className="space-y-4 text-sm text-stone-700">
        <p>{CLOSED[preview.state]}</p>
        <Link href="/console" className={buttonClasses('secondary')}>
          Open the console
        </Link>
      </div>
    );
  }

  async function join() {
    try {
      await accept.mutateAsync({ token });
      router.replace('/console');
      router.refresh();
    } catch {
      // Shown below from the mutation's state.
    }
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    try {
      await signUp.mutateAsync({ token, password, name: String(form.get('name') ?? '') || undefined });
    } catch {
      return;
    }
    const result = await signIn('credentials', { email: preview.email, password, redirect: false });
    if (!result || result.error) {
      setSignInError('Your account was created, but signing in failed. Sign in with your new password.');
      return;
    }
    router.replace('/console');
    router.refresh();
  }

  if (signedInEmail === preview.email) {
    return (
      <div className="space-y-4">
        <FormError message={accept.isError ? errorMessage(accept.error) : null} />
        <Button onClick={() => void join()} pending={accept.isPending} className="w-full">
          Join {preview.organizationName}
        </Button>
      </div>
    );
  }

  if (signedInEmail) {
    return (
      <div className="space-y-4 text-sm text-stone-700">
        <p>
          You are signed in as <strong className="font-semibold text-stone-900">{signedInEmail}</strong>. This invitation is for {preview.email}.
        </p>
        <Button variant="secondary" className="w-full" onClick={() => void signOut({ redirectTo: signInUrlFor(here) })}>
          Sign out and continue as {preview.email}
        </Button>
      </div>
    );
  }

  if (preview.accountExists) {
    return (
      <a href={signInUrlFor(here)} className={buttonClasses('primary', 'md', 'w-full')}>
        Sign in as {preview.email} to join
      </a>
    );
  }

  const issues = signUp.isError ? fieldIssues(signUp.error) : {};
  return (
    <form onSubmit={(e) => void create(e)} className="space-y-4">
      <FormError message={signInError ?? (signUp.isError && !issues.password ? errorMessage(signUp.error) : null)} />
      <TextField label="Email" name="email" type="email" value={preview.email} readOnly autoComplete="username" />
      <TextField label="Name" name="name" autoComplete="name" aside="optional" />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={8} error={issues.password} hint="At least 8 characters." />
      <Button type="submit" pending={signUp.isPending} className="w-full">
        Create account and join
      </Button>
    </form>
  );
}
