'use client';
// Deleting a fact is immediate and permanent (the REST delete service): it leaves every read, search and
// representation at once. Facts that cite it keep its id as a premise, shown as deleted.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { useToast } from '../ui/toast';
import type { Fact } from './fact-item';

export function DeleteFactDialog({ app, fact, onClose }: { app: string; fact: Fact | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation(trpc.facts.delete.mutationOptions());

  async function onConfirm() {
    if (!fact) return;
    await remove.mutateAsync({ app, id: fact.id });
    await Promise.all([
      queryClient.invalidateQueries(trpc.facts.pathFilter()),
      queryClient.invalidateQueries(trpc.peers.pathFilter()),
      queryClient.invalidateQueries(trpc.overview.pathFilter()),
    ]);
    toast.show('Fact deleted');
    onClose();
  }

  return (
    <ConfirmDialog
      open={fact !== null}
      onClose={onClose}
      title="Delete this fact?"
      description="It disappears from search, chat and representations at once. This cannot be undone."
      confirmLabel="Delete fact"
      onConfirm={onConfirm}
      pending={remove.isPending}
    >
      {fact ? <blockquote className="mt-3 rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-800">{fact.content}</blockquote> : null}
    </ConfirmDialog>
  );
}
