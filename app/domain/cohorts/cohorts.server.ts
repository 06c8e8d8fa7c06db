import { dateOnly, isoDate } from '~/lib/dates'
import { InputError } from '~/lib/input-error'
import type { TenantContext, TenantDb } from '~/tenancy/scoped-client.server'
import { ownClientsCondition, queryTenantSql, sql, tenantList } from '~/tenancy/sql.server'
import { unlessTaken } from '../unique-input.server'
import { changesOf, recordTenantEvent, writeAudited, writeAuditedWith } from '../practices/audit.server'
import type { CohortInput } from './cohort-input'

// Cohorts of the practice (a programme, an intake, a sponsor's layoff group) and who is in them.
// A cohort is the practice's; its members are read through the door, so a coach limited to their
// own clients sees and changes only their own clients' memberships.

const duplicateName = 'Your practice already has a cohort with this name'

export type CohortSummary = {
  id: string
  name: string
  startsOn: string
  endsOn: string
  sponsorName: string | null
  members: number
}

/** Every cohort, newest start first, with how many of the clients in view belong to it. */
export async function listCohorts(t: TenantContext): Promise<CohortSummary[]> {
  return queryTenantSql<CohortSummary>(
    t,
    (org) => sql`
      SELECT k.id, k.name, to_char(k."startsOn", 'YYYY-MM-DD') AS "startsOn",
             to_char(k."endsOn", 'YYYY-MM-DD') AS "endsOn", k."sponsorName",
             (SELECT count(*)::int FROM "ClientCohort" m
              JOIN "Client" c ON c.id = m."clientId" AND c."organizationId" = ${org}
              WHERE m."organizationId" = ${org} AND m."cohortId" = k.id AND ${ownClientsCondition(t)}) AS members
      FROM "Cohort" k WHERE k."organizationId" = ${org}
      ORDER BY k."startsOn" DESC, lower(k.name), k.id`,
  )
}

/** The cohorts to pick from (filters, the client form): id and name. */
export const cohortChoices = tenantList<{ id: string; name: string }>(
  (organizationId) => sql`
    SELECT id, name FROM "Cohort" WHERE "organizationId" = ${organizationId} ORDER BY "startsOn" DESC, name ASC`,
)

export async function listCohortChoices(t: TenantContext) {
  return queryTenantSql<{ id: string; name: string }>(t, cohortChoices)
}

export async function findCohort(t: TenantContext, cohortId: string) {
  const cohort = await t.db.cohort.findFirst({ where: { id: cohortId } })
  return cohort ? { ...cohort, startsOn: isoDate(cohort.startsOn), endsOn: isoDate(cohort.endsOn) } : null
}

const columns = (input: CohortInput) => ({
  name: input.name,
  startsOn: dateOnly(input.startsOn),
  endsOn: dateOnly(input.endsOn),
  sponsorName: input.sponsorName,
})

export async function createCohort(t: TenantContext, input: CohortInput) {
  return unlessTaken('name', duplicateName, () =>
    writeAuditedWith(
      t,
      (tx) => tx.cohort.create({ data: { organizationId: t.org.id, ...columns(input) } }),
      (cohort) => ['cohort.created', { type: 'Cohort', id: cohort.id }, { ...input }],
    ),
  )
}

/** The cohort saved, or null when it is not this practice's. */
export async function updateCohort(t: TenantContext, cohortId: string, input: CohortInput) {
  const existing = await findCohort(t, cohortId)
  if (!existing) return null
  const changes = changesOf(existing, input, ['name', 'startsOn', 'endsOn', 'sponsorName'])
  return unlessTaken('name', duplicateName, () =>
    writeAuditedWith(
      t,
      (tx) => tx.cohort.update({ where: { id: existing.id }, data: columns(input) }),
      (cohort) =>
        Object.keys(changes).length
          ? ['cohort.edited', { type: 'Cohort', id: cohort.id }, { name: existing.name, changes }]
          : null,
    ),
  )
}

/** Deletes the cohort and its memberships (the clients stay). False when it is not this practice's. */
export async function deleteCohort(t: TenantContext, cohortId: string) {
  const existing = await findCohort(t, cohortId)
  if (!existing) return false
  await writeAudited(
    t,
    (tx) => tx.cohort.delete({ where: { id: existing.id } }),
    'cohort.deleted',
    { type: 'Cohort', id: existing.id },
    { name: existing.name },
  )
  return true
}

/** The cohort's members the visitor may see, by name. */
export async function listCohortMembers(t: TenantContext, cohortId: string) {
  const rows = await t.db.clientCohort.findMany({
    where: { cohortId },
    select: {
      addedAt: true,
      client: { select: { id: true, name: true, email: true, status: true, coach: { select: { name: true } } } },
    },
  })
  return rows
    .map((r) => ({ ...r.client, coachName: r.client.coach?.name ?? null, addedAt: r.addedAt }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Adds clients to a cohort (the roster's bulk action). Clients the door does not show are not touched;
 * clients already in the cohort stay as they are. One audit entry names the clients added.
 */
export async function addClientsToCohort(t: TenantContext, cohortId: string, clientIds: string[]) {
  const cohort = await findCohort(t, cohortId)
  if (!cohort) throw new InputError('cohortId', 'Choose one of your practice’s cohorts')
  const clients = await t.db.client.findMany({
    where: { id: { in: [...new Set(clientIds)] } },
    select: { id: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  const already = new Set(
    (
      await t.db.clientCohort.findMany({
        where: { cohortId: cohort.id, clientId: { in: clients.map((c) => c.id) } },
        select: { clientId: true },
      })
    ).map((m) => m.clientId),
  )
  const toAdd = clients.filter((c) => !already.has(c.id))
  if (toAdd.length)
    await t.db.$transaction(async (tx) => {
      // One insert per client: single-row writes check their keys inside the transaction (the door's check
      // for bulk inserts runs outside it, which a one-connection embedded database cannot serve).
      for (const c of toAdd) {
        await tx.clientCohort.upsert({
          where: {
            organizationId_cohortId_clientId: { organizationId: t.org.id, cohortId: cohort.id, clientId: c.id },
          },
          create: { organizationId: t.org.id, cohortId: cohort.id, clientId: c.id },
          update: {},
        })
      }
      await recordTenantEvent(
        { ...t, db: tx },
        'cohort.clients_added',
        { type: 'Cohort', id: cohort.id },
        {
          cohort: cohort.name,
          clients: toAdd.map((c) => ({ id: c.id, name: c.name })),
        },
      )
    })
  return { cohort, clients, added: new Set(toAdd.map((c) => c.id)), notFound: new Set(clientIds).size - clients.length }
}

/** Takes one client out of a cohort. False when the cohort or the membership is not in view. */
export async function removeClientFromCohort(t: TenantContext, cohortId: string, clientId: string) {
  const membership = await t.db.clientCohort.findFirst({
    where: { cohortId, clientId },
    select: { id: true, cohort: { select: { name: true } }, client: { select: { name: true } } },
  })
  if (!membership) return false
  await writeAudited(
    t,
    (tx) => tx.clientCohort.delete({ where: { id: membership.id } }),
    'cohort.client_removed',
    { type: 'Cohort', id: cohortId },
    { cohort: membership.cohort.name, client: { id: clientId, name: membership.client.name } },
  )
  return true
}

/** The ids of the cohorts a client is in. */
export async function cohortIdsOfClient(t: TenantContext, clientId: string) {
  const rows = await t.db.clientCohort.findMany({ where: { clientId }, select: { cohortId: true } })
  return rows.map((r) => r.cohortId)
}

/**
 * Makes the client's cohorts exactly `cohortIds` (the client form), inside the caller's transaction.
 * An id that is not one of the practice's cohorts is refused as input.
 */
export async function setClientCohorts(
  t: Pick<TenantContext, 'org' | 'user'> & { db: Pick<TenantDb, 'cohort' | 'clientCohort' | 'auditEvent'> },
  client: { id: string; name: string },
  cohortIds: string[],
) {
  const wanted = [...new Set(cohortIds)]
  const cohorts = await t.db.cohort.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
  if (cohorts.length !== wanted.length) throw new InputError('cohortIds', 'Choose among your practice’s cohorts')
  const current = await t.db.clientCohort.findMany({
    where: { clientId: client.id },
    select: { id: true, cohortId: true, cohort: { select: { name: true } } },
  })
  const removed = current.filter((m) => !wanted.includes(m.cohortId))
  const added = cohorts.filter((c) => !current.some((m) => m.cohortId === c.id))
  if (removed.length) await t.db.clientCohort.deleteMany({ where: { id: { in: removed.map((m) => m.id) } } })
  for (const cohort of added)
    await t.db.clientCohort.create({ data: { organizationId: t.org.id, cohortId: cohort.id, clientId: client.id } })
  if (removed.length || added.length)
    await recordTenantEvent(
      t,
      'client.cohorts_changed',
      { type: 'Client', id: client.id },
      {
        name: client.name,
        added: added.map((c) => c.name),
        removed: removed.map((m) => m.cohort.name),
      },
    )
}
