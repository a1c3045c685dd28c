// GET/POST /api/auth/* — Auth.js endpoints of the console (sign-in callbacks, CSRF token, session, sign-out)
import { handlers } from '@/server/auth';

export const { GET, POST } = handlers;
