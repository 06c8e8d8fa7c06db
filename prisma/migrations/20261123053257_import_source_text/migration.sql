-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "sourceText" TEXT;
