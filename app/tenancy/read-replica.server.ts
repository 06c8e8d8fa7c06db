import { envValue } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'
import { replicaPrisma, type Db } from '~/lib/db.server'
import { createTenantContext, rawClientOf, type TenantContext } from './scoped-client.server'

// The door's read path for analytics (docs/decisions/0029-analytics-on-a-read-replica.md): the patterns page,
// the insights computation and exports read through `analyticsContext(t)`, the same scoped context on the
// replica of DATABASE_REPLICA_URL. It never writes there (PostgreSQL refuses writes on a standby anyway).
// A replica that trails by more than DATABASE_REPLICA_MAX_LAG_SECONDS, or does not answer, is left aside and the
// primary answers; the lag is checked at most every 5 s per process.

export type ReadSource = { source: 'primary' | 'replica'; reason: string; lagSeconds: number | null }

const checkEveryMs = 5000
let lastCheck: { at: number; result: Promise<ReadSource> } | undefined

/**
 * Seconds the replica's replay trails what it has received (0 when it has replayed all it has: the usual
 * measure, since an idle primary sends nothing new).
 */
async function replicaLag(replica: Db) {
  const [row] = await replica.$queryRaw<{ recovery: boolean; lag: number | null }[]>`
    SELECT pg_is_in_recovery() AS recovery,
           CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`
  return row!
}

async function checkReplica(replica: Db): Promise<ReadSource> {
  const maxLag = envValue('DATABASE_REPLICA_MAX_LAG_SECONDS')
  try {
    const { recovery, lag } = await replicaLag(replica)
    if (!recovery) return { source: 'replica', reason: 'the replica is not in recovery (promoted?)', lagSeconds: 0 }
    if (lag !== null && lag > maxLag) {
      logger.warn({ lagSeconds: lag, maxLag }, 'replica lagging: analytics read the primary')
      return { source: 'primary', reason: `the replica trails by ${Math.round(lag)} s`, lagSeconds: lag }
    }
    return { source: 'replica', reason: 'the replica is current', lagSeconds: lag }
  } catch (error) {
    logger.warn({ error: (error as Error).message }, 'replica unreachable: analytics read the primary')
    return { source: 'primary', reason: 'the replica does not answer', lagSeconds: null }
  }
}

/** Where analytics read now, and why (checked at most every 5 s). */
export function analyticsSource(now = Date.now()): Promise<ReadSource> {
  const replica = replicaPrisma()
  if (!replica) return Promise.resolve({ source: 'primary', reason: 'no replica configured', lagSeconds: null })
  if (!lastCheck || now - lastCheck.at > checkEveryMs) lastCheck = { at: now, result: checkReplica(replica) }
  return lastCheck.result
}

/** Forget the last lag check (tests). */
export function forgetReplicaCheck() {
  lastCheck = undefined
}

/** The same context, reading from the replica when one is configured and current; else `t` itself. */
export async function analyticsContext(t: TenantContext): Promise<TenantContext> {
  const replica = replicaPrisma()
  if (!replica || replica === rawClientOf(t)) return t
  const { source } = await analyticsSource()
  if (source === 'primary') return t
  return createTenantContext(replica, { user: t.user, org: t.org, role: t.role, membership: t.membership })
}
