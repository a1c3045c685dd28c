'use client';
// Deleting a session removes its messages (and what was derived only from them), memberships and summaries at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/trpc/react';
import { appHref } from '../shell/app-paths';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';

type Props = { app: string; session: string; messages: number; peers: number; open: boolean; onClose: () => void };

export function DeleteSessionDialog({ app, session, messages, peers, open, onClose }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const remove = useMutation(trpc.sessions.delete.mutationOptions());

  async function onConfirm() {
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
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete session ${session}?`}
      description="This cannot be undone."
      confirmLabel="Delete session"
      onConfirm={onConfirm}
      pending={remove.isPending}
    >
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
        <li>
          {formatCount(messages)} message{messages === 1 ? '' : 's'}, with the conclusions derived only from them
        </li>
        <li>
          {formatCount(peers)} membership{peers === 1 ? '' : 's'} (the peers themselves stay)
        </li>
        <li>its summaries and pending background work</li>
      </ul>
    </ConfirmDialog>
  );
}
