-- Inverted-file lists for the vector search without pgvector (docs/vector-search.md). A workspace past a size threshold
-- gets k-means centroids (trained by the worker sweep, off the request path); every embedding row records the list of
-- its nearest centroid, and a search probes only the lists nearest to the query. `list_id` stays NULL in small
-- workspaces, which keep the plain signature pass. The covering index the search reads, (workspace_id, list_id)
-- INCLUDE (…, signature), is created at start-up in fallback mode only (src/server/db/vector-setup.ts).
-- AlterTable
ALTER TABLE "message_embeddings" ADD COLUMN     "list_id" INTEGER;

-- AlterTable
ALTER TABLE "conclusion_embeddings" ADD COLUMN     "list_id" INTEGER;

-- CreateTable
CREATE TABLE "vector_lists" (
    "id" SERIAL NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "centroid" real[] NOT NULL,
    "signature" bit varying NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vector_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vector_list_sets" (
    "workspace_id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "trained_rows" INTEGER NOT NULL,
    "trained_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "vector_list_sets_pkey" PRIMARY KEY ("workspace_id","target")
);

-- CreateIndex
CREATE INDEX "vector_lists_workspace_id_target_generation_idx" ON "vector_lists"("workspace_id", "target", "generation");

-- AddForeignKey
ALTER TABLE "vector_lists" ADD CONSTRAINT "vector_lists_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vector_list_sets" ADD CONSTRAINT "vector_list_sets_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
