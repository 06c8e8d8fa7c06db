-- DropIndex
DROP INDEX "JobApplication_roster_counts_idx";

-- CreateIndex
CREATE INDEX "JobApplication_roster_counts_idx" ON "JobApplication"("organizationId", "clientId", "outcome", "lastEventAt", "stage", "appliedOn");
