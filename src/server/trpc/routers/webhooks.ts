import 'server-only';
// Webhooks of an app: endpoints (registered with the API's own validation and cap), a test event, and the delivery
// log; plus whether deliveries can be sent at all (no WEBHOOK_SECRET: recorded as disabled, never sent).
import { webhookDeliveriesInput, webhookEndpointInput, webhookUrlInput } from '@/contracts/console-memory';
import { deleteWebhookEndpoint } from '@/server/services/webhooks/delete-webhook-endpoint';
import { listWebhookDeliveries } from '@/server/services/webhooks/list-webhook-deliveries';
import { listWebhookEndpoints } from '@/server/services/webhooks/list-webhook-endpoints';
import { registerWebhookEndpoint } from '@/server/services/webhooks/register-webhook-endpoint';
import { sendTestEvent } from '@/server/services/webhooks/send-test-event';
import { webhookSecret } from '@/server/config/webhook-config';
import { MAX_WEBHOOK_ENDPOINTS } from '@/server/services/webhooks/webhook-settings';
import { DATA_AUDIT_ACTIONS, webhookUrlForAudit } from '@/server/services/audit/data-change-audit';
import { appProcedure } from '../app-procedure';
import { appManagerProcedure } from '../manager-procedure';
import { auditConsoleChange } from '../audit-change';
import { router } from '../init';
import { webhookAddedOutput, webhookDeliveryPageOutput, webhookEndpointsOutput, webhookTestSentOutput } from '@/contracts/console-memory-outputs';
import { deletedOutput } from '@/contracts/console-outputs-common';

export const webhooksRouter = router({
  endpoints: appProcedure.output(webhookEndpointsOutput).query(async ({ ctx }) => {
    const page = await listWebhookEndpoints(ctx.workspace.name, { page: 1, size: MAX_WEBHOOK_ENDPOINTS });
    return { endpoints: page.items, max: MAX_WEBHOOK_ENDPOINTS, deliveriesEnabled: webhookSecret() !== null };
  }),
  add: appManagerProcedure.input(webhookUrlInput).output(webhookAddedOutput).mutation(async ({ ctx, input }) => {
    const endpoint = await registerWebhookEndpoint(ctx.workspace.name, input.url);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.webhookRegistered, webhookUrlForAudit(input.url));
    return endpoint;
  }),
  delete: appManagerProcedure.input(webhookEndpointInput).output(deletedOutput).mutation(async ({ ctx, input }) => {
    await deleteWebhookEndpoint(ctx.workspace.name, input.endpoint);
    await auditConsoleChange(ctx, DATA_AUDIT_ACTIONS.webhookDeleted, input.endpoint);
    return { deleted: input.endpoint };
  }),
  test: appManagerProcedure.output(webhookTestSentOutput).mutation(async ({ ctx }) => {
    await sendTestEvent(ctx.workspace.name);
    return { sent: true };
  }),
  deliveries: appProcedure.input(webhookDeliveriesInput).output(webhookDeliveryPageOutput).query(async ({ ctx, input }) => {
    const page = await listWebhookDeliveries(ctx.workspace.name, { endpointId: input.endpoint, status: input.status, page: input.page, size: input.size });
    return {
      ...page,
      items: page.items.map((d) => ({
        ...d,
        createdAt: d.createdAt.toISOString(),
        deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
        nextAttemptAt: d.nextAttemptAt.toISOString(),
      })),
    };
  }),
});
