'use client';
// The peer's own card: short identity facts as an editable list. Saving replaces the card (blank lines are dropped;
// an empty list empties it), the same card `PUT …/peers/{peer}/card` writes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { inputClasses } from '../ui/field';
import { PlusIcon, TrashIcon } from '../ui/icons';
import { Panel } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

type Props = { app: string; peer: string; card: string[] | null; updatedAt: string | null };

export function PeerCardEditor({ app, peer, card, updatedAt }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<string[] | null>(null);
  const save = useMutation(trpc.peers.saveCard.mutationOptions());
  const entries = card ?? [];
  const editing = draft !== null;

  async function onSave() {
    if (!draft) return;
    try {
      const result = await save.mutateAsync({ app, peer, entries: draft });
      await queryClient.invalidateQueries(trpc.peers.get.queryFilter({ app, peer }));
      setDraft(null);
      toast.show(result.card.length ? `Card saved with ${result.card.length} entr${result.card.length === 1 ? 'y' : 'ies'}` : 'Card emptied');
    } catch (error) {
      toast.show(`Could not save the card: ${errorMessage(error)}`, 'error');
    }
  }

  return (
    <Panel
      id="peer-card-heading"
      title="Peer card"
      description={
        <>
          Short facts {peer} holds about itself, given to dialectic and context.
          {updatedAt ? (
            <>
              {' '}
              Updated <Timestamp iso={updatedAt} relative />.
            </>
          ) : null}
        </>
      }
      actions={
        editing ? null : (
          <Button variant="secondary" size="sm" onClick={() => setDraft(entries.length ? [...entries] : [''])}>
            Edit card
          </Button>
        )
      }
    >
      {!editing ? (
        entries.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-stone-800">
            {entries.map((entry, i) => (
              <li key={`${i}-${entry}`}>{entry}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-500">No card yet. Dreams write one as facts accumulate, or add entries yourself.</p>
        )
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onSave();
          }}
        >
          <ol className="space-y-2">
            {draft.map((entry, i) => (
              <li key={i} className="flex items-center gap-2">
                <label className="sr-only" htmlFor={`card-entry-${i}`}>
                  Entry {i + 1}
                </label>
                <input
                  id={`card-entry-${i}`}
                  value={entry}
                  maxLength={2000}
                  autoFocus={i === draft.length - 1 && entry === ''}
                  onChange={(e) => setDraft(draft.map((v, j) => (j === i ? e.target.value : v)))}
                  className={inputClasses}
                />
                <Button variant="ghost" size="sm" aria-label={`Remove entry ${i + 1}`} onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
                  <TrashIcon />
                </Button>
              </li>
            ))}
          </ol>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
            <Button variant="ghost" size="sm" onClick={() => setDraft([...draft, ''])} disabled={draft.length >= 100}>
              <PlusIcon /> Add entry
            </Button>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" onClick={() => setDraft(null)} disabled={save.isPending}>
                Cancel
              </Button>
              <Button type="submit" size="sm" pending={save.isPending}>
                Save card
              </Button>
            </div>
          </div>
        </form>
      )}
    </Panel>
  );
}
