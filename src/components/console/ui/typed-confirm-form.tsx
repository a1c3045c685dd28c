'use client';
// The confirmation of a wide, permanent delete (an app, a user): the id must be typed before the button works, so a
// slip of the mouse cannot do it. The server checks what was typed as well where it can.
import { useState } from 'react';
import { FormError, TextField } from './field';
import { FormDialogActions } from './form-dialog-actions';
import { errorMessage } from './trpc-errors';

type Props = {
  /** What must be typed: the id of what goes. */
  expected: string;
  confirmLabel: string;
  pending: boolean;
  onCancel: () => void;
  /** Runs the delete with what was typed; on failure it throws and the error shows above the box. */
  onConfirm: (typed: string) => Promise<void>;
};

export function TypedConfirmForm({ expected, confirmLabel, pending, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await onConfirm(typed);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <form
      className="mt-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed === expected) void confirm();
      }}
    >
      <FormError message={error} />
      <TextField
        label={
          <span>
            Type <code className="font-mono">{expected}</code> to confirm
          </span>
        }
        name="confirm"
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        className="mt-2 [&_input]:font-mono"
      />
      <FormDialogActions onCancel={onCancel} pending={pending} submitLabel={confirmLabel} variant="danger" disabled={typed !== expected} />
    </form>
  );
}
