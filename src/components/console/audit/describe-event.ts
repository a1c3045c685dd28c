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
      return { title: 'Account created', detail: `${entry.target ?? ''}${d.via === 'github' ? ' via GitHub' : d.via === 'admin_env' ? ' from ADMIN_EMAIL' : d.via === 'invitation' ? ' through an invitation' : ''}`, tone: 'neutral' };
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
    case 'app.deleted':
      return { title: 'App deleted', detail: `${entry.target ?? ''} and everything it held`, tone: 'danger' };
    case 'api_key.created':
      return { title: 'API key created', detail: `“${str(d.name)}”, ${scopeText(d)}${d.expires_at ? `, expires ${new Date(str(d.expires_at)).toLocaleDateString('en')}` : ''}`, tone: 'success' };
    case 'api_key.revoked':
      return { title: 'API key revoked', detail: `“${str(d.name)}”`, tone: 'danger' };
    case 'user.password_changed':
      return { title: 'Password changed', detail: 'other sessions were signed out', tone: 'warning' };
    case 'member.invited':
      return { title: 'Invitation created', detail: `${entry.target ?? ''} as ${str(d.role)}`, tone: 'neutral' };
    case 'member.invitation_revoked':
      return { title: 'Invitation withdrawn', detail: entry.target ?? '', tone: 'neutral' };
    case 'member.joined':
      return { title: 'Member joined', detail: `${entry.target ?? ''} as ${str(d.role)}`, tone: 'success' };
    case 'member.role_changed':
      return { title: 'Role changed', detail: `${entry.target ?? ''}: ${str(d.from)} → ${str(d.to)}`, tone: 'warning' };
    case 'member.removed':
      return { title: 'Member removed', detail: entry.target ?? '', tone: 'danger' };
    case 'auth.failure_burst':
      return {
        title: 'Repeated API authentication failures',
        detail: `${str(d.failures)} failures within ${str(d.window_seconds)} s${d.scope === 'credential' ? ' with one credential' : ' from one address'}; last: ${str(d.last_detail)}${d.last_request ? ` (${str(d.last_request)})` : ''}`,
        tone: 'danger',
      };
    default: {
      const change = DATA_CHANGES[entry.action];
      if (change) return { title: change.title, detail: dataChangeDetail(entry), tone: change.tone };
      return { title: entry.action, detail: entry.target ?? '', tone: 'neutral' };
    }
  }
}

/** Changes to an app's data, written by the console and by the API (services/audit/data-change-audit.ts). */
const DATA_CHANGES: Record<string, { title: string; tone: EventTone }> = {
  'workspace.updated': { title: 'App settings changed', tone: 'neutral' },
  'workspace.deleted': { title: 'Workspace deleted', tone: 'danger' },
  'workspace.exported': { title: 'Workspace exported', tone: 'warning' },
  'workspace.import_started': { title: 'Workspace import started', tone: 'warning' },
  'peer.updated': { title: 'Peer changed', tone: 'neutral' },
  'peer.deleted': { title: 'Peer deleted', tone: 'danger' },
  'peer.exported': { title: 'Peer exported', tone: 'warning' },
  'peer_card.updated': { title: 'Peer card edited', tone: 'neutral' },
  'session.updated': { title: 'Session changed', tone: 'neutral' },
  'session.deleted': { title: 'Session deleted', tone: 'danger' },
  'session.peers_changed': { title: 'Session members changed', tone: 'neutral' },
  'session.peer_config_updated': { title: 'Session peer settings changed', tone: 'neutral' },
  'message.updated': { title: 'Message metadata changed', tone: 'neutral' },
  'message.deleted': { title: 'Message deleted', tone: 'danger' },
  'conclusion.deleted': { title: 'Fact deleted', tone: 'danger' },
  'webhook.registered': { title: 'Webhook registered', tone: 'neutral' },
  'webhook.deleted': { title: 'Webhook deleted', tone: 'danger' },
  'dream.scheduled': { title: 'Dream scheduled', tone: 'neutral' },
  'scope.sessions_added': { title: 'Sessions added to scope', tone: 'neutral' },
  'scope.session_removed': { title: 'Session removed from scope', tone: 'warning' },
  'conclusion.edited': { title: 'Fact edited', tone: 'neutral' },
};

function dataChangeDetail(entry: AuditEntry): string {
  const d = entry.details;
  const parts = [entry.target ?? ''];
  if (Array.isArray(d.fields) && d.fields.length > 0) parts.push(`(${d.fields.map(str).join(', ')})`);
  if (Array.isArray(d.peers)) parts.push(`${str(d.change)}: ${d.peers.map(str).join(', ')}`);
  if (d.via === 'api') parts.push(entry.keyPrefix ? `via API key ${entry.keyPrefix}…` : `via API (${str(d.credential)})`);
  return parts.filter(Boolean).join(' ');
}

function scopeText(d: Record<string, unknown>): string {
  if (d.scope === 'peer') return `peer ${str(d.peer)}`;
  if (d.scope === 'session') return `session ${str(d.session)}`;
  return 'whole app';
}
