'use client';
// Editing a fact: the new text is saved as a new fact that replaces the old one, which stays in the history as
// "no longer true" — so an edit can always be traced, and chat and search answer from the new text.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { FACT_TEXT_MAX_CHARS } from '@/contracts/console-memory';
import { useTRPC } from '@/trpc/react';
import { Dialog } from '../ui/dialog';
import { FormError, inputClasses } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { useToast } from '../ui/toast';
import { errorMessage, fieldIssues } from '../ui/trpc-errors';
import type { Fact } from './fact-item';

export function EditFactDialog({ app, fact, open, onClose }: { app: string; fact: Fact; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const edit = useMutation(trpc.facts.edit.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const content = String(new FormData(event.currentTarget).get('content') ?? '').trim();
    if (!content) return setError('Type the fact.');
    if (content === fact.content) return setError('The text is unchanged.');
    setError(null);
    try {
      await edit.mutateAsync({ app, id: fact.id, content });
      await queryClient.invalidateQueries(trpc.facts.pathFilter());
      toast.show('Fact updated; the old text is kept in its history');
      onClose();
    } catch (e) {
      setError(fieldIssues(e).content ?? errorMessage(e));
    }
  }

  return (
    <Dialog open={open} onClose={onClose} busy={edit.isPending} title="Edit fact" description="Saved as a new fact that replaces this one; the old text stays in the history.">
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-3">
        <FormError message={error} />
        <label htmlFor={id} className="block text-sm font-medium text-stone-800">
          Fact
        </label>
        <textarea id={id} name="content" rows={4} required maxLength={FACT_TEXT_MAX_CHARS} defaultValue={fact.content} className={inputClasses} />
        <FormDialogActions onCancel={onClose} pending={edit.isPending} submitLabel="Save as new version" />
      </form>
    </Dialog>
  );
}
