// The read-side `scope` option shared by chat and representation (docs/scopes.md). Its own file because chat and
// representation are imported by the scope routes' neighbours, and a contract import cycle breaks the bundle.
import { z } from 'zod';
import { scopeId } from './common';

/** Most scopes one read may name. */
export const SCOPE_OPTION_MAX = 100;

export const scopeOption = z
  .union([scopeId, z.array(scopeId).min(1, 'Must name at least one scope').max(SCOPE_OPTION_MAX, `At most ${SCOPE_OPTION_MAX} scopes`)])
  .nullable()
  .optional()
  .meta({
    description:
      'One scope id: read through that scope (it is the observer). A list: restrict recall to the union of their ' +
      'member sessions (at most 1,000). Exclusive with `session_id` and `filters`; workspace-level credentials only.',
  });
