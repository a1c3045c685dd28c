'use client';
// Deleting a user is permanent and wide: the dialog names exactly what goes (the counts come from the same rows the
// delete service removes) and asks for the id to be typed, so a slip of the mouse cannot do it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { appHref } from '../shell/app-paths';
import { Dialog } from '../ui/dialog';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';
import { TypedConfirmForm } from '../ui/typed-confirm-form';

type Footprint = RouterOutputs['peers']['get']['footprint'];

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function DeletePeerDialog({ app, peer, footprint, open, onClose }: { app: string; peer: string; footprint: Footprint; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const remove = useMutation(trpc.peers.delete.mutationOptions());

  async function onConfirm() {
    await remove.mutateAsync({ app, peer });
    // Everything that counted or listed this peer is out of date now. Marked stale, not refetched here: this page
    // would only learn that its peer is gone, and the pages visited next load fresh data anyway.
    await Promise.all([
      queryClient.invalidateQueries({ ...trpc.peers.pathFilter(), refetchType: 'none' }),
      queryClient.invalidateQueries({ ...trpc.sessions.pathFilter(), refetchType: 'none' }),
      queryClient.invalidateQueries({ ...trpc.overview.pathFilter(), refetchType: 'none' }),
    ]);
    toast.show(`Deleted ${peer} and everything it wrote`);
    onClose();
    router.push(appHref(app, 'users'));
  }

  return (
    <Dialog open={open} onClose={onClose} busy={remove.isPending} title={`Delete ${peer}?`} description="This cannot be undone. Deleting this user removes:">
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
        <li>{plural(footprint.messages, 'message', 'messages')} it wrote</li>
        <li>{plural(footprint.conclusions, 'conclusion', 'conclusions')} it holds or that are held about it (and deductions resting only on them)</li>
        <li>{plural(footprint.memberships, 'session membership', 'session memberships')}</li>
        <li>{plural(footprint.cards, 'peer card', 'peer cards')} it holds or that are held about it</li>
      </ul>
      <p className="mt-3 text-sm text-stone-600">Summaries of its sessions that covered its messages become stale and are rewritten.</p>
      <TypedConfirmForm expected={peer} confirmLabel="Delete user" pending={remove.isPending} onCancel={onClose} onConfirm={onConfirm} />
    </Dialog>
  );
}
