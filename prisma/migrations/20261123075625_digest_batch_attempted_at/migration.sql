-- AlterTable
ALTER TABLE "DigestBatch" ADD COLUMN     "attemptedAt" TIMESTAMP(3);
