// A worker process for tests: loads the app, connects, prints "ready", and on a line from its standard
// input runs the 'notify-recipient' job for one recipient against DATABASE_URL and the Resend at
// RESEND_BASE_URL, then prints the outcome and exits. Two of them released at once race for one email.
// Usage: tsx run-notify-job.ts <organizationId> <CLIENT|COACH> <recipientId>
const [organizationId, recipientType, recipientId] = process.argv.slice(2)
const { notificationJobDefinitions } = await import('~/jobs/notifications.server')
const { queues } = await import('~/jobs/queue.server')
const { disconnectPrisma, prisma } = await import('~/lib/db.server')
const job = notificationJobDefinitions().find((j) => j.name === queues.notifyRecipient)!
await prisma.$queryRaw`SELECT 1`
process.stdout.write('ready\n')
await new Promise((resolve) => process.stdin.once('data', resolve))
await job.handler([
  { id: 'test', name: queues.notifyRecipient, data: { organizationId, recipientType, recipientId } },
] as never)
await disconnectPrisma()
process.exit(0)
export {}
