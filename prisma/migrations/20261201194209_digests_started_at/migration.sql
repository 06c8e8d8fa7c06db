-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "digestsStartedAt" TIMESTAMP(3);

-- A practice that has already sent digests chose its schedule in practice: it keeps sending.
-- Every other practice sends nothing until an owner or admin starts its digests.
UPDATE "Organization" o SET "digestsStartedAt" = o."createdAt"
WHERE EXISTS (SELECT 1 FROM "DigestDelivery" d WHERE d."organizationId" = o.id);
