// Audit action names of the console's security events, written through the shared writer
// (services/audit/record-audit-event.ts). Dotted, lower-case, past tense, as that module's convention asks.
export const CONSOLE_AUDIT_ACTIONS = {
  userCreated: 'user.created',
  signedIn: 'user.signed_in',
  signInFailed: 'user.sign_in_failed',
  appCreated: 'app.created',
  appAdopted: 'app.adopted',
  appRenamed: 'app.renamed',
  appDeleted: 'app.deleted',
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
  passwordChanged: 'user.password_changed',
  memberInvited: 'member.invited',
  invitationRevoked: 'member.invitation_revoked',
  memberJoined: 'member.joined',
  memberRoleChanged: 'member.role_changed',
  memberRemoved: 'member.removed',
} as const;
