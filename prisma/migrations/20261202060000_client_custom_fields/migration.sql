-- CreateEnum
CREATE TYPE "ClientFieldKind" AS ENUM ('TEXT', 'NUMBER', 'DATE', 'CHOICE', 'MULTI_CHOICE');

-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "customFields" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ClientField" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ClientFieldKind" NOT NULL,
    "choices" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientField_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClientField_organizationId_position_idx" ON "ClientField"("organizationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ClientField_organizationId_name_key" ON "ClientField"("organizationId", "name");

-- CreateIndex
CREATE INDEX "Client_customFields_idx" ON "Client" USING GIN ("customFields" jsonb_path_ops);

-- AddForeignKey
ALTER TABLE "ClientField" ADD CONSTRAINT "ClientField_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
