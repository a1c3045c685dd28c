import 'server-only';
// An invitation link's page: what it invites to (anyone holding the link), creating the invited account through it,
// or joining with the signed-in account.
import { invitationSignUpInput, invitationTokenInput } from '@/contracts/console-members';
import { acceptInvitation, previewInvitation, signUpWithInvitation } from '@/server/services/accounts/redeem-invitation';
import { protectedProcedure, publicProcedure, router } from '../init';

export const invitationsRouter = router({
  preview: publicProcedure.input(invitationTokenInput).query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  signUp: publicProcedure
    .input(invitationSignUpInput)
    .mutation(({ ctx, input }) => signUpWithInvitation(ctx.db, { token: input.token, password: input.password, name: input.name, ip: ctx.ip })),
  accept: protectedProcedure
    .input(invitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.actor, { token: input.token, ip: ctx.ip })),
});
