import type { TestProject } from 'vitest/node'
import { startEmbeddedDatabase } from '~/lib/embedded-db.server'
import { applyMigrations } from '../prisma/migrate'
import { envValue } from '~/lib/env.server'

// One migrated database for the run: TEST_DATABASE_URL when set, else an in-memory PGlite.
// Tests isolate themselves by creating their own practice (tests/factories.ts), so nothing is truncated.

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const configured = envValue('TEST_DATABASE_URL')
  const embedded = configured ? null : await startEmbeddedDatabase({ dataDir: null })
  const url = configured ?? embedded!.url
  await applyMigrations(url)
  project.provide('databaseUrl', url)
  return async () => {
    await embedded?.stop()
  }
}
