// Reads what the console API said went wrong: a message for the form, and field issues keyed by input name.
type IssueShape = { path: string; message: string };

export function errorMessage(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  const data = (error as { data?: { code?: string; httpStatus?: number } } | null)?.data;
  if (data?.httpStatus && data.httpStatus >= 500) return fallback;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message && !message.startsWith('[') ? message : fallback;
}

export function fieldIssues(error: unknown): Record<string, string> {
  const issues = (error as { data?: { issues?: IssueShape[] | null } } | null)?.data?.issues ?? [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.split('.')[0] ?? '';
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}

/** The errors minus the one of a field the user just edited (so a fixed field stops showing its old error). */
export function withoutError(errors: Record<string, string>, field: string): Record<string, string> {
  if (!(field in errors)) return errors;
  const rest = { ...errors };
  delete rest[field];
  return rest;
}

/** The name of the control a form-level change event came from. */
export function changedField(event: { target: unknown }): string {
  const name = (event.target as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}
