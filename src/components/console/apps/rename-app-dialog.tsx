'use client';
// Rename an app: changes the console's label only; the id API clients use stays as it is.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import type { AppSummary } from '@/trpc/types';
import { Dialog } from '../ui/dialog';
import { FormError, TextField } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { useFormErrors } from '../ui/use-form-errors';

export function RenameAppDialog({ app, onClose }: { app: AppSummary | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { errors, formError, show, fail, onChange } = useFormErrors();
  const rename = useMutation(trpc.apps.rename.mutationOptions());

  function close() {
    show({});
    rename.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!app) return;
    const displayName = String(new FormData(event.currentTarget).get('displayName') ?? '').trim() || null;
    try {
      await rename.mutateAsync({ id: app.id, displayName });
      await Promise.all([
        queryClient.invalidateQueries(trpc.apps.list.queryFilter()),
        queryClient.invalidateQueries(trpc.apps.get.queryFilter({ id: app.id })),
      ]);
      close();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <Dialog
      open={app !== null}
      onClose={close}
      busy={rename.isPending}
      title="Rename app"
      description={
        <>
          The display name is only shown here. API clients keep using the id <code className="font-mono text-stone-800">{app?.id}</code>.
        </>
      }
    >
      <form onSubmit={onSubmit} onChange={(e) => onChange(e)} className="space-y-4">
        <FormError message={formError} />
        <TextField
          label="Display name"
          name="displayName"
          defaultValue={app?.displayName ?? ''}
          placeholder={app?.id}
          maxLength={100}
          autoFocus
          hint="Leave empty to show the id."
          error={errors.displayName}
        />
        <FormDialogActions onCancel={close} pending={rename.isPending} submitLabel="Save" />
      </form>
    </Dialog>
  );
}
