'use client';
// Confirm before revoking: a revoked key fails with 401 on the next request and cannot be restored.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { ApiKeySummary } from '@/trpc/types';
import { ConfirmDialog } from '../ui/confirm-dialog';

export function RevokeKeyDialog({ app, apiKey, onClose }: { app: string; apiKey: ApiKeySummary | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(trpc.keys.revoke.mutationOptions());

  async function confirm() {
    if (!apiKey) return;
    await revoke.mutateAsync({ app, keyId: apiKey.id });
    await queryClient.invalidateQueries(trpc.keys.list.queryFilter({ app }));
    void queryClient.invalidateQueries(trpc.apps.list.queryFilter());
    void queryClient.invalidateQueries(trpc.audit.list.pathFilter());
    onClose();
  }

  return (
    <ConfirmDialog open={apiKey !== null} onClose={onClose} title="Revoke this key?" confirmLabel="Revoke key" onConfirm={confirm} pending={revoke.isPending} autoFocusCancel>
      {apiKey ? (
        <p className="mb-4 text-sm text-stone-700">
          <strong className="font-semibold text-stone-900">{apiKey.name}</strong> (<code className="font-mono">{apiKey.prefix}…</code>) stops working
          immediately: every request that uses it gets <code className="font-mono">401</code>. This cannot be undone.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
