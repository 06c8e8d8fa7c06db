-- AlterTable
ALTER TABLE "TaskTemplate" ADD COLUMN     "retiredAt" TIMESTAMP(3);
