'use client';
// Email + password sign-in (and GitHub when configured) through Auth.js's own endpoints. Failures come back as an
// error code; the message never says whether the email has an account.
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '../ui/button';
import { FormError, TextField } from '../ui/field';
import { safeCallback } from './sign-in-target';

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Email or password is incorrect.',
  Throttled: 'Too many sign-in attempts. Wait 15 minutes, then try again.',
  AccessDenied: 'This account cannot sign in.',
  GithubEmailUnverified: 'Your GitHub account has no verified email address. Verify one on GitHub, then try again.',
  OAuthCallbackError: 'GitHub sign-in did not complete. Try again.',
  Configuration: 'Sign-in is misconfigured on the server. Check its log.',
  Unavailable: 'The server cannot reach its database right now. Try again in a few seconds.',
};

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return ERROR_MESSAGES[code] ?? 'Sign-in failed. Try again.';
}

/** The error code to show for a failed sign-in: Auth.js's `code` names our own reasons, `error` its generic ones. */
function codeOf(result: { error?: string; code?: string } | undefined): string {
  if (result?.code === 'throttled') return 'Throttled';
  if (result?.code === 'unavailable') return 'Unavailable';
  return result?.error ?? 'CredentialsSignin';
}

export function SignInForm({ githubEnabled, callbackUrl, initialError }: { githubEnabled: boolean; callbackUrl?: string; initialError?: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [pending, setPending] = useState<'credentials' | 'github' | null>(null);
  const target = safeCallback(callbackUrl);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending('credentials');
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result || result.error) {
        setError(signInErrorMessage(codeOf(result)));
        setPending(null);
        return;
      }
      router.replace(target);
      router.refresh();
    } catch {
      setError('Could not reach the server. Try again.');
      setPending(null);
    }
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4">
        <FormError message={error} />
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" className="w-full" pending={pending === 'credentials'} disabled={pending !== null}>
          Sign in
        </Button>
      </form>
      {githubEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-stone-400">
            <span className="h-px flex-1 bg-stone-200" /> or <span className="h-px flex-1 bg-stone-200" />
          </div>
          <Button
            variant="secondary"
            className="w-full"
            pending={pending === 'github'}
            disabled={pending !== null}
            onClick={() => {
              setPending('github');
              void signIn('github', { redirectTo: target });
            }}
          >
            <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="currentColor">
              <path d="M8 0C3.58 0 0 3.58 0 8a8 8 0 0 0 5.47 7.59c.4.07.55-.17.55-.38v-1.33c-2.23.48-2.7-1.07-2.7-1.07-.36-.92-.89-1.17-.89-1.17-.73-.5.06-.49.06-.49.8.06 1.23.83 1.23.83.72 1.23 1.88.87 2.34.67.07-.52.28-.87.51-1.07-1.78-.2-3.65-.89-3.65-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82a7.6 7.6 0 0 1 4 0c1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48v2.2c0 .21.15.46.55.38A8 8 0 0 0 16 8c0-4.42-3.58-8-8-8" />
            </svg>
            Continue with GitHub
          </Button>
        </>
      ) : null}
    </div>
  );
}
