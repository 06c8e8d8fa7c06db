import { recordTenantEvent } from '~/domain/practices/audit.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { eraseClient } from './erasure.server'

// The practice's retention rule for archived clients (docs/decisions/0027): a client archived and
// untouched for the chosen number of months is erased, as an owner would erase them by hand. Off
// (null) unless the practice chooses a period. The daily job applies it to every practice that did.

/** Erased per run at most: a practice with years of archived clients catches up over a few days. */
export const retentionBatch = 200

function monthsBefore(now: Date, months: number) {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return cutoff
}

/** Erases the archived clients past the practice's period; returns how many. Recorded in the audit log. */
export async function applyClientRetention(t: TenantContext, now = new Date()) {
  const months = t.org.archivedClientRetentionMonths
  if (!months) return { erased: 0 }
  const due = await t.db.client.findMany({
    where: { status: 'ARCHIVED', erasedAt: null, updatedAt: { lt: monthsBefore(now, months) } },
    select: { id: true },
    orderBy: { updatedAt: 'asc' },
    take: retentionBatch,
  })
  let erased = 0
  for (const { id } of due) if (await eraseClient(t, id, { retention: true }, now)) erased++
  if (erased > 0)
    await recordTenantEvent(
      t,
      'retention.applied',
      { type: 'Organization', id: t.org.id },
      { archivedClientRetentionMonths: months, erasedClients: erased },
      { system: true },
    )
  return { erased }
}
