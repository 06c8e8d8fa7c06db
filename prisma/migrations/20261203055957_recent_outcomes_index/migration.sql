-- CreateIndex
CREATE INDEX "JobApplication_recent_outcomes_idx" ON "JobApplication"("organizationId", "outcome", "lastEventAt", "clientId");
