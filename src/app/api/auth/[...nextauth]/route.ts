// GET/POST /api/auth/* — Auth.js endpoints of the console (sign-in callbacks, CSRF token, session, sign-out), addressed
// to the public origin rather than the listen address so their redirects land where the browser is (docs/security.md)
import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth';
import { withPublicOrigin } from '@/server/auth/public-origin';

export const GET = (request: NextRequest) => handlers.GET(withPublicOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(withPublicOrigin(request));
