'use client';
// Invite someone by email as a member or an owner. The server sends no email: the link is shown here once, to be
// passed on; it works once, for that email only, for seven days.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { MemberRoleName } from '@/contracts/console-members';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { Dialog, DialogActions } from '../ui/dialog';
import { FormError, inputClasses, TextField } from '../ui/field';
import { FormDialogActions } from '../ui/form-dialog-actions';
import { WarningIcon } from '../ui/icons';
import { Timestamp } from '../ui/timestamp';
import { errorMessage, fieldIssues } from '../ui/trpc-errors';

type Invitation = RouterOutputs['members']['invite'];

export function InviteDialog({ app, open, onClose, onInvited }: { app: string; open: boolean; onClose: () => void; onInvited: () => void }) {
  const trpc = useTRPC();
  const ids = { role: useId(), link: useId() };
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const [role, setRole] = useState<MemberRoleName>('member');
  const [created, setCreated] = useState<Invitation | null>(null);

  function close() {
    invite.reset();
    setCreated(null);
    setRole('member');
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      setCreated(await invite.mutateAsync({ app, email: String(form.get('email') ?? ''), role }));
      onInvited();
    } catch {
      // Shown below from the mutation's state.
    }
  }

  const link = created ? `${window.location.origin}${created.path}` : '';
  const issues = invite.isError ? fieldIssues(invite.error) : {};
  return (
    <Dialog open={open} onClose={close} busy={invite.isPending} size={created ? 'lg' : 'md'} title={created ? 'Send this invitation link' : 'Invite someone'}>
      {created ? (
        <div className="space-y-5 text-sm text-stone-700">
          <div role="note" className="flex gap-2.5 rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-3 text-amber-900">
            <WarningIcon className="mt-0.5 size-4 text-amber-600" />
            <p>
              <strong className="font-semibold">This link is shown only now.</strong> Send it to {created.email}; it works once, only for that email,
              until <Timestamp iso={created.expiresAt} />.
            </p>
          </div>
          <div>
            <label htmlFor={ids.link} className="text-sm font-medium text-stone-800">
              Invitation link
            </label>
            <div className="mt-1.5 flex gap-2">
              <input
                id={ids.link}
                readOnly
                value={link}
                onFocus={(e) => e.currentTarget.select()}
                spellCheck={false}
                data-testid="invitation-link"
                className="block w-full min-w-0 rounded-lg border border-stone-300 bg-stone-50 px-3 py-2 font-mono text-sm text-stone-900"
              />
              <CopyButton text={link} fallbackInputId={ids.link} variant="primary" />
            </div>
          </div>
          <DialogActions>
            <Button onClick={close}>Done</Button>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <FormError message={invite.isError && !issues.email ? errorMessage(invite.error) : null} />
          <TextField label="Email" name="email" type="email" autoComplete="off" required autoFocus error={issues.email} />
          <div>
            <label htmlFor={ids.role} className="text-sm font-medium text-stone-800">
              Role
            </label>
            <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as MemberRoleName)} className={`mt-1.5 ${inputClasses}`}>
              <option value="member">Member: works with the apps&apos; data</option>
              <option value="owner">Owner: also manages keys, settings, webhooks and people</option>
            </select>
          </div>
          <FormDialogActions onCancel={close} pending={invite.isPending} submitLabel="Create invitation link" />
        </form>
      )}
    </Dialog>
  );
}
