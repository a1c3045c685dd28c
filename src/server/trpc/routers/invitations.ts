import 'server-only';
// An invitation link's page: what it invites to (anyone holding the link), creating the invited account through it,
// or joining with the signed-in account.
import { invitationSignUpInput, invitationTokenInput } from '@/contracts/console-members';
import { acceptInvitation, previewInvitation, signUpWithInvitation } from '@/server/services/accounts/redeem-invitation';
import { protectedProcedure, publicProcedure, router } from '../init';
import { invitationAcceptedOutput, invitationPreviewOutput, invitationSignedUpOutput } from '@/contracts/console-account-outputs';

export const invitationsRouter = router({
  preview: publicProcedure.input(invitationTokenInput).output(invitationPreviewOutput).query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  signUp: publicProcedure
    .input(invitationSignUpInput)
    .output(invitationSignedUpOutput)
    .mutation(({ ctx, input }) => signUpWithInvitation(ctx.db, { token: input.token, password: input.password, name: input.name, ip: ctx.ip })),
  accept: protectedProcedure
    .input(invitationTokenInput)
    .output(invitationAcceptedOutput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.actor, { token: input.token, ip: ctx.ip })),
});
