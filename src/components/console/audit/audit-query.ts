// The audit log's infinite query input, shared by the page's server-side prefetch and the client screen so both
// build the same query key.
export const AUDIT_PAGE_SIZE = 50;

export function auditInput(app: string, onlyApp: boolean) {
  return { app: onlyApp ? app : null, limit: AUDIT_PAGE_SIZE };
}

export const nextAuditCursor = (page: { nextCursor: string | null }) => page.nextCursor ?? undefined;
