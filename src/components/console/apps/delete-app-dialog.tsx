'use client';
// Deleting an app removes everything it holds, so the dialog says what goes (the overview's counts) and asks for the
// app id to be typed, as deleting a user does; the server checks the typed id as well.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/trpc/react';
import { Dialog } from '../ui/dialog';
import { formatCount } from '../ui/table';
import { useToast } from '../ui/toast';
import { TypedConfirmForm } from '../ui/typed-confirm-form';

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function DeleteAppDialog({ app, open, onClose }: { app: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const overview = useQuery({ ...trpc.overview.get.queryOptions({ app }), enabled: open });
  const remove = useMutation(trpc.apps.delete.mutationOptions());
  const counts = overview.data?.counts;

  async function onConfirm(typed: string) {
    await remove.mutateAsync({ id: app, confirm: typed });
    toast.show(`Deleted app ${app}`);
    onClose();
    router.push('/console');
    // Everything cached was about the app that is gone; the apps list must not show it any more.
    await queryClient.invalidateQueries(trpc.apps.pathFilter());
  }

  return (
    <Dialog open={open} onClose={onClose} busy={remove.isPending} title={`Delete app ${app}?`} description="This cannot be undone. Deleting this app removes:">
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
      <TypedConfirmForm expected={app} confirmLabel="Delete app" pending={remove.isPending} onCancel={onClose} onConfirm={onConfirm} />
    </Dialog>
  );
}
