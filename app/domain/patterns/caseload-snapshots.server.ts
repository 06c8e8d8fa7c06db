import { isOwnClientsOnly, type TenantContext } from '~/tenancy/scoped-client.server'
import { isUniqueViolation, queryTenantSql, sql } from '~/tenancy/sql.server'

// Caseload figures that cost a few hundred milliseconds of SQL on a large practice are computed once and
// kept for a few minutes, per practice (and per coach where a coach sees only their own clients). Any
// process may compute and store them; the newest write wins. The insights refresh job warms them.

export const snapshotMaxAgeMs = 10 * 60 * 1000

/** The key for `name`, scoped to the coach when the practice limits coaches to their own clients. */
export function snapshotKey(t: TenantContext, name: string) {
  return isOwnClientsOnly(t) ? `${name}:coach:${t.user.id}` : name
}

type StaleOptions = {
  /** Serve a stored snapshot past its age up to this old (calling `onStale`, which asks for a refresh) rather than compute. */
  serveStaleMs?: number
  onStale?: () => void
  /** A stored snapshot that fails this (figures of another week, say) counts as none: it is computed afresh. */
  usable?: (data: unknown) => boolean
}

/** The stored figures when fresh enough, or `compute()` stored for next time. Figures must be plain JSON. */
export async function cachedFigures<T>(
  t: TenantContext,
  name: string,
  compute: () => Promise<T>,
  options: StaleOptions & { now?: Date; maxAgeMs?: number; refresh?: boolean } = {},
): Promise<T> {
  const now = options.now ?? new Date()
  const key = snapshotKey(t, name)
  if (!options.refresh) {
    const [found] = await queryTenantSql<{ data: unknown; computedAt: Date }>(
      t,
      (organizationId) => sql`
        SELECT data, "computedAt" FROM "CaseloadSnapshot" WHERE "organizationId" = ${organizationId} AND key = ${key}`,
    )
    const stored = found && (!options.usable || options.usable(found.data)) ? found : null
    const age = stored ? now.getTime() - stored.computedAt.getTime() : Infinity
    if (stored && age < (options.maxAgeMs ?? snapshotMaxAgeMs)) return stored.data as T
    if (stored && options.serveStaleMs !== undefined && age < options.serveStaleMs) {
      options.onStale?.()
      return stored.data as T
    }
  }
  const data = await compute()
  const json = JSON.parse(JSON.stringify(data))
  try {
    await t.db.caseloadSnapshot.upsert({
      where: { organizationId_key: { organizationId: t.org.id, key } },
      create: { organizationId: t.org.id, key, data: json, computedAt: now },
      update: { data: json, computedAt: now },
    })
  } catch (error) {
    // Two views computed the first snapshot at once and the other stored it first: theirs is as new as ours.
    if (!isUniqueViolation(error)) throw error
  }
  return data
}
