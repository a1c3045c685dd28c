'use client';
// Deleting a user is permanent and wide: the dialog names exactly what goes (the counts come from the same rows the
// delete service removes) and asks for the id to be typed, so a slip of the mouse cannot do it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { appHref } from '../shell/app-paths';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError, TextField } from '../ui/field';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

type Footprint = RouterOutputs['peers']['get']['footprint'];

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function DeletePeerDialog({ app, peer, footprint, open, onClose }: { app: string; peer: string; footprint: Footprint; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(trpc.peers.delete.mutationOptions());

  function close() {
    setTyped('');
    setError(null);
    onClose();
  }

  async function onConfirm() {
    setError(null);
    try {
      await remove.mutateAsync({ app, peer });
      // Everything that counted or listed this peer is out of date now. Marked stale, not refetched here: this page
      // would only learn that its peer is gone, and the pages visited next load fresh data anyway.
      await Promise.all([
        queryClient.invalidateQueries({ ...trpc.peers.pathFilter(), refetchType: 'none' }),
        queryClient.invalidateQueries({ ...trpc.sessions.pathFilter(), refetchType: 'none' }),
        queryClient.invalidateQueries({ ...trpc.overview.pathFilter(), refetchType: 'none' }),
      ]);
      toast.show(`Deleted ${peer} and everything it wrote`);
      close();
      router.push(appHref(app, 'users'));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog open={open} onClose={close} busy={remove.isPending} title={`Delete ${peer}?`} description="This cannot be undone. Deleting this user removes:">
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
        <li>{plural(footprint.messages, 'message', 'messages')} it wrote</li>
        <li>{plural(footprint.conclusions, 'conclusion', 'conclusions')} it holds or that are held about it (and deductions resting only on them)</li>
        <li>{plural(footprint.memberships, 'session membership', 'session memberships')}</li>
        <li>{plural(footprint.cards, 'peer card', 'peer cards')} it holds or that are held about it</li>
      </ul>
      <p className="mt-3 text-sm text-stone-600">Summaries of its sessions that covered its messages become stale and are rewritten.</p>
      <form
        className="mt-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === peer) void onConfirm();
        }}
      >
        <FormError message={error} />
        <TextField
          label={
            <span>
              Type <code className="font-mono">{peer}</code> to confirm
            </span>
          }
          name="confirm"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="mt-2 [&_input]:font-mono"
        />
        <DialogActions>
          <Button variant="secondary" onClick={close} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={remove.isPending} disabled={typed !== peer}>
            Delete user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
