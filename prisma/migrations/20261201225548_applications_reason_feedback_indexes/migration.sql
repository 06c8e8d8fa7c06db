-- CreateIndex
CREATE INDEX "JobApplication_organizationId_rejectionReason_id_idx" ON "JobApplication"("organizationId", "rejectionReason", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_outcome_feedbackReceived_id_idx" ON "JobApplication"("organizationId", "outcome", "feedbackReceived", "id");
