import 'dotenv/config'
import { openDatabase } from '~/lib/database.server'
import { applyMigrations } from '../prisma/migrate'

// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
const database = await openDatabase()
try {
  const applied = await applyMigrations(database.url)
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.',
  )
} finally {
  await database.stop()
}
