-- CreateTable
CREATE TABLE "SponsorLink" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastOpenedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SponsorLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SatisfactionSurvey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "reason" "ClientStatus" NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "score" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SponsorLink_tokenHash_key" ON "SponsorLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SponsorLink_organizationId_cohortId_idx" ON "SponsorLink"("organizationId", "cohortId");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionSurvey_clientId_key" ON "SatisfactionSurvey"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionSurvey_tokenHash_key" ON "SatisfactionSurvey"("tokenHash");

-- CreateIndex
CREATE INDEX "SatisfactionSurvey_organizationId_answeredAt_idx" ON "SatisfactionSurvey"("organizationId", "answeredAt");

-- AddForeignKey
ALTER TABLE "SponsorLink" ADD CONSTRAINT "SponsorLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SponsorLink" ADD CONSTRAINT "SponsorLink_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionSurvey" ADD CONSTRAINT "SatisfactionSurvey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionSurvey" ADD CONSTRAINT "SatisfactionSurvey_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;
