'use client';
// Deleting a session removes its messages (and what was derived only from them), memberships and summaries at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError } from '../ui/field';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

type Props = { app: string; session: string; messages: number; peers: number; open: boolean; onClose: () => void };

export function DeleteSessionDialog({ app, session, messages, peers, open, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(trpc.sessions.delete.mutationOptions());

  async function onConfirm() {
    setError(null);
    try {
      await remove.mutateAsync({ app, session });
      // Marked stale without refetching, so this page does not flash "not found" before it is left.
      await Promise.all([
        queryClient.invalidateQueries({ ...trpc.sessions.pathFilter(), refetchType: 'none' }),
        queryClient.invalidateQueries({ ...trpc.peers.pathFilter(), refetchType: 'none' }),
        queryClient.invalidateQueries({ ...trpc.overview.pathFilter(), refetchType: 'none' }),
      ]);
      toast.show(`Deleted session ${session}`);
      onClose();
      router.push(appHref(app, 'sessions'));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog open={open} onClose={onClose} busy={remove.isPending} title={`Delete session ${session}?`} description="This cannot be undone.">
      <FormError message={error} />
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
        <li>
          {formatCount(messages)} message{messages === 1 ? '' : 's'}, with the conclusions derived only from them
        </li>
        <li>
          {formatCount(peers)} membership{peers === 1 ? '' : 's'} (the peers themselves stay)
        </li>
        <li>its summaries and pending background work</li>
      </ul>
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
          Cancel
        </Button>
        <Button variant="danger" pending={remove.isPending} onClick={() => void onConfirm()}>
          Delete session
        </Button>
      </DialogActions>
    </Dialog>
  );
}
