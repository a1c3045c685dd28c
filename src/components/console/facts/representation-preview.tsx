'use client';
// What the API's representation call returns for a peer about a target (itself by default): the exact markdown an
// LLM app would put in its prompt, so an operator sees what the model sees.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/trpc/react';
import { Button } from '../ui/button';
import { inputClasses } from '../ui/field';
import { ErrorState, SkeletonRows } from '../ui/states';
import { Panel } from '../ui/table';
import { errorMessage } from '../ui/trpc-errors';

export function RepresentationPreview({ app, peer }: { app: string; peer: string }) {
  const trpc = useTRPC();
  const [target, setTarget] = useState('');
  const preview = useQuery(trpc.facts.representation.queryOptions({ app, peer, target: target || undefined }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTarget(String(new FormData(event.currentTarget).get('target') ?? '').trim());
  }

  return (
    <Panel
      id="representation-heading"
      title="Representation"
      description={`The markdown the API returns for ${peer}${target ? ` about ${target}` : ''}: what an LLM app puts in its prompt.`}
    >
      <form onSubmit={onSubmit} className="mb-3 flex flex-wrap items-end gap-2">
        <div className="w-56">
          <label htmlFor="representation-target" className="block text-xs font-medium text-stone-600">
            About (target peer id)
          </label>
          <input id="representation-target" name="target" defaultValue={target} placeholder={peer} autoComplete="off" spellCheck={false} className={`mt-1 ${inputClasses}`} />
        </div>
        <Button type="submit" variant="secondary">
          Preview
        </Button>
      </form>
      {preview.isPending ? <SkeletonRows rows={2} label="Loading the representation" /> : null}
      {preview.isError ? <ErrorState title="Could not build the representation" message={errorMessage(preview.error)} /> : null}
      {preview.data ? (
        preview.data.representation ? (
          <pre aria-label="Representation markdown" tabIndex={0} className="max-h-80 overflow-auto whitespace-pre-wrap rounded-lg bg-stone-100 px-3 py-2 font-mono text-xs leading-relaxed text-stone-800">
            {preview.data.representation}
          </pre>
        ) : (
          <p className="text-sm text-stone-500">Nothing known yet: the API returns an empty representation.</p>
        )
      ) : null}
    </Panel>
  );
}
