-- rapport:no-transaction
-- Whole-workspace export walks a workspace's messages in insertion order, one keyset page at a time; built without
-- blocking writes, since messages is the largest table.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "messages_workspace_id_inserted_order_idx" ON "messages"("workspace_id", "inserted_order");
