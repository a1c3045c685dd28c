'use client';
// A dialog that asks before an action that cannot be undone: what goes (children), Cancel, and the danger button
// that runs it. A failed action shows its error here and leaves the dialog open, to retry or cancel.
import { useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';
import { FormError } from './field';
import { errorMessage } from './trpc-errors';

type Props = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  /** The action; on success it closes the dialog itself (and may navigate), on failure it throws. */
  onConfirm: () => Promise<void>;
  pending: boolean;
  /** Start on Cancel, for actions whose dialog has nothing else to fill in. */
  autoFocusCancel?: boolean;
  children: ReactNode;
};

export function ConfirmDialog({ open, onClose, title, description, confirmLabel, onConfirm, pending, autoFocusCancel = false, children }: Props) {
  const [error, setError] = useState<string | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function confirm() {
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Dialog open={open} onClose={close} busy={pending} title={title} description={description}>
      <FormError message={error} />
      {children}
      <DialogActions>
        <Button variant="secondary" onClick={close} disabled={pending} autoFocus={autoFocusCancel}>
          Cancel
        </Button>
        <Button variant="danger" pending={pending} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
