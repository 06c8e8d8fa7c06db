-- Text search on the applications page: trigram indexes (pg_trgm, a contrib extension of
-- PostgreSQL 15, loaded into the embedded PGlite by app/lib/embedded-db.server.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "JobApplication_organizationId_company_idx";

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_company_id_idx" ON "JobApplication"("organizationId", "company", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_roleTitle_id_idx" ON "JobApplication"("organizationId", "roleTitle", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_stage_id_idx" ON "JobApplication"("organizationId", "stage", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_outcome_id_idx" ON "JobApplication"("organizationId", "outcome", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_lastEventAt_id_idx" ON "JobApplication"("organizationId", "lastEventAt", "id");

-- CreateIndex
CREATE INDEX "JobApplication_organizationId_clientId_id_idx" ON "JobApplication"("organizationId", "clientId", "id");

-- CreateIndex
CREATE INDEX "JobApplication_search_trgm_idx" ON "JobApplication" USING GIN ("company" gin_trgm_ops, "roleTitle" gin_trgm_ops);
