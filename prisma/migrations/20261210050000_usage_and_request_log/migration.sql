-- CreateTable
CREATE TABLE "usage_model_daily" (
    "day" DATE NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DOUBLE PRECISION,

    CONSTRAINT "usage_model_daily_pkey" PRIMARY KEY ("workspace_id","day","task","model")
);

-- CreateTable
CREATE TABLE "usage_request_daily" (
    "day" DATE NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "latency_ms_total" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_buckets" INTEGER[],

    CONSTRAINT "usage_request_daily_pkey" PRIMARY KEY ("workspace_id","day","key_id")
);

-- CreateTable
CREATE TABLE "request_log" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latency_ms" DOUBLE PRECISION NOT NULL,
    "key_id" TEXT,
    "request_id" TEXT NOT NULL,

    CONSTRAINT "request_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_model_daily_day_idx" ON "usage_model_daily"("day");

-- CreateIndex
CREATE INDEX "usage_request_daily_day_idx" ON "usage_request_daily"("day");

-- CreateIndex
CREATE INDEX "request_log_workspace_id_id_idx" ON "request_log"("workspace_id", "id");

-- CreateIndex
CREATE INDEX "request_log_at_idx" ON "request_log"("at");
