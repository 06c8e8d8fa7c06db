-- CreateIndex
CREATE INDEX "JobApplication_roster_counts_idx" ON "JobApplication"("organizationId", "clientId", "outcome", "stage", "appliedOn", "lastEventAt");
