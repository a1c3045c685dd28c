'use client';
// Schedule a dream now for one view (observer about observed, default itself), bypassing the automatic thresholds —
// the schedule_dream API with the console's rule that both peers must exist. A no-op when one is already queued.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { FormError, TextField } from '../ui/field';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

export function ScheduleDreamForm({ app, enabled }: { app: string; enabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const schedule = useMutation(trpc.queue.scheduleDream.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const observer = String(form.get('observer') ?? '').trim();
    const observed = String(form.get('observed') ?? '').trim();
    if (!observer) return setError('Name the peer whose view is consolidated.');
    setError(null);
    try {
      const result = await schedule.mutateAsync({ app, observer, observed: observed || undefined });
      await queryClient.invalidateQueries(trpc.queue.pathFilter());
      toast.show(result.enqueued ? 'Dream scheduled' : 'Nothing new queued: an identical dream is waiting, or dreams are off for this app');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section aria-labelledby="dream-heading" className="h-fit rounded-xl border border-stone-200 bg-white p-5 shadow-xs">
      <h3 id="dream-heading" className="text-base font-semibold text-stone-900">
        Schedule a dream
      </h3>
      <p className="mt-1 text-sm text-stone-600">Consolidates what a peer knows into deductions, patterns and an updated card.</p>
      {enabled ? null : (
        <p role="note" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Dreams are disabled on this server (DREAMS_ENABLED=false).
        </p>
      )}
      <form onSubmit={(e) => void onSubmit(e)} className="mt-4 space-y-3">
        <TextField label="Observer" name="observer" placeholder="alice" autoComplete="off" spellCheck={false} disabled={!enabled} />
        <TextField label="Observed" aside="optional" name="observed" placeholder="the observer itself" autoComplete="off" spellCheck={false} disabled={!enabled} />
        <FormError message={error} />
        <Button type="submit" pending={schedule.isPending} disabled={!enabled} className="w-full">
          Schedule dream
        </Button>
      </form>
    </section>
  );
}
