import 'dotenv/config'
import { createPrismaClient } from '~/lib/db.server'
import { openDatabase } from '~/lib/database.server'
import { seedDemo } from './seed-demo'

// npm run db:seed: the demo practice, once. Running it again leaves the database as it is.
const database = await openDatabase()
const db = createPrismaClient(database.url)
try {
  const started = Date.now()
  const result = await seedDemo(db)
  const { organization } = result
  if (result.created) {
    const { counts } = result
    console.log(
      `Seeded the demo practice "${organization.name}" (/orgs/${organization.slug}) in ${Date.now() - started} ms: ` +
        `${counts.clients} clients, ${counts.applications} applications, ${counts.stageEvents} stage events, ` +
        `${counts.tasks} tasks, ${counts.checkIns} check-ins, ${counts.notes} notes, ${counts.taskTemplates} task templates, ` +
        `${counts.insights} open insights.`,
    )
  } else {
    console.log(
      `The demo practice "${organization.name}" (/orgs/${organization.slug}) is already seeded: nothing to do.`,
    )
  }
  console.log('Demo logins:')
  for (const login of result.logins) console.log(`  ${login.email.padEnd(24)} ${login.password}  (${login.role})`)
} finally {
  await db.$disconnect()
  await database.stop()
}
