'use client';
// Deleting an app removes everything it holds, so the dialog says what goes (the overview's counts) and asks for the
// app id to be typed, as deleting a user does; the server checks the typed id as well.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError, TextField } from '../ui/field';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function DeleteAppDialog({ app, open, onClose }: { app: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const overview = useQuery({ ...trpc.overview.get.queryOptions({ app }), enabled: open });
  const remove = useMutation(trpc.apps.delete.mutationOptions());
  const counts = overview.data?.counts;

  function close() {
    setTyped('');
    setError(null);
    onClose();
  }

  async function onConfirm() {
    setError(null);
    try {
      await remove.mutateAsync({ id: app, confirm: typed });
      toast.show(`Deleted app ${app}`);
      close();
      router.push('/console');
      // Everything cached was about the app that is gone; the apps list must not show it any more.
      await queryClient.invalidateQueries(trpc.apps.pathFilter());
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog open={open} onClose={close} busy={remove.isPending} title={`Delete app ${app}?`} description="This cannot be undone. Deleting this app removes:">
      <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
        {counts ? (
          <>
            <li>{plural(counts.peers, 'user', 'users')} and {plural(counts.sessions, 'session', 'sessions')}</li>
            <li>{plural(counts.messages, 'message', 'messages')} and {plural(counts.conclusions, 'conclusion', 'conclusions')}</li>
          </>
        ) : (
          <li>every user, session, message and conclusion</li>
        )}
        <li>its API keys (clients using them stop working at once), webhooks and queued work</li>
      </ul>
      <form
        className="mt-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === app) void onConfirm();
        }}
      >
        <FormError message={error} />
        <TextField
          label={
            <span>
              Type <code className="font-mono">{app}</code> to confirm
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
          <Button type="submit" variant="danger" pending={remove.isPending} disabled={typed !== app}>
            Delete app
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
