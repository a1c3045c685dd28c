'use client';
// Change the signed-in account's password. The server ends every session issued before the change, this one
// included, so the dialog signs in again with the new password to keep this browser signed in.
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import { Dialog } from '../ui/dialog';
import { FormError, TextField } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { errorMessage, fieldIssues } from '../ui/trpc-errors';
import { useToast } from '../ui/toast';

export function ChangePasswordDialog({ email, open, onClose }: { email: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);

  function close() {
    change.reset();
    setMismatch(false);
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('repeat') ?? '')) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    try {
      await change.mutateAsync({ currentPassword: String(form.get('currentPassword') ?? ''), newPassword });
    } catch {
      return;
    }
    const result = await signIn('credentials', { email, password: newPassword, redirect: false });
    close();
    if (!result || result.error) {
      router.replace('/console/sign-in');
      return;
    }
    toast.show('Password changed; other sessions were signed out');
    router.refresh();
  }

  const issues = change.isError ? fieldIssues(change.error) : {};
  return (
    <Dialog open={open} onClose={close} busy={change.isPending} title="Change password" description="Every other browser signed in to this account is signed out.">
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-4">
        <FormError message={change.isError && !issues.currentPassword && !issues.newPassword ? errorMessage(change.error) : null} />
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required autoFocus error={issues.currentPassword} />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={8} error={issues.newPassword} hint="At least 8 characters." />
        <TextField label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" required error={mismatch ? 'The two new passwords differ' : null} />
        <FormDialogActions onCancel={close} pending={change.isPending} submitLabel="Change password" />
      </form>
    </Dialog>
  );
}
