import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { InputError } from '~/lib/input-error'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { executeTenantSqlTogether, rawSql, sql, tenantTextColumns, type TextColumn } from '~/tenancy/sql.server'

// Erasing a client (docs/decisions/0027): everything they wrote and everything that names them goes;
// their applications and stage changes stay, stripped of every detail, under a new anonymous client row,
// so the practice's funnels and counts still add up. One transaction: all of it happens or none.

export const EraseClientInput = z.object({
  confirmName: z
    .string({ error: 'Type the client’s name to confirm.' })
    .trim()
    .min(1, 'Type the client’s name to confirm.'),
})

export const erasedName = 'Erased client'
const erasedEmailText = '[erased email]'

/** What an erasure would remove, for the page that asks to confirm it. Null when the client is not in view. */
export async function erasurePreview(t: TenantContext, clientId: string) {
  const client = await t.db.client.findFirst({
    where: { id: clientId, erasedAt: null },
    select: { id: true, name: true, email: true, status: true },
  })
  if (!client) return null
  const byClient = { clientId: client.id }
  const [applications, stageEvents, tasks, checkIns, messages, notes, digestNotes, emails, imports] = await Promise.all(
    [
      t.db.jobApplication.count({ where: byClient }),
      t.db.stageEvent.count({ where: byClient }),
      t.db.task.count({ where: byClient }),
      t.db.checkIn.count({ where: byClient }),
      t.db.message.count({ where: byClient }),
      t.db.note.count({ where: byClient }),
      t.db.digestNote.count({ where: byClient }),
      t.db.outboundEmail.count({ where: { to: { contains: client.email, mode: 'insensitive' } } }),
      t.db.importBatch.count({ where: byClient }),
    ],
  )
  return {
    client,
    removed: { tasks, checkIns, messages, notes, digestNotes, emails, imports },
    anonymised: { applications, stageEvents },
  }
}

function newId() {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
  let id = 'c'
  for (const byte of randomBytes(24)) id += alphabet[byte % alphabet.length]
  return id
}

const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The text as it appears inside a JSON string (quotes and backslashes escaped). */
const inJson = (text: string) => JSON.stringify(text).slice(1, -1)

// Tables the app writes about a client (emails, audit details, insights, imports, webhooks): here the
// client's name is replaced wherever it stands. Elsewhere (what people wrote about other clients) only the
// id and email, which cannot be mistaken for another word, are.
const tablesNamingClients = new Set([
  'AuditEvent',
  'OutboundEmail',
  'Insight',
  'ImportBatch',
  'WebhookDelivery',
  'CaseloadSnapshot',
  'DigestDelivery',
  'NotificationBatch',
  'Notification',
])

function scrubColumn(
  column: TextColumn,
  client: { id: string; name: string; email: string },
  anonymousId: string,
): (organizationId: string) => ReturnType<typeof sql> {
  const json = column.type !== 'text'
  const emailPattern = regexEscape(json ? inJson(client.email) : client.email)
  const name = client.name.trim()
  const namePattern =
    tablesNamingClients.has(column.table) && name.length > 0 ? `\\m${regexEscape(json ? inJson(name) : name)}\\M` : null
  const col = rawSql(`"${column.table}"."${column.column}"`)
  const table = rawSql(`"${column.table}"`)
  const asText = json ? sql`${col}::text` : col
  const cast = rawSql(json ? `::${column.type}` : '')
  let value = sql`regexp_replace(replace(${asText}, ${client.id}, ${anonymousId}), ${emailPattern}, ${erasedEmailText}, 'gi')`
  let mentions = sql`strpos(${asText}, ${client.id}) > 0 OR ${asText} ~* ${emailPattern}`
  if (namePattern) {
    value = sql`regexp_replace(${value}, ${namePattern}, ${erasedName}, 'gi')`
    mentions = sql`${mentions} OR ${asText} ~* ${namePattern}`
  }
  return (organizationId) =>
    sql`UPDATE ${table} SET ${rawSql(`"${column.column}"`)} = (${value})${cast}
        WHERE ${table}."organizationId" = ${organizationId} AND (${mentions})`
}

/**
 * Erases a client after their name was typed to confirm. Returns the anonymous row's id, or null when
 * the client is not in view (the route answers 404). The caller checks the permission.
 */
export async function eraseClient(
  t: TenantContext,
  clientId: string,
  input: z.infer<typeof EraseClientInput> | { retention: true },
  now = new Date(),
) {
  const preview = await erasurePreview(t, clientId)
  if (!preview) return null
  const { client } = preview
  if ('confirmName' in input && input.confirmName.trim().toLowerCase() !== client.name.trim().toLowerCase())
    throw new InputError('confirmName', `That is not the client’s name. Type “${client.name}” exactly to erase them.`)

  const anonymousId = newId()
  const system = 'retention' in input
  const metadata = {
    reason: system ? 'retention' : 'request',
    applicationsKeptAnonymously: preview.anonymised.applications,
    ...preview.removed,
  }
  const columns = await tenantTextColumns(t)
  const old = client.id
  await executeTenantSqlTogether(t, [
    (org) => sql`
      INSERT INTO "Client" ("id", "organizationId", "coachId", "name", "email", "status", "weeklyGoal", "timezone",
        "digestOptIn", "notifyMessages", "notifyTasks", "lastActivityAt", "erasedAt", "createdAt", "updatedAt")
      SELECT ${anonymousId}, "organizationId", "coachId", ${erasedName}, ${`erased-${anonymousId}@erased.invalid`},
        'ARCHIVED', "weeklyGoal", 'UTC', false, false, false, "lastActivityAt", ${now}, "createdAt", ${now}
      FROM "Client" WHERE "id" = ${old} AND "organizationId" = ${org}`,
    // The applications keep what the practice's figures count (stage, outcome, dates, seniority,
    // source, industry) and lose every word someone wrote.
    (org) => sql`
      UPDATE "JobApplication" SET "clientId" = ${anonymousId}, "company" = 'Erased', "roleTitle" = 'Erased',
        "location" = NULL, "jobUrl" = NULL, "notes" = NULL, "feedbackText" = NULL, "salaryMin" = NULL,
        "salaryMax" = NULL, "salaryCurrency" = NULL, "importBatchId" = NULL, "updatedAt" = ${now}
      WHERE "organizationId" = ${org} AND "clientId" = ${old}`,
    (org) =>
      sql`UPDATE "StageEvent" SET "clientId" = ${anonymousId} WHERE "organizationId" = ${org} AND "clientId" = ${old}`,
    (org) => sql`DELETE FROM "ImportBatch" WHERE "organizationId" = ${org} AND "clientId" = ${old}`,
    (org) =>
      sql`DELETE FROM "DigestDelivery" WHERE "organizationId" = ${org} AND "recipientType" = 'CLIENT' AND "recipientId" = ${old}`,
    (org) =>
      sql`DELETE FROM "NotificationBatch" WHERE "organizationId" = ${org} AND "recipientType" = 'CLIENT' AND "recipientId" = ${old}`,
    (org) =>
      sql`DELETE FROM "NotificationGate" WHERE "organizationId" = ${org} AND "recipientType" = 'CLIENT' AND "recipientId" = ${old}`,
    (org) =>
      sql`DELETE FROM "OutboundEmail" WHERE "organizationId" = ${org} AND strpos(lower("to"), ${client.email.toLowerCase()}) > 0`,
    // Sessions, links, tasks, check-ins, messages, notes, digest notes, insights and notifications go with the row.
    (org) => sql`DELETE FROM "Client" WHERE "id" = ${old} AND "organizationId" = ${org}`,
    ...columns.map((column) => scrubColumn(column, client, anonymousId)),
    // Stored caseload figures are recomputed within minutes; none keeps the client's details meanwhile.
    (org) => sql`DELETE FROM "CaseloadSnapshot" WHERE "organizationId" = ${org}`,
    // The audit record says a client was erased, by whom and how much, never who the client was.
    (org) => sql`
      INSERT INTO "AuditEvent" ("id", "organizationId", "actorUserId", "actorType", "action", "targetType", "targetId", "metadata", "createdAt")
      VALUES (${newId()}, ${org}, ${system ? null : t.user.id}, ${system ? 'SYSTEM' : 'COACH'}::"ActorType", 'client.erased',
        'Client', ${anonymousId}, ${JSON.stringify(metadata)}::jsonb, ${now})`,
  ])
  return { anonymousId }
}
