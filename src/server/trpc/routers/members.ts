import 'server-only';
// Members of the organization that owns an app: the list (everyone), invitations and role changes (owners only).
// Redeeming an invitation link is in invitations.ts (its visitor may not be signed in yet).
import { changeRoleInput, invitationRefInput, inviteMemberInput, memberRefInput } from '@/contracts/console-members';
import { changeMemberRole, removeMember } from '@/server/services/accounts/manage-members';
import { inviteMember, revokeInvitation } from '@/server/services/accounts/invite-member';
import { listOrganizationMembers } from '@/server/services/accounts/organization-members';
import { appProcedure } from '../app-procedure';
import { router } from '../init';
import { invitationCreatedOutput, invitationRevokedOutput, memberRemovedOutput, organizationMembersOutput, roleChangedOutput } from '@/contracts/console-account-outputs';

export const membersRouter = router({
  list: appProcedure.output(organizationMembersOutput).query(({ ctx }) => listOrganizationMembers(ctx.db, ctx.actor, ctx.workspace.organization.id)),
  invite: appProcedure.input(inviteMemberInput).output(invitationCreatedOutput).mutation(({ ctx, input }) =>
    inviteMember(ctx.db, ctx.actor, { organizationId: ctx.workspace.organization.id, email: input.email, role: input.role, ip: ctx.ip }),
  ),
  revokeInvitation: appProcedure.input(invitationRefInput).output(invitationRevokedOutput).mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx.db, ctx.actor, { organizationId: ctx.workspace.organization.id, invitationId: input.invitationId, ip: ctx.ip });
    return { revoked: input.invitationId };
  }),
  changeRole: appProcedure.input(changeRoleInput).output(roleChangedOutput).mutation(async ({ ctx, input }) => {
    await changeMemberRole(ctx.db, ctx.actor, { organizationId: ctx.workspace.organization.id, userId: input.userId, role: input.role, ip: ctx.ip });
    return { userId: input.userId, role: input.role };
  }),
  remove: appProcedure.input(memberRefInput).output(memberRemovedOutput).mutation(async ({ ctx, input }) => {
    await removeMember(ctx.db, ctx.actor, { organizationId: ctx.workspace.organization.id, userId: input.userId, ip: ctx.ip });
    return { removed: input.userId };
  }),
});
