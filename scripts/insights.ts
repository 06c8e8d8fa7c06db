import 'dotenv/config'
import { parseArgs } from 'node:util'
import { openDatabase } from '~/lib/database.server'

// npm run insights -- --org <slug> [--json]: computes and stores the practice's insights, then
// prints the ones that hold now, most severe first: a JSON array for scripts, or a table.

const { values } = parseArgs({
  options: { org: { type: 'string' }, json: { type: 'boolean', default: false } },
  allowPositionals: false,
})
if (!values.org) {
  console.error('Usage: npm run insights -- --org <practice slug> [--json]')
  process.exit(2)
}

const database = await openDatabase()
const { disconnectPrisma, prisma } = await import('~/lib/db.server')
const { systemTenantContext } = await import('~/tenancy/system-context.server')
const { computeInsights } = await import('~/domain/insights/compute.server')
const { refreshInsights } = await import('~/domain/insights/store.server')
let exitCode = 0
try {
  const t = await systemTenantContext({ slug: values.org })
  if (!t) {
    console.error(`No practice with the slug "${values.org}" (or it has no owner).`)
    exitCode = 1
  } else {
    const now = new Date()
    await refreshInsights(t, now)
    const insights = await computeInsights(t, now)
    const ids = [...new Set(insights.flatMap((i) => (i.clientId ? [i.clientId] : [])))]
    const clients = await prisma.client.findMany({
      where: { organizationId: t.org.id, id: { in: ids } },
      select: { id: true, email: true, name: true },
    })
    const byId = new Map(clients.map((client) => [client.id, client]))
    const output = insights.map((insight) => ({
      kind: insight.kind,
      severity: insight.severity,
      client: insight.clientId ? (byId.get(insight.clientId) ?? null) : null,
      evidence: insight.evidence,
      suggestedTask: insight.suggestedTask,
    }))
    if (values.json) {
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
    } else {
      console.log(`${t.org.name}: ${output.length} insight(s)\n`)
      console.table(
        output.map((row) => ({
          severity: row.severity,
          kind: row.kind,
          client: row.client?.name ?? '(caseload)',
          task: row.suggestedTask.title,
        })),
      )
    }
  }
} finally {
  await disconnectPrisma()
  await database.stop()
}
process.exit(exitCode)
