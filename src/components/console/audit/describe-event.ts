// Plain-language lines for audit events. Unknown actions still show, by their raw name.
import type { AuditEntry } from '@/trpc/types';

export type EventTone = 'neutral' | 'success' | 'warning' | 'danger';

const SIGN_IN_FAILURES: Record<string, string> = {
  unknown_account: 'no account with this email',
  wrong_password: 'wrong password',
  no_password: 'the account has no password (GitHub only)',
  disabled: 'the account is disabled',
};

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

export function describeEvent(entry: AuditEntry): { title: string; detail: string; tone: EventTone } {
  const d = entry.details;
  switch (entry.action) {
    case 'user.created':
      return { title: 'Account created', detail: `${entry.target ?? ''}${d.via === 'github' ? ' via GitHub' : d.via === 'admin_env' ? ' from ADMIN_EMAIL' : ''}`, tone: 'neutral' };
    case 'user.signed_in':
      return { title: 'Signed in', detail: d.method === 'github' ? 'with GitHub' : 'with email and password', tone: 'success' };
    case 'user.sign_in_failed':
      return { title: 'Sign-in failed', detail: `${entry.target ?? ''}: ${SIGN_IN_FAILURES[str(d.reason)] ?? str(d.reason)}`, tone: 'warning' };
    case 'app.created':
      return { title: 'App created', detail: entry.target ?? '', tone: 'neutral' };
    case 'app.adopted':
      return { title: 'Workspace added as an app', detail: `${entry.target ?? ''} (created through the API before)`, tone: 'neutral' };
    case 'app.renamed':
      return { title: 'App renamed', detail: `${str(d.from) || entry.target} → ${str(d.to) || entry.target}`, tone: 'neutral' };
    case 'api_key.created':
      return { title: 'API key created', detail: `“${str(d.name)}”, ${scopeText(d)}${d.expires_at ? `, expires ${new Date(str(d.expires_at)).toLocaleDateString('en')}` : ''}`, tone: 'success' };
    case 'api_key.revoked':
      return { title: 'API key revoked', detail: `“${str(d.name)}”`, tone: 'danger' };
    case 'auth.failure_burst':
      return {
        title: 'Repeated API authentication failures',
        detail: `${str(d.failures)} failures within ${str(d.window_seconds)} s${d.scope === 'credential' ? ' with one credential' : ' from one address'}; last: ${str(d.last_detail)}${d.last_request ? ` (${str(d.last_request)})` : ''}`,
        tone: 'danger',
      };
    default:
      return { title: entry.action, detail: entry.target ?? '', tone: 'neutral' };
  }
}

function scopeText(d: Record<string, unknown>): string {
  if (d.scope === 'peer') return `peer ${str(d.peer)}`;
  if (d.scope === 'session') return `session ${str(d.session)}`;
  return 'whole app';
}
