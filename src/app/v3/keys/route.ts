// POST /v3/keys — mint a scoped Honcho-format JWT (admin only; 405 while API auth is disabled)
import 'server-only';

import { createKeyRoute } from '@/contracts/keys';
import { isAuthDisabled } from '@/server/config/auth-config';
import { methodNotAllowedError } from '@/server/http/json-error';
import { route } from '@/server/http/route';
import { mintJwt } from '@/server/services/auth/mint-jwt';

export const POST = route(createKeyRoute, async ({ query, request }) => {
  // docs/api.md#s4-1: without auth every caller is admin, so minting tokens would be meaningless — and misleading.
  if (isAuthDisabled()) return methodNotAllowedError(request);
  return { body: await mintJwt(query) };
});
