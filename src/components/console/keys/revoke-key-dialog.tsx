'use client';
// Confirm before revoking: a revoked key fails with 401 on the next request and cannot be restored.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import type { ApiKeySummary } from '@/trpc/types';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError } from '../ui/field';
import { errorMessage } from '../ui/trpc-errors';

export function RevokeKeyDialog({ app, apiKey, onClose }: { app: string; apiKey: ApiKeySummary | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(trpc.keys.revoke.mutationOptions());

  function close() {
    revoke.reset();
    onClose();
  }

  async function confirm() {
    if (!apiKey) return;
    try {
      await revoke.mutateAsync({ app, keyId: apiKey.id });
      await queryClient.invalidateQueries(trpc.keys.list.queryFilter({ app }));
      void queryClient.invalidateQueries(trpc.apps.list.queryFilter());
      void queryClient.invalidateQueries(trpc.audit.list.pathFilter());
      close();
    } catch {
      // Shown below from the mutation's state.
    }
  }

  return (
    <Dialog open={apiKey !== null} onClose={close} busy={revoke.isPending} title="Revoke this key?">
      {apiKey ? (
        <div className="space-y-4 text-sm text-stone-700">
          <p>
            <strong className="font-semibold text-stone-900">{apiKey.name}</strong> (<code className="font-mono">{apiKey.prefix}…</code>) stops working
            immediately: every request that uses it gets <code className="font-mono">401</code>. This cannot be undone.
          </p>
          <FormError message={revoke.isError ? errorMessage(revoke.error) : null} />
          <DialogActions>
            <Button variant="secondary" onClick={close} disabled={revoke.isPending} autoFocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm} pending={revoke.isPending}>
              Revoke key
            </Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
