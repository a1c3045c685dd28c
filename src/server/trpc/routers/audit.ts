import 'server-only';
// The audit log the signed-in user may see, newest first, a page at a time.
import { auditListInput } from '@/contracts/console';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { protectedProcedure, router } from '../init';
import { auditPageOutput } from '@/contracts/console-account-outputs';

export const auditRouter = router({
  list: protectedProcedure.input(auditListInput).output(auditPageOutput).query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
});
