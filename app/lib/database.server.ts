import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-db.server'
import { envValue } from './env.server'

/**
 * Resolves the database for this process: DATABASE_URL when set, else the embedded
 * PostgreSQL in the data folder. Sets DATABASE_URL for everything loaded after it.
 */
export async function openDatabase(): Promise<EmbeddedDatabase> {
  const configured = envValue('DATABASE_URL')
  if (configured) return { url: configured, dataDir: null, stop: async () => {} }
  const embedded = await startEmbeddedDatabase({ dataDir: envValue('REBOUND_DATA_DIR') })
  process.env.DATABASE_URL = embedded.url
  return embedded
}
