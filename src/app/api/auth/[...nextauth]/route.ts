// GET/POST /api/auth/* — Auth.js endpoints of the console (sign-in callbacks, CSRF token, session, sign-out), addressed
// to the public origin rather than the listen address so their redirects land where the browser is (docs/security.md).
// A database outage during sign-in answers 503 with Retry-After rather than Auth.js's "misconfigured" error.
import type { NextRequest } from 'next/server';
import { CONSOLE_SIGN_IN_PATH, handlers } from '@/server/auth';
import { publicOrigin, withPublicOrigin } from '@/server/auth/public-origin';
import { answerSignIn } from '@/server/auth/sign-in-unavailable';

const signInPage = (request: NextRequest) => new URL(CONSOLE_SIGN_IN_PATH, publicOrigin(request));

export const GET = (request: NextRequest) => answerSignIn(signInPage(request), () => handlers.GET(withPublicOrigin(request)));
export const POST = (request: NextRequest) => answerSignIn(signInPage(request), () => handlers.POST(withPublicOrigin(request)));
