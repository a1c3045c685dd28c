'use client';
// Confirm before removing someone: they lose access to every app of the organization at once.
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { MemberEntry } from '@/trpc/types';
import { ConfirmDialog } from '../ui/confirm-dialog';

export function RemoveMemberDialog({ app, member, onClose, onRemoved }: { app: string; member: MemberEntry | null; onClose: () => void; onRemoved: () => void }) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.members.remove.mutationOptions());

  async function confirm() {
    if (!member) return;
    await remove.mutateAsync({ app, userId: member.userId });
    onRemoved();
    onClose();
  }

  return (
    <ConfirmDialog
      open={member !== null}
      onClose={onClose}
      title={member?.you ? 'Leave this organization?' : 'Remove this member?'}
      confirmLabel="Remove"
      onConfirm={confirm}
      pending={remove.isPending}
      autoFocusCancel
    >
      {member ? (
        <p className="mb-4 text-sm text-stone-700">
          <strong className="font-semibold text-stone-900">{member.email}</strong> loses access to every app of this organization immediately. API
          keys they created keep working until revoked.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
