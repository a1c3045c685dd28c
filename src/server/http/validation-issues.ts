import 'server-only';
// Turns zod issues into the contract's 422 shape (docs/honcho-differences.md#validation-errors): `errors[].path` like `body.messages[0].peer_id`, and a string
// `detail` naming the first problem (plus "and N more").
import type { z } from 'zod';
import type { InputIssue } from '@/server/services/errors';

export function formatPath(location: string, path: readonly PropertyKey[]): string {
  let out = location;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

export function zodIssues(location: 'body' | 'query' | 'path', error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(location, issue.path),
    message: issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined ? 'Field required' : issue.message,
  }));
}

export function validationDetail(issues: readonly InputIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid request';
  const where = first.path.replace(/^(body|query|path)\.?/, '') || first.path;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
