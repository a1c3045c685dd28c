'use client';
// Create a stored API key: a name, a scope (whole app, one peer, one session) and an optional expiry.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { ApiKeyScopeName } from '@/contracts/console';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Dialog } from '../ui/dialog';
import { FieldError, FormError, inputClasses, TextField } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { useFormErrors } from '../ui/use-form-errors';
import { SCOPE_CHOICES } from './key-scope';

export type CreatedKey = RouterOutputs['keys']['create'];

const EXPIRY_CHOICES = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
  { value: 'custom', label: 'On a date…' },
] as const;

/** The expiry as an ISO instant: N days from now, or the end of the chosen local day. */
export function expiryFrom(choice: string, customDate: string): string | null | 'invalid' {
  if (choice === 'never') return null;
  if (choice === 'custom') {
    const end = customDate ? new Date(`${customDate}T23:59:59`) : null;
    return end && !Number.isNaN(end.getTime()) && end.getTime() > Date.now() ? end.toISOString() : 'invalid';
  }
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

/** Which error a form control's edits clear: the id box serves the chosen scope; the date serves the expiry. */
function fieldKey(name: string, scope: string): string {
  if (name === 'target') return scope;
  if (name === 'expiryDate' || name === 'expiry') return 'expiresAt';
  return name;
}

export function CreateKeyDialog({ app, open, onClose, onCreated }: { app: string; open: boolean; onClose: () => void; onCreated: (key: CreatedKey) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { scope: useId(), expiry: useId(), date: useId() };
  const [scope, setScope] = useState<ApiKeyScopeName>('workspace');
  const [expiry, setExpiry] = useState<string>('never');
  const { errors, formError, show, fail, onChange } = useFormErrors();
  const create = useMutation(trpc.keys.create.mutationOptions());

  function close() {
    setScope('workspace');
    setExpiry('never');
    show({});
    create.reset();
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const target = String(form.get('target') ?? '').trim();
    const expiresAt = expiryFrom(expiry, String(form.get('expiryDate') ?? ''));
    const local: Record<string, string> = {};
    if (!name) local.name = 'Give the key a name';
    if (scope !== 'workspace' && !target) local[scope] = `Enter the ${scope} id`;
    if (expiresAt === 'invalid') local.expiresAt = 'Choose a date in the future';
    show(local);
    if (Object.keys(local).length || expiresAt === 'invalid') return;

    try {
      const created = await create.mutateAsync({
        app,
        name,
        scope,
        peer: scope === 'peer' ? target : null,
        session: scope === 'session' ? target : null,
        expiresAt,
      });
      await queryClient.invalidateQueries(trpc.keys.list.queryFilter({ app }));
      void queryClient.invalidateQueries(trpc.apps.list.queryFilter());
      close();
      onCreated(created);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <Dialog open={open} onClose={close} busy={create.isPending} title="Create an API key" description="Your code sends the key as a Bearer token. It is shown once, right after you create it.">
      <form onSubmit={onSubmit} onChange={(e) => onChange(e, (name) => fieldKey(name, scope))} className="space-y-5">
        <FormError message={formError} />
        <TextField label="Name" name="name" required autoFocus maxLength={100} placeholder="Production backend" hint="What uses this key, so you recognise it later." error={errors.name} />

        <fieldset>
          <legend className="text-sm font-medium text-stone-800">Access</legend>
          <div className="mt-2 space-y-2">
            {SCOPE_CHOICES.map((choice) => (
              <label
                key={choice.value}
                className="flex cursor-pointer gap-3 rounded-lg border border-stone-200 px-3 py-2.5 has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-600"
              >
                <input
                  type="radio"
                  name="scope"
                  value={choice.value}
                  checked={scope === choice.value}
                  onChange={() => setScope(choice.value)}
                  className="mt-0.5 accent-accent-600 focus-visible:outline-none"
                />
                <span>
                  <span className="block text-sm font-medium text-stone-900">{choice.label}</span>
                  <span className="block text-xs text-stone-600">{choice.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {scope !== 'workspace' ? (
          <TextField
            key={scope}
            label={scope === 'peer' ? 'Peer id' : 'Session id'}
            name="target"
            required
            autoComplete="off"
            spellCheck={false}
            className="[&_input]:font-mono"
            placeholder={scope === 'peer' ? 'user-123' : 'chat-2026-08-20'}
            hint={`The ${scope} need not exist yet.`}
            error={errors[scope]}
          />
        ) : null}

        <div>
          <label htmlFor={ids.expiry} className="text-sm font-medium text-stone-800">
            Expires
          </label>
          <div className="mt-1.5 flex flex-wrap gap-2">
            <select id={ids.expiry} name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} className={`${inputClasses} w-auto pr-8`}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            {expiry === 'custom' ? (
              <>
                <label htmlFor={ids.date} className="sr-only">
                  Expiry date
                </label>
                <input
                  id={ids.date}
                  name="expiryDate"
                  type="date"
                  required
                  aria-invalid={errors.expiresAt ? true : undefined}
                  aria-describedby={errors.expiresAt ? `${ids.date}-error` : undefined}
                  className={`${inputClasses} w-auto`}
                />
              </>
            ) : null}
          </div>
          <FieldError id={`${ids.date}-error`} message={errors.expiresAt} />
        </div>

        <FormDialogActions onCancel={close} pending={create.isPending} submitLabel="Create key" />
      </form>
    </Dialog>
  );
}
