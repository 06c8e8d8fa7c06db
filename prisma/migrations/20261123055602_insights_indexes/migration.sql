-- CreateIndex
CREATE INDEX "StageEvent_organizationId_applicationId_toStage_occurredAt_idx" ON "StageEvent"("organizationId", "applicationId", "toStage", "occurredAt");

-- CreateIndex
CREATE INDEX "StageEvent_organizationId_occurredAt_applicationId_toStage__idx" ON "StageEvent"("organizationId", "occurredAt", "applicationId", "toStage", "toOutcome");
