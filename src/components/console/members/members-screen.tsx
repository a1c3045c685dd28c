'use client';
// The organization's members as seen from one of its apps: everyone sees who has access; owners also invite people
// (the link is shown once), withdraw invitations, change roles and remove members.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { MemberEntry } from '@/trpc/types';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { PlusIcon } from '../ui/icons';
import { DataTable } from '../ui/data-table';
import { QueryStatus } from '../ui/query-status';
import { ScreenHeader } from '../ui/screen-header';
import { tdClasses } from '../ui/table';
import { Timestamp } from '../ui/timestamp';
import { errorMessage } from '../ui/trpc-errors';
import { useToast } from '../ui/toast';
import { InviteDialog } from './invite-dialog';
import { RemoveMemberDialog } from './remove-member-dialog';

export function MembersScreen({ app }: { app: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const members = useQuery(trpc.members.list.queryOptions({ app }));
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<MemberEntry | null>(null);
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions());
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions());

  const refresh = () => queryClient.invalidateQueries(trpc.members.list.queryFilter({ app }));

  async function setRole(member: MemberEntry, role: 'owner' | 'member') {
    try {
      await changeRole.mutateAsync({ app, userId: member.userId, role });
      await refresh();
      toast.show(`${member.email} is now ${role === 'owner' ? 'an owner' : 'a member'}`);
    } catch (error) {
      toast.show(errorMessage(error), 'error');
    }
  }

  async function withdraw(id: string) {
    try {
      await revoke.mutateAsync({ app, invitationId: id });
      await refresh();
      toast.show('Invitation withdrawn');
    } catch (error) {
      toast.show(errorMessage(error), 'error');
    }
  }

  const data = members.data;
  return (
    <section aria-labelledby="members-heading">
      <ScreenHeader
        id="members-heading"
        title="Members"
        description="Everyone here can open this organization's apps and work with their data. Only owners manage API keys, settings, webhooks and people."
        actions={
          data?.canManage ? (
            <Button onClick={() => setInviting(true)}>
              <PlusIcon /> Invite
            </Button>
          ) : null
        }
      />

      <div className="mt-6 space-y-8">
        <QueryStatus query={members} loading="Loading members" errorTitle="Could not load the members" />
        {data ? (
          <DataTable caption="Members of this organization" className="min-w-[40rem]" columns={['Person', 'Role', 'Joined', { label: <span className="sr-only">Actions</span> }]}>
            {data.members.map((member) => (
              <tr key={member.userId} className="text-stone-700">
                <td className={tdClasses}>
                  <span className="block font-medium text-stone-900">
                    {member.name || member.email}
                    {member.you ? <span className="ml-1.5 text-xs font-normal text-stone-500">(you)</span> : null}
                  </span>
                  {member.name ? <span className="text-xs text-stone-500">{member.email}</span> : null}
                </td>
                <td className={tdClasses}>
                  <Badge tone={member.role === 'member' ? 'neutral' : 'accent'}>{member.role === 'admin' ? 'owner' : member.role}</Badge>
                </td>
                <td className={tdClasses}><Timestamp iso={member.joinedAt} relative /></td>
                <td className={`${tdClasses} text-right`}>
                  {data.canManage ? (
                    <div className="flex justify-end gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={changeRole.isPending}
                        onClick={() => void setRole(member, member.role === 'member' ? 'owner' : 'member')}
                        aria-label={member.role === 'member' ? `Make owner: ${member.email}` : `Make member: ${member.email}`}
                      >
                        {member.role === 'member' ? 'Make owner' : 'Make member'}
                      </Button>
                      <Button variant="dangerGhost" size="sm" onClick={() => setRemoving(member)} aria-label={`Remove ${member.email}`}>
                        Remove
                      </Button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}

        {data?.canManage && data.invitations.length > 0 ? (
          <div>
            <h3 className="text-sm font-semibold text-stone-900">Open invitations</h3>
            <ul className="mt-3 divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white text-sm shadow-xs">
              {data.invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div>
                    <span className="font-medium text-stone-900">{invitation.email}</span>
                    <span className="ml-2 text-xs text-stone-500">
                      as {invitation.role} ·{' '}
                      {invitation.expired ? (
                        'expired'
                      ) : (
                        <>
                          expires <Timestamp iso={invitation.expiresAt} relative />
                        </>
                      )}
                    </span>
                  </div>
                  <Button variant="dangerGhost" size="sm" disabled={revoke.isPending} onClick={() => void withdraw(invitation.id)} aria-label={`Withdraw the invitation of ${invitation.email}`}>
                    Withdraw
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <InviteDialog app={app} open={inviting} onClose={() => setInviting(false)} onInvited={() => void refresh()} />
      <RemoveMemberDialog app={app} member={removing} onClose={() => setRemoving(null)} onRemoved={() => void refresh()} />
    </section>
  );
}
