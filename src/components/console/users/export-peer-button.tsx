'use client';
// Downloads everything stored about the peer as the `rapport.peer-export/1` JSON document (the REST export service).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { DownloadIcon } from '../ui/icons';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

export function ExportPeerButton({ app, peer }: { app: string; peer: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      // Always fresh: an export is a snapshot of now, never a cached one.
      const document = await queryClient.fetchQuery({ ...trpc.peers.export.queryOptions({ app, peer }), staleTime: 0, gcTime: 0 });
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = `${app}-${peer}-export.json`;
      link.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toast.show(`Exported ${peer}: ${document.messages.length} messages`);
    } catch (error) {
      toast.show(`Export failed: ${errorMessage(error)}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="secondary" onClick={() => void download()} pending={busy}>
      {busy ? null : <DownloadIcon />} Export JSON
    </Button>
  );
}
