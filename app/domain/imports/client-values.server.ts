import { randomBytes } from 'node:crypto'
import type { ClientFieldDef, ClientFieldValue } from '~/domain/client-fields/client-field-input'
import { formatFieldValue, valuesOf } from '~/domain/client-fields/client-field-display'
import { listActiveClientFields } from '~/domain/client-fields/client-fields.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { ClientValuePlan } from './client-values'

// What an import changes on its clients (custom field values, cohorts), worked out against what they hold
// now, and written by the import's last statement with the rest (commit.server.ts), so an import that fails
// changes no client. docs/decisions/0042.

/** The practice's active client fields and its cohorts, which a column of a file can fill. */
export async function clientValueTargets(t: TenantContext) {
  const [fields, cohorts] = await Promise.all([
    listActiveClientFields(t),
    t.db.cohort.findMany({ select: { id: true, name: true }, orderBy: [{ startsOn: 'desc' }, { name: 'asc' }] }),
  ])
  return { fields, cohorts }
}

/** What the import did, or will do, to its clients: the summary the page shows. */
export type ClientChangeSummary = {
  /** Clients whose custom fields the import sets (a value that differs from what they hold). */
  fieldClients: number
  fields: { name: string; clients: number }[]
  cohorts: { name: string; clients: number; created: boolean }[]
}

export type ClientChanges = {
  summary: ClientChangeSummary
  /** Per client: the fields to set, and each changed field's name with its value before and after. */
  patches: {
    clientId: string
    name: string
    patch: Record<string, ClientFieldValue>
    changes: Record<string, [string, string]>
  }[]
  newCohorts: { id: string; name: string; startsOn: string; endsOn: string }[]
  memberships: { cohortId: string; cohortName: string; clients: { id: string; name: string }[] }[]
}

export const noClientChanges = (): ClientChanges => ({
  summary: { fieldClients: 0, fields: [], cohorts: [] },
  patches: [],
  newCohorts: [],
  memberships: [],
})

const same = (a: ClientFieldValue | undefined, b: ClientFieldValue) => JSON.stringify(a ?? null) === JSON.stringify(b)

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
/** A cuid-shaped id for rows the import's statement inserts. */
export const newRowId = () => `c${[...randomBytes(24)].map((b) => alphabet[b % alphabet.length]).join('')}`

/**
 * The plan against the clients as they are: only values that differ are set, only clients not yet in a
 * cohort are added; a cohort the file names that the practice lacks is created when the coach asked
 * (`create`: its keys), its dates the first and last applied dates of its rows, else left out.
 */
export async function clientChangesOf(
  t: TenantContext,
  plan: ClientValuePlan,
  options: { fields: ClientFieldDef[]; create: ReadonlySet<string>; today: string },
): Promise<ClientChanges> {
  const changes = noClientChanges()
  const clientIds = [...new Set([...plan.values.keys(), ...plan.cohorts.keys()])]
  if (!clientIds.length) return changes
  const clients = new Map<string, { id: string; name: string; customFields: unknown }>()
  for (let i = 0; i < clientIds.length; i += 1000) {
    const found = await t.db.client.findMany({
      where: { id: { in: clientIds.slice(i, i + 1000) } },
      select: { id: true, name: true, customFields: true },
    })
    for (const c of found) clients.set(c.id, c)
  }
  const fieldCounts = new Map<string, number>()
  for (const [clientId, values] of plan.values) {
    const client = clients.get(clientId)
    if (!client) continue
    const before = valuesOf(client.customFields)
    const patch: Record<string, ClientFieldValue> = {}
    const changed: Record<string, [string, string]> = {}
    for (const [fieldId, value] of Object.entries(values)) {
      if (same(before[fieldId], value)) continue
      const name = options.fields.find((f) => f.id === fieldId)?.name ?? fieldId
      patch[fieldId] = value
      changed[name] = [formatFieldValue(before[fieldId]), formatFieldValue(value)]
      fieldCounts.set(name, (fieldCounts.get(name) ?? 0) + 1)
    }
    if (Object.keys(patch).length) changes.patches.push({ clientId, name: client.name, patch, changes: changed })
  }
  changes.summary.fieldClients = changes.patches.length
  changes.summary.fields = options.fields
    .filter((f) => fieldCounts.has(f.name))
    .map((f) => ({ name: f.name, clients: fieldCounts.get(f.name)! }))

  const cohortIds = new Map<string, string>()
  for (const [key, cohort] of plan.cohortNames) {
    if (cohort.id) cohortIds.set(key, cohort.id)
    else if (options.create.has(key)) {
      const days = [...cohort.days].sort()
      const id = newRowId()
      changes.newCohorts.push({
        id,
        name: cohort.name,
        startsOn: days[0] ?? options.today,
        endsOn: days.at(-1) ?? options.today,
      })
      cohortIds.set(key, id)
    }
  }
  const existing = await t.db.clientCohort.findMany({
    where: { clientId: { in: clientIds }, cohortId: { in: [...cohortIds.values()] } },
    select: { clientId: true, cohortId: true },
  })
  const already = new Set(existing.map((m) => `${m.cohortId}:${m.clientId}`))
  for (const [key, id] of cohortIds) {
    const added = [...plan.cohorts]
      .filter(([clientId, keys]) => keys.has(key) && clients.has(clientId) && !already.has(`${id}:${clientId}`))
      .map(([clientId]) => ({ id: clientId, name: clients.get(clientId)!.name }))
      .sort((a, b) => a.name.localeCompare(b.name))
    const name = plan.cohortNames.get(key)!.name
    const created = changes.newCohorts.some((c) => c.id === id)
    if (added.length) changes.memberships.push({ cohortId: id, cohortName: name, clients: added })
    if (added.length || created) changes.summary.cohorts.push({ name, clients: added.length, created })
  }
  return changes
}

/** The JSON inputs of the statement that writes the changes, with one audit entry per change as the bulk actions write. */
export function clientWriteInputs(t: TenantContext, changes: ClientChanges, importBatchId: string) {
  const audits: { id: string; action: string; targetType: string; targetId: string; metadata: unknown }[] = []
  for (const c of changes.newCohorts)
    audits.push({
      id: newRowId(),
      action: 'cohort.created',
      targetType: 'Cohort',
      targetId: c.id,
      metadata: { name: c.name, startsOn: c.startsOn, endsOn: c.endsOn, sponsorName: null, importBatchId },
    })
  for (const m of changes.memberships)
    audits.push({
      id: newRowId(),
      action: 'cohort.clients_added',
      targetType: 'Cohort',
      targetId: m.cohortId,
      metadata: { cohort: m.cohortName, clients: m.clients, importBatchId },
    })
  for (const p of changes.patches)
    audits.push({
      id: newRowId(),
      action: 'client.fields_changed',
      targetType: 'Client',
      targetId: p.clientId,
      metadata: { name: p.name, changes: p.changes, importBatchId },
    })
  return {
    patches: JSON.stringify(changes.patches.map((p) => ({ clientId: p.clientId, patch: p.patch }))),
    cohorts: JSON.stringify(changes.newCohorts),
    memberships: JSON.stringify(
      changes.memberships.flatMap((m) =>
        m.clients.map((c) => ({ id: newRowId(), cohortId: m.cohortId, clientId: c.id })),
      ),
    ),
    audits: JSON.stringify(audits),
    summary: JSON.stringify(changes.summary),
    actorUserId: t.user.id,
  }
}

/** The summary stored with a committed import, read back for its page. */
export function readClientSummary(stored: unknown): ClientChangeSummary | null {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null
  const s = stored as Partial<ClientChangeSummary>
  if (typeof s.fieldClients !== 'number' || !Array.isArray(s.fields) || !Array.isArray(s.cohorts)) return null
  return { fieldClients: s.fieldClients, fields: s.fields, cohorts: s.cohorts }
}

/** What a committed import did to its clients, or null before it is committed. */
export async function importedClientSummary(t: TenantContext, importBatchId: string) {
  const batch = await t.db.importBatch.findFirst({
    where: { id: importBatchId, status: 'COMMITTED' },
    select: { clientChanges: true },
  })
  return batch ? readClientSummary(batch.clientChanges) : null
}
