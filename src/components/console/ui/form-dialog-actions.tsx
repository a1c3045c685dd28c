// The buttons at the foot of a dialog's form: Cancel, which closes it, and the submit button, pending while the
// request runs.
import { Button, type ButtonVariant } from './button';
import { DialogActions } from './dialog';

type Props = { onCancel: () => void; pending: boolean; submitLabel: string; variant?: ButtonVariant; disabled?: boolean };

export function FormDialogActions({ onCancel, pending, submitLabel, variant = 'primary', disabled = false }: Props) {
  return (
    <DialogActions>
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" variant={variant} pending={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}
