// Who is calling the /v3 API, after authentication (docs/api.md#s4-2). Both credential kinds — Honcho-format JWTs and
// stored API keys — map onto the same admin / workspace / peer / session shapes, so authorization never cares which
// one was presented. Structurally a services/caller `Caller`, so handlers pass it straight to services.

/**
 * `subject` identifies what was presented, for rate limits and audit: `key:<api key id>` for a stored key,
 * `jwt:<sha256 of the token>` for a JWT. Absent when nothing was presented (auth disabled, open routes).
 */
export type Credential =
  | { kind: 'admin'; authDisabled: boolean; subject?: string }
  | { kind: 'workspace'; workspace: string; subject?: string }
  | { kind: 'peer'; workspace: string; peer: string; subject?: string }
  | { kind: 'session'; workspace: string; session: string; subject?: string };

/** docs/api.md#s4-1: with API auth disabled every request is admin and any Authorization header is ignored. */
export const AUTH_DISABLED_ADMIN: Credential = Object.freeze({ kind: 'admin', authDisabled: true });

/**
 * Handed to handlers of open (`none`) routes, which never look at it. No workspace id is empty (docs/api.md#s1-3), so this
 * credential matches no resource and passes no check.
 */
export const ANONYMOUS: Credential = Object.freeze({ kind: 'workspace', workspace: '' });

/** The exact `detail` texts of docs/api.md#s4 (docs/api.md#s1-8). Every one is a 401. */
export const AUTH_ERRORS = {
  noToken: 'No access token provided',
  invalidJwt: 'Invalid JWT',
  jwtExpired: 'JWT expired',
  scopeMissingWorkspace: 'Invalid JWT scope: peer/session token missing workspace',
  notPermissioned: 'JWT not permissioned for this resource',
  adminRequired: 'Resource requires admin privileges',
  unauthorizedResource: 'Unauthorized access to resource',
  invalidApiKey: 'Invalid API key',
  apiKeyRevoked: 'API key revoked',
  apiKeyExpired: 'API key expired',
} as const;
