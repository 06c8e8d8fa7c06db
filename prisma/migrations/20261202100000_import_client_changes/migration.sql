-- What an import did to its clients (custom fields set, cohorts joined or created), for its summary.
ALTER TABLE "ImportBatch" ADD COLUMN "clientChanges" JSONB NOT NULL DEFAULT '{}';
