'use client';
// Confirm before removing someone: they lose access to every app of the organization at once.
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { MemberEntry } from '@/trpc/types';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError } from '../ui/field';
import { errorMessage } from '../ui/trpc-errors';

export function RemoveMemberDialog({ app, member, onClose, onRemoved }: { app: string; member: MemberEntry | null; onClose: () => void; onRemoved: () => void }) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.members.remove.mutationOptions());

  function close() {
    remove.reset();
    onClose();
  }

  async function confirm() {
    if (!member) return;
    try {
      await remove.mutateAsync({ app, userId: member.userId });
      onRemoved();
      close();
    } catch {
      // Shown below from the mutation's state.
    }
  }

  return (
    <Dialog open={member !== null} onClose={close} busy={remove.isPending} title={member?.you ? 'Leave this organization?' : 'Remove this member?'}>
      {member ? (
        <div className="space-y-4 text-sm text-stone-700">
          <p>
            <strong className="font-semibold text-stone-900">{member.email}</strong> loses access to every app of this organization immediately. API
            keys they created keep working until revoked.
          </p>
          <FormError message={remove.isError ? errorMessage(remove.error) : null} />
          <DialogActions>
            <Button variant="secondary" onClick={close} disabled={remove.isPending} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm} pending={remove.isPending}>
              Remove
            </Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
