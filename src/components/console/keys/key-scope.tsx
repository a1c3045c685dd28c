// How a key's scope reads in the console.
import type { ApiKeySummary } from '@/trpc/types';
import { Badge } from '../ui/badge';

export const SCOPE_CHOICES = [
  { value: 'workspace', label: 'Whole app', description: 'Everything in this workspace: every peer, session and message.' },
  { value: 'peer', label: 'One peer', description: 'One user or agent: its own data and the sessions it is a member of.' },
  { value: 'session', label: 'One session', description: 'One conversation and its messages.' },
] as const;

export function KeyScope({ apiKey }: { apiKey: Pick<ApiKeySummary, 'scope' | 'peer' | 'session'> }) {
  if (apiKey.scope === 'peer') {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge>Peer</Badge>
        <code className="break-all font-mono text-xs text-stone-700">{apiKey.peer}</code>
      </span>
    );
  }
  if (apiKey.scope === 'session') {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge>Session</Badge>
        <code className="break-all font-mono text-xs text-stone-700">{apiKey.session}</code>
      </span>
    );
  }
  return <Badge tone="accent">Whole app</Badge>;
}

export function KeyStatus({ status }: { status: ApiKeySummary['status'] }) {
  if (status === 'revoked') return <Badge tone="danger">Revoked</Badge>;
  if (status === 'expired') return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}
