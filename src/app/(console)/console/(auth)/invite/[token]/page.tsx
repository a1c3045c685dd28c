// /console/invite/{token} — an invitation link: create the invited account, or join with the signed-in one.
import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { AuthCard } from '@/components/console/auth/auth-card';
import { InviteScreen } from '@/components/console/members/invite-screen';
import { api } from '@/trpc/server';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Invitation' };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
  const [preview, current] = await Promise.all([
    api.invitations.preview({ token }).catch((error: unknown) => {
      // An unknown or malformed token: say the link is not valid rather than failing the page.
      if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) return null;
      throw error;
    }),
    api.account.current(),
  ]);
  if (!preview) {
    return (
      <AuthCard title="This invitation link is not valid" description="Check that you copied the whole link, or ask for a new invitation.">
        <Link href="/console/sign-in" className="text-sm font-medium text-accent-700 hover:text-accent-800">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${preview.organizationName}`} description={<>You were invited as {preview.role === 'owner' ? 'an owner' : 'a member'}, as {preview.email}.</>}>
      <InviteScreen token={token} preview={preview} signedInEmail={current?.email ?? null} />
    </AuthCard>
  );
}
