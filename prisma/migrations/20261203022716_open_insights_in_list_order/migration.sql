-- DropIndex
DROP INDEX "Insight_organizationId_status_severity_idx";

-- CreateIndex
CREATE INDEX "Insight_organizationId_status_severity_computedAt_id_idx" ON "Insight"("organizationId", "status", "severity" DESC, "computedAt" DESC, "id");
