'use client';
// The app's configuration (the workspace `configuration` of the API): reasoning, summaries, peer cards and dreams.
// Saved through the same update and the same validation as `PUT /v3/workspaces/{id}`; sessions and messages can
// still override these per call.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { CUSTOM_INSTRUCTIONS_MAX_TOKENS, estimateTokens } from '@/contracts/configuration';
import type { AppSettingsInput } from '@/contracts/console-data';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Button } from '../ui/button';
import { FieldError, FormError, inputClasses } from '../ui/field';
import { ErrorState, SkeletonRows } from '../ui/states';
import { Panel } from '../ui/table';
import { useToast } from '../ui/toast';
import { errorMessage } from '../ui/trpc-errors';

type Settings = RouterOutputs['settings']['get'];
type IssueShape = { path: string; message: string };

export function SettingsScreen({ app }: { app: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions({ app }));
  if (settings.isPending) return <SkeletonRows rows={4} label="Loading settings" />;
  if (settings.isError) return <ErrorState title="Could not load the settings" message={errorMessage(settings.error)} onRetry={() => void settings.refetch()} />;
  // Re-mounted with fresh values after a save, so the form always starts from what is stored.
  return <SettingsForm key={JSON.stringify(settings.data)} app={app} initial={settings.data} />;
}

function SettingsForm({ app, initial }: { app: string; initial: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.settings.update.mutationOptions());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [instructions, setInstructions] = useState(initial.reasoning.custom_instructions ?? '');
  const tokens = estimateTokens(instructions);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const on = (name: string) => form.get(name) === 'on';
    const interval = (name: string) => {
      const text = String(form.get(name) ?? '').trim();
      return text === '' ? null : Number(text);
    };
    const input: AppSettingsInput = {
      app,
      reasoning: { enabled: on('reasoning.enabled'), custom_instructions: instructions.trim() ? instructions : null },
      summary: { enabled: on('summary.enabled'), messages_per_short_summary: interval('summary.messages_per_short_summary'), messages_per_long_summary: interval('summary.messages_per_long_summary') },
      peer_card: { use: on('peer_card.use'), create: on('peer_card.create') },
      dream: { enabled: on('dream.enabled') },
    };
    setErrors({});
    setFormError(null);
    try {
      const saved = await save.mutateAsync(input);
      queryClient.setQueryData(trpc.settings.get.queryKey({ app }), saved);
      toast.show('Settings saved');
    } catch (error) {
      const issues: IssueShape[] = (error as { data?: { issues?: IssueShape[] | null } }).data?.issues ?? [];
      const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
      setErrors(byPath);
      setFormError(issues.length ? 'Some settings need fixing.' : errorMessage(error));
    }
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="settings-heading" className="space-y-6">
      <div>
        <h2 id="settings-heading" className="text-lg font-semibold text-stone-900">
          Settings
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-stone-600">
          The app&apos;s defaults (its workspace <code className="font-mono text-[13px]">configuration</code>). A session or a message can override them through the API.
        </p>
      </div>
      <FormError message={formError} />

      <Panel id="settings-reasoning" title="Reasoning" description="Derive facts (conclusions) about your users from their messages, in the background.">
        <Toggle name="reasoning.enabled" label="Derive conclusions from new messages" defaultChecked={initial.reasoning.enabled} />
        <div className="mt-4">
          <label htmlFor="custom-instructions" className="flex items-baseline justify-between text-sm font-medium text-stone-800">
            Custom instructions
            <span className={`text-xs font-normal ${tokens > CUSTOM_INSTRUCTIONS_MAX_TOKENS ? 'text-red-700' : 'text-stone-500'}`}>
              ≈{tokens} / {CUSTOM_INSTRUCTIONS_MAX_TOKENS} tokens
            </span>
          </label>
          <textarea
            id="custom-instructions"
            name="reasoning.custom_instructions"
            rows={4}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
            aria-invalid={errors['reasoning.custom_instructions'] ? true : undefined}
            aria-describedby="custom-instructions-hint"
            placeholder="e.g. Pay attention to travel plans and dietary needs."
            className={`mt-1.5 ${inputClasses}`}
          />
          <p id="custom-instructions-hint" className="mt-1.5 text-xs text-stone-500">
            Added to the deriver&apos;s prompt. Leave empty for none.
          </p>
          <FieldError message={errors['reasoning.custom_instructions']} />
        </div>
      </Panel>

      <Panel id="settings-summary" title="Summaries" description="Rolling summaries of long sessions, used by session context.">
        <Toggle name="summary.enabled" label="Write session summaries" defaultChecked={initial.summary.enabled} />
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <NumberField name="summary.messages_per_short_summary" label="Messages per short summary" min={10} value={initial.summary.messages_per_short_summary} fallback={initial.defaults.messages_per_short_summary} error={errors['summary.messages_per_short_summary']} />
          <NumberField name="summary.messages_per_long_summary" label="Messages per long summary" min={20} value={initial.summary.messages_per_long_summary} fallback={initial.defaults.messages_per_long_summary} error={errors['summary.messages_per_long_summary']} />
        </div>
      </Panel>

      <Panel id="settings-cards" title="Peer cards" description="Short identity facts kept per user.">
        <div className="space-y-3">
          <Toggle name="peer_card.use" label="Give peer cards to chat and session context" defaultChecked={initial.peer_card.use} />
          <Toggle name="peer_card.create" label="Let background work write peer cards" defaultChecked={initial.peer_card.create} />
        </div>
      </Panel>

      <Panel id="settings-dream" title="Dreams" description="Background consolidation: deductions, patterns and outdated facts.">
        <Toggle name="dream.enabled" label="Consolidate conclusions in the background" defaultChecked={initial.dream.enabled} />
      </Panel>

      <div className="flex justify-end">
        <Button type="submit" pending={save.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}

function Toggle({ name, label, defaultChecked }: { name: string; label: ReactNode; defaultChecked: boolean }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2.5">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} className="size-4 rounded border-stone-300 accent-accent-600" />
      <label htmlFor={id} className="text-sm text-stone-800">
        {label}
      </label>
    </div>
  );
}

function NumberField({ name, label, min, value, fallback, error }: { name: string; label: string; min: number; value: number | null; fallback: number; error?: string }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        min={min}
        step={1}
        defaultValue={value ?? ''}
        placeholder={`${fallback} (default)`}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        className={`mt-1.5 ${inputClasses}`}
      />
      <p id={`${id}-hint`} className="mt-1.5 text-xs text-stone-500">
        At least {min}; empty uses the default ({fallback}).
      </p>
      <FieldError message={error} />
    </div>
  );
}
