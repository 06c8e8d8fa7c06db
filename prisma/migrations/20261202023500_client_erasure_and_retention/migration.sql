-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "archivedClientRetentionMonths" INTEGER;

-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "erasedAt" TIMESTAMP(3);
