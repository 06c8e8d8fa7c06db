import { readFileSync } from 'node:fs'
import { createImport, previewImportBatch } from '~/domain/imports/batches.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from './factories'

// The tracker files in tests/fixtures/imports and what their authors meant by each row (the .truth.json
// beside a file, written by hand with it), for the tests that import them with no hand mapping.

export const importFixture = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`)),
})

/** One row of a file as its author meant it: an application, or refused (with why), or a duplicate. */
export type FixtureTruth = {
  row: number
  company?: string
  appliedOn?: string | null
  respondedOn?: string | null
  stage?: string
  outcome?: string
  reason?: string | null
  source?: string
  workMode?: string | null
  seniority?: string | null
  closedByHistory?: boolean
  refused?: string
  duplicateOf?: number
  statusText?: string
}

export const truthOf = (name: string): FixtureTruth[] =>
  JSON.parse(readFileSync(`tests/fixtures/imports/${name.replace(/\.\w+$/, '.truth.json')}`, 'utf8'))

/** A new practice with one client in the timezone given, and the fixture uploaded for that client. */
export async function previewFixture(name: string, timezone: string, now: Date) {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id, { timezone })
  const batch = await createImport(t, importFixture(name), { clientId: client.id })
  const { preview } = (await previewImportBatch(t, batch.id, now))!
  return { t, client, batch, preview }
}

/** The field a preview maps each column to, by the column's header. */
export const mappingByHeader = (preview: { headers: string[]; mapping: readonly unknown[] }) =>
  Object.fromEntries(preview.headers.map((h, i) => [h, preview.mapping[i]]))

/** The import batch as stored now. */
export const storedBatch = (id: string) => prisma.importBatch.findUniqueOrThrow({ where: { id } })
