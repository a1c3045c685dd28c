'use client';
// Sessions as a table (the sessions list and a user's sessions): state, messages, current members, the latest
// message time (the message's own, so imported history shows its real dates) and when Rapport received the session.
import type { RouterOutputs } from '@/trpc/types';
import { sessionHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { DataTable } from '../ui/data-table';
import { IdLink } from '../ui/id-link';
import { formatCount, tdClasses } from '../ui/table';
import { Timestamp, TimestampOr } from '../ui/timestamp';

export type SessionListRow = RouterOutputs['sessions']['list']['items'][number];

export function SessionsTable({ app, rows, caption }: { app: string; rows: SessionListRow[]; caption: string }) {
  return (
    <DataTable caption={caption} className="min-w-[40rem]" columns={['Session', 'State', { label: 'Messages', align: 'right' }, { label: 'Peers', align: 'right' }, 'Last message', 'Added']}>
      {rows.map((session) => (
        <tr key={session.id} className="text-stone-700 hover:bg-stone-50/60">
          <td className={tdClasses}>
            <IdLink id={session.id} href={sessionHref(app, session.id)} copyLabel={`Copy session id ${session.id}`} />
          </td>
          <td className={tdClasses}>{session.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</td>
          <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(session.messageCount)}</td>
          <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(session.peerCount)}</td>
          <td className={tdClasses}>
            <TimestampOr iso={session.lastMessageAt} relative fallback="No messages" />
          </td>
          <td className={`${tdClasses} text-stone-500`}>
            <Timestamp iso={session.createdAt} relative />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
