// A worker process for tests: runs the 'digests-practice' job of one practice and week against
// DATABASE_URL and the Resend at RESEND_BASE_URL, then exits. Usage: tsx run-digest-job.ts <orgId> <isoWeek>
const [organizationId, isoWeek] = process.argv.slice(2)
const { digestJobDefinitions, digestsPracticeQueue } = await import('~/jobs/digests.server')
const { disconnectPrisma } = await import('~/lib/db.server')
const job = digestJobDefinitions().find((j) => j.name === digestsPracticeQueue)!
await job.handler([{ id: 'test', name: digestsPracticeQueue, data: { organizationId, isoWeek } }] as never)
await disconnectPrisma()
process.exit(0)
export {}
