'use client';
// Create an app: its id is the workspace id API clients send and can never change; the display name is a label.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { ID_PATTERN } from '@/contracts/common';
import { useTRPC } from '@/trpc/react';
import { Dialog } from '../ui/dialog';
import { FormError, TextField } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { useFormErrors } from '../ui/use-form-errors';
import { appHref } from '../shell/app-paths';

export function CreateAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { errors, formError, show, fail, onChange } = useFormErrors();
  const create = useMutation(trpc.apps.create.mutationOptions());

  function close() {
    show({});
    create.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const id = String(form.get('id') ?? '').trim();
    const displayName = String(form.get('displayName') ?? '').trim() || null;
    if (!id || id.length > 512 || !ID_PATTERN.test(id)) {
      show({ id: 'Use 1 to 512 letters, digits, underscores or hyphens (no spaces).' });
      return;
    }
    show({});
    try {
      const { app } = await create.mutateAsync({ id, displayName });
      await queryClient.invalidateQueries(trpc.apps.list.queryFilter());
      close();
      router.push(appHref(app.id));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <Dialog open={open} onClose={close} busy={create.isPending} title="Create an app" description="An app is a workspace: its peers, sessions, messages and conclusions, plus the API keys that reach them.">
      <form onSubmit={onSubmit} onChange={(e) => onChange(e)} className="space-y-4">
        <FormError message={formError} />
        <TextField
          label="App id"
          name="id"
          required
          autoFocus
          autoComplete="off"
          spellCheck={false}
          placeholder="support-bot"
          className="[&_input]:font-mono"
          hint={
            <>
              The <code className="font-mono">workspaceId</code> your code sends. Letters, digits, <code>-</code> and <code>_</code>; it cannot be changed
              later. A workspace that already exists under this id (created through the API) is added to your organization with its data.
            </>
          }
          error={errors.id}
        />
        <TextField label="Display name" name="displayName" aside="optional" placeholder="Support bot" maxLength={100} error={errors.displayName} />
        <FormDialogActions onCancel={close} pending={create.isPending} submitLabel="Create app" />
      </form>
    </Dialog>
  );
}
