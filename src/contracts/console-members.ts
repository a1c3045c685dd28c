// Inputs of the console's account and organization-membership procedures: password change, invitations, roles.
import { z } from 'zod';
import { appId, PASSWORD_MIN_LENGTH } from './console';

export const MEMBER_ROLES = ['owner', 'member'] as const;
export const memberRole = z.enum(MEMBER_ROLES);
export type MemberRoleName = z.infer<typeof memberRole>;

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(256),
});

/** Members are managed through an app: the organization that owns it. */
export const membersInput = z.object({ app: appId });
export const inviteMemberInput = z.object({ app: appId, email: z.string().trim().min(1, 'Enter an email address').max(254), role: memberRole });
export const invitationRefInput = z.object({ app: appId, invitationId: z.string().min(1).max(64) });
export const memberRefInput = z.object({ app: appId, userId: z.string().min(1).max(64) });
export const changeRoleInput = memberRefInput.extend({ role: memberRole });

export const invitationTokenInput = z.object({ token: z.string().min(16).max(128) });
export const invitationSignUpInput = invitationTokenInput.extend({
  password: z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(256),
  name: z.string().trim().max(100).optional(),
});
