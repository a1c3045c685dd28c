import 'server-only';
// Auth.js (next-auth v5) for the console. JWT sessions only: our `Session` model is a conversation, so no adapter
// ever touches `prisma.session`; accounts and GitHub links are written by our own services instead. Configured
// lazily per request, so building the app never reads secrets or the database.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import { readConsoleConfig } from '@/server/config/console-config';
import { getDb } from '@/server/db/client';
import { ensureAdminFromEnv } from '@/server/services/accounts/ensure-admin-from-env';
import { signInWithGithub } from '@/server/services/accounts/sign-in-with-github';
import { SignInThrottledError } from '@/server/services/accounts/sign-in-throttle';
import { verifyPasswordSignIn } from '@/server/services/accounts/verify-password-sign-in';
import { clientAddress } from '@/server/http/client-ip';
import { resolveAuthSecret } from './auth-secret';
import { verifiedGithubEmail } from './github-email';
import { noteSignInUnavailable, SIGN_IN_UNAVAILABLE } from './sign-in-unavailable';

export const CONSOLE_SIGN_IN_PATH = '/console/sign-in';

class SignInThrottled extends CredentialsSignin {
  code = 'throttled';
}

/** The database is saturated or down: the route answers 503 (sign-in-unavailable.ts); the code is for other callers. */
class SignInUnavailable extends CredentialsSignin {
  code = 'unavailable';
}

async function buildConfig(): Promise<NextAuthConfig> {
  const config = readConsoleConfig();
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password) return null;
        const db = getDb();
        try {
          await ensureAdminFromEnv(db, config.admin);
          return await verifyPasswordSignIn(db, { email, password, ip: clientAddress(request.headers) });
        } catch (error) {
          // Reaches the sign-in form as `code`, so it can say "wait" rather than "wrong password".
          if (error instanceof SignInThrottledError) throw new SignInThrottled();
          if (noteSignInUnavailable(error)) throw new SignInUnavailable();
          throw error;
        }
      },
    }),
  ];
  if (config.github) providers.push(GitHub({ clientId: config.github.clientId, clientSecret: config.github.clientSecret }));

  return {
    providers,
    secret: await resolveAuthSecret(config.authSecret, config.dataDir),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: config.sessionMaxAge },
    pages: { signIn: CONSOLE_SIGN_IN_PATH, error: CONSOLE_SIGN_IN_PATH },
    logger: {
      // A wrong password is an expected outcome, already in the audit log: keep it out of the server log.
      error(error) {
        if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
        console.error('[auth]', error);
      },
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'github') return true;
        if (!account.access_token || account.providerAccountId === undefined) return false;
        const email = await verifiedGithubEmail(account.access_token, profile?.email ?? user.email);
        if (!email) return `${CONSOLE_SIGN_IN_PATH}?error=GithubEmailUnverified`;
        let signedIn: Awaited<ReturnType<typeof signInWithGithub>>;
        try {
          signedIn = await signInWithGithub(getDb(), {
            accountId: String(account.providerAccountId),
            verifiedEmail: email,
            name: user.name,
            image: user.image,
          });
        } catch (error) {
          if (noteSignInUnavailable(error)) return `${CONSOLE_SIGN_IN_PATH}?error=${SIGN_IN_UNAVAILABLE}`;
          throw error;
        }
        if (!signedIn) return false;
        // Without an adapter, Auth.js hands this same object to the jwt callback: make its id our account's id.
        user.id = signedIn.id;
        user.email = signedIn.email;
        (user as { sessionVersion?: number }).sessionVersion = signedIn.sessionVersion;
        return true;
      },
      jwt({ token, user }) {
        // Only at sign-in: the version a session carries never changes afterwards, so a password change ends it.
        if (user?.id) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub && session.user) session.user.id = token.sub;
        (session as { sessionVersion?: number }).sessionVersion = typeof token.sv === 'number' ? token.sv : 0;
        return session;
      },
    },
  };
}

export const { handlers, auth } = NextAuth(() => buildConfig());

/**
 * The signed-in console user's id and session version from the session cookie, or null. The account's state (and
 * whether the version is still current) is checked by the caller.
 */
export async function currentConsoleSession(): Promise<{ userId: string; sessionVersion: number } | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const version = (session as { sessionVersion?: unknown }).sessionVersion;
  return { userId, sessionVersion: typeof version === 'number' ? version : 0 };
}
