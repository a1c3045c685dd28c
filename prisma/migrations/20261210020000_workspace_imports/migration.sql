-- CreateTable
CREATE TABLE "workspace_imports" (
    "workspace_id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "source_workspace" TEXT NOT NULL,
    "exported_at" TEXT NOT NULL,
    "last_line" INTEGER NOT NULL DEFAULT 1,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),

    CONSTRAINT "workspace_imports_pkey" PRIMARY KEY ("workspace_id")
);

-- AddForeignKey
ALTER TABLE "workspace_imports" ADD CONSTRAINT "workspace_imports_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

