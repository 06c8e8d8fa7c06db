-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ImportBatch_status_heartbeatAt_idx" ON "ImportBatch"("status", "heartbeatAt");
