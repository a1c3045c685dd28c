-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "display_name" TEXT;
