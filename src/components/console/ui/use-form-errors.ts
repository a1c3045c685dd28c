'use client';
// A dialog form's errors: one per field (from local checks or the server's field issues) and one for the form as a
// whole when the server's answer names no field. Editing a field clears its error.
import { useState, type FormEvent } from 'react';
import { changedField, errorMessage, fieldIssues, withoutError } from './trpc-errors';

export function useFormErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    errors,
    formError,
    /** Shows these field errors (none clears them) and no form error. */
    show(fields: Record<string, string>) {
      setErrors(fields);
      setFormError(null);
    },
    /** Shows what a failed request said: its field issues, or else its message for the whole form. */
    fail(error: unknown) {
      const issues = fieldIssues(error);
      setErrors(issues);
      setFormError(Object.keys(issues).length ? null : errorMessage(error));
    },
    /** The form's onChange: drops the error of the field just edited (`fieldOf` maps a control to its error key). */
    onChange(event: FormEvent<HTMLFormElement>, fieldOf: (name: string) => string = (name) => name) {
      setErrors((current) => withoutError(current, fieldOf(changedField(event))));
    },
  };
}
