-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "organization_role" AS ENUM ('owner', 'admin', 'member');

-- CreateEnum
CREATE TYPE "peer_kind" AS ENUM ('peer', 'scope');

-- CreateEnum
CREATE TYPE "conclusion_level" AS ENUM ('explicit', 'deductive', 'inductive', 'contradiction');

-- CreateEnum
CREATE TYPE "conclusion_origin" AS ENUM ('api', 'deriver', 'dream');

-- CreateEnum
CREATE TYPE "summary_kind" AS ENUM ('short', 'long');

-- CreateEnum
CREATE TYPE "work_kind" AS ENUM ('derivation', 'summary', 'dream', 'embedding', 'webhook', 'cleanup', 'backfill');

-- CreateEnum
CREATE TYPE "work_status" AS ENUM ('pending', 'in_progress', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "backfill_state" AS ENUM ('pending', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('pending', 'delivered', 'failed', 'disabled');

-- CreateEnum
CREATE TYPE "api_key_scope" AS ENUM ('workspace', 'peer', 'session');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "email_verified" TIMESTAMPTZ(6),
    "image" TEXT,
    "password_hash" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(6),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("provider","provider_account_id")
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "verification_tokens_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization_members" (
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "organization_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_members_pkey" PRIMARY KEY ("organization_id","user_id")
);

-- CreateTable
CREATE TABLE "workspaces" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organization_id" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "workspaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "peers" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "peer_kind" NOT NULL DEFAULT 'peer',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "peers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "last_seq" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_peers" (
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "peer_id" TEXT NOT NULL,
    "observe_me" BOOLEAN,
    "observe_others" BOOLEAN,
    "joined_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "left_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_peers_pkey" PRIMARY KEY ("session_id","peer_id")
);

-- CreateTable
CREATE TABLE "session_membership_periods" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "peer_id" TEXT NOT NULL,
    "joined_at" TIMESTAMPTZ(6) NOT NULL,
    "left_at" TIMESTAMPTZ(6),

    CONSTRAINT "session_membership_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "peer_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "inserted_order" BIGSERIAL NOT NULL,
    "content" TEXT NOT NULL,
    "token_count" INTEGER NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "configuration" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "inserted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6),
    "content_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english', "content")) STORED,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_embeddings" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "chunk_index" INTEGER NOT NULL,
    "char_start" INTEGER NOT NULL,
    "char_end" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "embedding" real[] NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_embeddings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conclusions" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "observer_id" TEXT NOT NULL,
    "observed_id" TEXT NOT NULL,
    "session_id" TEXT,
    "level" "conclusion_level" NOT NULL,
    "origin" "conclusion_origin" NOT NULL,
    "content" TEXT NOT NULL,
    "token_count" INTEGER NOT NULL,
    "source_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "times_derived" INTEGER NOT NULL DEFAULT 1,
    "provenance" JSONB NOT NULL DEFAULT '{}',
    "message_created_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "superseded_at" TIMESTAMPTZ(6),
    "superseded_by_id" TEXT,
    "deleted_at" TIMESTAMPTZ(6),
    "content_tsv" tsvector GENERATED ALWAYS AS (to_tsvector('english', "content")) STORED,

    CONSTRAINT "conclusions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conclusion_messages" (
    "workspace_id" TEXT NOT NULL,
    "conclusion_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,

    CONSTRAINT "conclusion_messages_pkey" PRIMARY KEY ("conclusion_id","message_id")
);

-- CreateTable
CREATE TABLE "conclusion_embeddings" (
    "conclusion_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "embedding" real[] NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conclusion_embeddings_pkey" PRIMARY KEY ("conclusion_id")
);

-- CreateTable
CREATE TABLE "peer_cards" (
    "workspace_id" TEXT NOT NULL,
    "observer_id" TEXT NOT NULL,
    "observed_id" TEXT NOT NULL,
    "entries" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "peer_cards_pkey" PRIMARY KEY ("observer_id","observed_id")
);

-- CreateTable
CREATE TABLE "session_summaries" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "kind" "summary_kind" NOT NULL,
    "content" TEXT NOT NULL,
    "token_count" INTEGER NOT NULL,
    "last_message_id" TEXT NOT NULL,
    "last_seq" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stale_at" TIMESTAMPTZ(6),

    CONSTRAINT "session_summaries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "peer_views" (
    "workspace_id" TEXT NOT NULL,
    "observer_id" TEXT NOT NULL,
    "observed_id" TEXT NOT NULL,
    "explicit_since_dream" INTEGER NOT NULL DEFAULT 0,
    "last_dream_at" TIMESTAMPTZ(6),
    "last_observed_activity" TIMESTAMPTZ(6),

    CONSTRAINT "peer_views_pkey" PRIMARY KEY ("observer_id","observed_id")
);

-- CreateTable
CREATE TABLE "work_items" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "kind" "work_kind" NOT NULL,
    "status" "work_status" NOT NULL DEFAULT 'pending',
    "unit_key" TEXT NOT NULL,
    "session_id" TEXT,
    "message_id" TEXT,
    "sender_id" TEXT,
    "observer_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "payload" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "available_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline_at" TIMESTAMPTZ(6),
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "work_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_unit_claims" (
    "unit_key" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "work_unit_claims_pkey" PRIMARY KEY ("unit_key")
);

-- CreateTable
CREATE TABLE "scope_backfills" (
    "workspace_id" TEXT NOT NULL,
    "scope_peer_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "state" "backfill_state" NOT NULL DEFAULT 'pending',
    "docs_copied" INTEGER,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scope_backfills_pkey" PRIMARY KEY ("scope_peer_id","session_id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "response_status" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scope" "api_key_scope" NOT NULL,
    "peer_name" TEXT,
    "session_name" TEXT,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_buckets" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(6) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "rate_limit_buckets_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT,
    "organization_id" TEXT,
    "actor_user_id" TEXT,
    "actor_key_id" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "ip" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE INDEX "organization_members_user_id_idx" ON "organization_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "workspaces_name_key" ON "workspaces"("name");

-- CreateIndex
CREATE INDEX "workspaces_organization_id_idx" ON "workspaces"("organization_id");

-- CreateIndex
CREATE INDEX "workspaces_created_at_id_idx" ON "workspaces"("created_at", "id");

-- CreateIndex
CREATE INDEX "peers_workspace_id_created_at_id_idx" ON "peers"("workspace_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "peers_workspace_id_name_key" ON "peers"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "sessions_workspace_id_created_at_id_idx" ON "sessions"("workspace_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_workspace_id_name_key" ON "sessions"("workspace_id", "name");

-- CreateIndex
CREATE INDEX "session_peers_peer_id_idx" ON "session_peers"("peer_id");

-- CreateIndex
CREATE INDEX "session_peers_workspace_id_idx" ON "session_peers"("workspace_id");

-- CreateIndex
CREATE INDEX "session_membership_periods_peer_id_session_id_idx" ON "session_membership_periods"("peer_id", "session_id");

-- CreateIndex
CREATE INDEX "session_membership_periods_session_id_idx" ON "session_membership_periods"("session_id");

-- CreateIndex
CREATE INDEX "session_membership_periods_workspace_id_idx" ON "session_membership_periods"("workspace_id");

-- CreateIndex
CREATE INDEX "messages_workspace_id_session_id_created_at_idx" ON "messages"("workspace_id", "session_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_workspace_id_peer_id_inserted_order_idx" ON "messages"("workspace_id", "peer_id", "inserted_order");

-- CreateIndex
CREATE INDEX "messages_workspace_id_created_at_idx" ON "messages"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_content_tsv_idx" ON "messages" USING GIN ("content_tsv");

-- CreateIndex
CREATE UNIQUE INDEX "messages_session_id_seq_key" ON "messages"("session_id", "seq");

-- CreateIndex
CREATE INDEX "message_embeddings_workspace_id_idx" ON "message_embeddings"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "message_embeddings_message_id_chunk_index_key" ON "message_embeddings"("message_id", "chunk_index");

-- CreateIndex
CREATE INDEX "conclusions_workspace_id_observer_id_observed_id_created_at_idx" ON "conclusions"("workspace_id", "observer_id", "observed_id", "created_at");

-- CreateIndex
CREATE INDEX "conclusions_workspace_id_session_id_idx" ON "conclusions"("workspace_id", "session_id");

-- CreateIndex
CREATE INDEX "conclusions_workspace_id_created_at_id_idx" ON "conclusions"("workspace_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "conclusions_source_ids_idx" ON "conclusions" USING GIN ("source_ids");

-- CreateIndex
CREATE INDEX "conclusions_content_tsv_idx" ON "conclusions" USING GIN ("content_tsv");

-- CreateIndex
CREATE INDEX "conclusion_messages_message_id_idx" ON "conclusion_messages"("message_id");

-- CreateIndex
CREATE INDEX "conclusion_messages_workspace_id_idx" ON "conclusion_messages"("workspace_id");

-- CreateIndex
CREATE INDEX "conclusion_embeddings_workspace_id_idx" ON "conclusion_embeddings"("workspace_id");

-- CreateIndex
CREATE INDEX "peer_cards_observed_id_idx" ON "peer_cards"("observed_id");

-- CreateIndex
CREATE INDEX "peer_cards_workspace_id_idx" ON "peer_cards"("workspace_id");

-- CreateIndex
CREATE INDEX "session_summaries_workspace_id_idx" ON "session_summaries"("workspace_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_summaries_session_id_kind_key" ON "session_summaries"("session_id", "kind");

-- CreateIndex
CREATE INDEX "peer_views_workspace_id_idx" ON "peer_views"("workspace_id");

-- CreateIndex
CREATE INDEX "work_items_status_available_at_idx" ON "work_items"("status", "available_at");

-- CreateIndex
CREATE INDEX "work_items_unit_key_status_id_idx" ON "work_items"("unit_key", "status", "id");

-- CreateIndex
CREATE INDEX "work_items_workspace_id_kind_status_idx" ON "work_items"("workspace_id", "kind", "status");

-- CreateIndex
CREATE INDEX "work_items_workspace_id_session_id_idx" ON "work_items"("workspace_id", "session_id");

-- CreateIndex
CREATE INDEX "work_items_status_lease_until_idx" ON "work_items"("status", "lease_until");

-- CreateIndex
CREATE INDEX "work_unit_claims_lease_until_idx" ON "work_unit_claims"("lease_until");

-- CreateIndex
CREATE INDEX "work_unit_claims_workspace_id_idx" ON "work_unit_claims"("workspace_id");

-- CreateIndex
CREATE INDEX "scope_backfills_workspace_id_idx" ON "scope_backfills"("workspace_id");

-- CreateIndex
CREATE INDEX "webhook_endpoints_workspace_id_created_at_idx" ON "webhook_endpoints"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_workspace_id_created_at_idx" ON "webhook_deliveries"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_idx" ON "webhook_deliveries"("endpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "api_keys_workspace_id_created_at_idx" ON "api_keys"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_buckets_expires_at_idx" ON "rate_limit_buckets"("expires_at");

-- CreateIndex
CREATE INDEX "audit_events_workspace_id_created_at_idx" ON "audit_events"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_organization_id_created_at_idx" ON "audit_events"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peers" ADD CONSTRAINT "peers_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_peers" ADD CONSTRAINT "session_peers_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_peers" ADD CONSTRAINT "session_peers_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_peers" ADD CONSTRAINT "session_peers_peer_id_fkey" FOREIGN KEY ("peer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_membership_periods" ADD CONSTRAINT "session_membership_periods_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_membership_periods" ADD CONSTRAINT "session_membership_periods_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_membership_periods" ADD CONSTRAINT "session_membership_periods_peer_id_fkey" FOREIGN KEY ("peer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_peer_id_fkey" FOREIGN KEY ("peer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_embeddings" ADD CONSTRAINT "message_embeddings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_embeddings" ADD CONSTRAINT "message_embeddings_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusions" ADD CONSTRAINT "conclusions_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusions" ADD CONSTRAINT "conclusions_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusions" ADD CONSTRAINT "conclusions_observed_id_fkey" FOREIGN KEY ("observed_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusions" ADD CONSTRAINT "conclusions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion_messages" ADD CONSTRAINT "conclusion_messages_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion_messages" ADD CONSTRAINT "conclusion_messages_conclusion_id_fkey" FOREIGN KEY ("conclusion_id") REFERENCES "conclusions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion_messages" ADD CONSTRAINT "conclusion_messages_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion_embeddings" ADD CONSTRAINT "conclusion_embeddings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conclusion_embeddings" ADD CONSTRAINT "conclusion_embeddings_conclusion_id_fkey" FOREIGN KEY ("conclusion_id") REFERENCES "conclusions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_cards" ADD CONSTRAINT "peer_cards_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_cards" ADD CONSTRAINT "peer_cards_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_cards" ADD CONSTRAINT "peer_cards_observed_id_fkey" FOREIGN KEY ("observed_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_summaries" ADD CONSTRAINT "session_summaries_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_summaries" ADD CONSTRAINT "session_summaries_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_views" ADD CONSTRAINT "peer_views_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_views" ADD CONSTRAINT "peer_views_observer_id_fkey" FOREIGN KEY ("observer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_views" ADD CONSTRAINT "peer_views_observed_id_fkey" FOREIGN KEY ("observed_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_unit_claims" ADD CONSTRAINT "work_unit_claims_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_backfills" ADD CONSTRAINT "scope_backfills_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_backfills" ADD CONSTRAINT "scope_backfills_scope_peer_id_fkey" FOREIGN KEY ("scope_peer_id") REFERENCES "peers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scope_backfills" ADD CONSTRAINT "scope_backfills_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- SQL-only objects (see src/server/db/sql-only-objects.ts) -------------------------------------------------------

-- Exact cosine distance for servers without pgvector (embeddings stay real[]). NULL for zero vectors or mismatched
-- dimensions, so such rows never rank.
CREATE OR REPLACE FUNCTION "rapport_cosine_distance"(a real[], b real[]) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN cardinality(a) <> cardinality(b) OR s.na = 0 OR s.nb = 0 THEN NULL
              ELSE 1 - s.dot / sqrt(s.na * s.nb) END
  FROM (SELECT sum(x::float8 * y::float8) AS dot, sum(x::float8 * x::float8) AS na, sum(y::float8 * y::float8) AS nb
        FROM unnest(a, b) AS t(x, y)) AS s
$$;
