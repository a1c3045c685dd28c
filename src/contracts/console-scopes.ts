// Inputs of the console's scope pages: the list, one scope, and changing which sessions it holds. Shared with the
// console UI; the scope services re-check existence (unknown scope or session: NOT_FOUND).
import { z } from 'zod';
import { resourceId, scopeId } from './common';
import { appId } from './console';

export const scopeInput = z.object({ app: appId, scope: scopeId });

/** The wire's limit for one add call. */
export const SCOPE_ADD_MAX_SESSIONS = 100;
export const scopeAddSessionsInput = z.object({
  app: appId,
  scope: scopeId,
  sessions: z.array(resourceId).min(1, 'Name at least one session').max(SCOPE_ADD_MAX_SESSIONS, `At most ${SCOPE_ADD_MAX_SESSIONS} sessions at a time`),
});

export const scopeSessionInput = z.object({ app: appId, scope: scopeId, session: resourceId });
