'use client';
// First-run sign-up: creates the instance's first account and its organization, then signs straight in.
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@/contracts/console';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { FormError, TextField } from '../ui/field';
import { changedField, errorMessage, fieldIssues, withoutError } from '../ui/trpc-errors';

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const create = useMutation(trpc.account.createFirstAccount.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get('name') ?? '').trim() || undefined,
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      organizationName: String(form.get('organizationName') ?? '').trim() || undefined,
    };
    const local: Record<string, string> = {};
    if (input.password.length < PASSWORD_MIN_LENGTH) local.password = `Use at least ${PASSWORD_MIN_LENGTH} characters`;
    if (input.password !== String(form.get('confirm') ?? '')) local.confirm = 'The passwords do not match';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return focusFirstInvalid(event.currentTarget);

    try {
      await create.mutateAsync(input);
    } catch (error) {
      const issues = fieldIssues(error);
      setErrors(issues);
      setFormError(Object.keys(issues).length ? null : errorMessage(error));
      return focusFirstInvalid(event.currentTarget);
    }
    setSigningIn(true);
    const result = await signIn('credentials', { email: input.email, password: input.password, redirect: false });
    if (!result || result.error) {
      router.replace('/console/sign-in');
      return;
    }
    router.replace('/console');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} onChange={(e) => setErrors((current) => withoutError(current, changedField(e)))} className="space-y-4">
      <FormError message={formError} />
      <TextField label="Your name" name="name" autoComplete="name" aside="optional" error={errors.name} maxLength={100} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} autoFocus />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.password}
      />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <TextField
        label="Organization"
        name="organizationName"
        aside="optional"
        placeholder="Acme Inc."
        hint="Owns your apps and their API keys."
        error={errors.organizationName}
        maxLength={100}
      />
      <Button type="submit" className="w-full" pending={create.isPending || signingIn}>
        {signingIn ? 'Signing in…' : 'Create account'}
      </Button>
    </form>
  );
}

function focusFirstInvalid(form: HTMLFormElement) {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
