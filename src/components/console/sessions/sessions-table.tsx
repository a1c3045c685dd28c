'use client';
// Sessions as a table (the sessions list and a user's sessions): state, messages, current members, the latest
// message time (the message's own, so imported history shows its real dates) and when Rapport received the session.
import Link from 'next/link';
import type { RouterOutputs } from '@/trpc/types';
import { sessionHref } from '../shell/app-paths';
import { Badge } from '../ui/badge';
import { CopyIdButton } from '../ui/copy-id-button';
import { formatCount, tableClasses, tableFrame, tdClasses, theadClasses, Th } from '../ui/table';
import { Timestamp } from '../ui/timestamp';

export type SessionListRow = RouterOutputs['sessions']['list']['items'][number];

export function SessionsTable({ app, rows, caption }: { app: string; rows: SessionListRow[]; caption: string }) {
  return (
    <div className={tableFrame}>
      <table className={`${tableClasses} min-w-[40rem]`}>
        <caption className="sr-only">{caption}</caption>
        <thead className={theadClasses}>
          <tr>
            <Th>Session</Th>
            <Th>State</Th>
            <Th align="right">Messages</Th>
            <Th align="right">Peers</Th>
            <Th>Last message</Th>
            <Th>Added</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((session) => (
            <tr key={session.id} className="text-stone-700 hover:bg-stone-50/60">
              <td className={tdClasses}>
                <span className="flex items-center gap-1">
                  <Link href={sessionHref(app, session.id)} className="font-mono text-[13px] font-medium text-stone-900 hover:text-accent-700 hover:underline">
                    {session.id}
                  </Link>
                  <CopyIdButton value={session.id} label={`Copy session id ${session.id}`} />
                </span>
              </td>
              <td className={tdClasses}>{session.isActive ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</td>
              <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(session.messageCount)}</td>
              <td className={`${tdClasses} text-right tabular-nums`}>{formatCount(session.peerCount)}</td>
              <td className={tdClasses}>{session.lastMessageAt ? <Timestamp iso={session.lastMessageAt} relative /> : <span className="text-stone-500">No messages</span>}</td>
              <td className={`${tdClasses} text-stone-500`}>
                <Timestamp iso={session.createdAt} relative />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
