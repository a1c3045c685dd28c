'use client';
// Deleting a fact is immediate and permanent (the REST delete service): it leaves every read, search and
// representation at once. Facts that cite it keep its id as a premise, shown as deleted.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError } from '../ui/field';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';
import type { Fact } from './fact-item';

export function DeleteFactDialog({ app, fact, onClose }: { app: string; fact: Fact | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(trpc.facts.delete.mutationOptions());

  function close() {
    setError(null);
    onClose();
  }

  async function onConfirm() {
    if (!fact) return;
    setError(null);
    try {
      await remove.mutateAsync({ app, id: fact.id });
      await Promise.all([
        queryClient.invalidateQueries(trpc.facts.pathFilter()),
        queryClient.invalidateQueries(trpc.peers.pathFilter()),
        queryClient.invalidateQueries(trpc.overview.pathFilter()),
      ]);
      toast.show('Fact deleted');
      close();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog open={fact !== null} onClose={close} busy={remove.isPending} title="Delete this fact?" description="It disappears from search, chat and representations at once. This cannot be undone.">
      {fact ? <blockquote className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-800">{fact.content}</blockquote> : null}
      <div className="mt-3">
        <FormError message={error} />
      </div>
      <DialogActions>
        <Button variant="secondary" onClick={close} disabled={remove.isPending}>
          Cancel
        </Button>
        <Button variant="danger" pending={remove.isPending} onClick={() => void onConfirm()}>
          Delete fact
        </Button>
      </DialogActions>
    </Dialog>
  );
}
