import type { ClientStatus, DeliveryStatus, RecipientType } from '~/generated/prisma/enums'
import { joinSql, queryTenantSql, sql } from '~/tenancy/sql.server'
import { type TenantContext } from '~/tenancy/scoped-client.server'
import { newDeliveryId } from './ids.server'
import { isoWeekOf, previousIsoWeek } from '~/lib/weeks'

// Who gets a digest this week, and the claim: one DigestDelivery row per recipient and ISO week,
// inserted with ON CONFLICT DO NOTHING on its unique key. Only the call that inserted a row sends
// it, so any number of processes may claim the same week at once.

export type DigestRecipient = {
  recipientType: RecipientType
  recipientId: string
  email: string
  /** Set when the recipient gets no digest this week; recorded on the row as SKIPPED. */
  skipReason: string | null
}

export type ClaimedDelivery = { id: string; recipientType: RecipientType; recipientId: string; status: DeliveryStatus }

const statusReasons: Record<Exclude<ClientStatus, 'ACTIVE'>, string> = {
  PAUSED: 'Client is paused',
  PLACED: 'Client is placed',
  ARCHIVED: 'Client is archived',
}

/** Why a client gets no digest, or null when they get one. Only ACTIVE clients get digests. */
export function clientSkipReason(client: {
  status: ClientStatus
  digestOptIn: boolean
  emailSuppressedAt: Date | null
  emailSuppression: string | null
}) {
  if (client.status !== 'ACTIVE') return statusReasons[client.status]
  if (!client.digestOptIn) return 'Unsubscribed from digests'
  if (client.emailSuppressedAt) return `Email address suppressed (${client.emailSuppression ?? 'bounce'})`
  return null
}

export const newClientSkipReason = 'New client: the first digest follows their first full week'
export const emptyPracticeSkipReason = 'No active clients yet'

/**
 * Whether a client added at `createdAt` gets the digest of `isoWeek`: only once a whole ISO week
 * (in the practice's timezone) has passed since they were added, so a digest never reports on
 * days before the client existed.
 */
export function hasHadFullWeek(createdAt: Date, isoWeek: string, timeZone: string) {
  return isoWeekOf(createdAt, timeZone) < previousIsoWeek(isoWeek)
}

/**
 * Every client of the practice and every member, each with the reason they are skipped for the
 * week, if any: clients as clientSkipReason says and new clients until their first full week is
 * over; members while the practice has no active client.
 */
export async function listDigestRecipients(t: TenantContext, isoWeek: string): Promise<DigestRecipient[]> {
  const [clients, members, suppressed] = await Promise.all([
    t.db.client.findMany({
      select: {
        id: true,
        email: true,
        createdAt: true,
        status: true,
        digestOptIn: true,
        emailSuppressedAt: true,
        emailSuppression: true,
      },
      orderBy: { id: 'asc' },
    }),
    t.db.membership.findMany({
      select: { userId: true, user: { select: { email: true } } },
      orderBy: { userId: 'asc' },
    }),
    queryTenantSql<{ email: string; reason: string }>(
      t,
      (organizationId) => sql`
        SELECT s.email, s.reason FROM "EmailSuppression" s
        JOIN "Client" c ON c.email = s.email AND c."organizationId" = ${organizationId}`,
    ),
  ])
  const suppressedBy = new Map(suppressed.map((s) => [s.email, s.reason]))
  const hasActiveClient = clients.some((c) => c.status === 'ACTIVE')
  return [
    ...clients.map((c) => {
      const reason = suppressedBy.get(c.email)
      return {
        recipientType: 'CLIENT' as const,
        recipientId: c.id,
        email: c.email,
        skipReason:
          clientSkipReason(c) ??
          (reason ? `Email address suppressed (${reason})` : null) ??
          (hasHadFullWeek(c.createdAt, isoWeek, t.org.timezone) ? null : newClientSkipReason),
      }
    }),
    ...members.map((m) => ({
      recipientType: 'COACH' as const,
      recipientId: m.userId,
      email: m.user.email,
      skipReason: hasActiveClient ? null : emptyPracticeSkipReason,
    })),
  ]
}

/**
 * Claims the week's digest for each recipient. Returns only the rows this call inserted: a
 * recipient claimed before (by another process, or an earlier run) is left alone.
 */
export async function claimDigests(
  t: TenantContext,
  isoWeek: string,
  recipients: DigestRecipient[],
  now = new Date(),
  options: { single?: boolean } = {},
): Promise<ClaimedDelivery[]> {
  // A single send marks its row (attempts = 1) so the batcher never takes it.
  const attempts = options.single ? 1 : 0
  const claimed: ClaimedDelivery[] = []
  for (let i = 0; i < recipients.length; i += 1000) {
    const chunk = recipients.slice(i, i + 1000)
    const rows = await queryTenantSql<ClaimedDelivery>(t, (organizationId) => {
      const values = chunk.map(
        (r) => sql`(${newDeliveryId()}, ${organizationId}, ${r.recipientType}::"RecipientType", ${r.recipientId},
          ${r.email}, ${isoWeek}, ${r.skipReason ? 'SKIPPED' : 'CLAIMED'}::"DeliveryStatus", ${r.skipReason}, ${now}, ${attempts})`,
      )
      return sql`
        INSERT INTO "DigestDelivery" (id, "organizationId", "recipientType", "recipientId", email, "isoWeek", status, error, "claimedAt", attempts)
        VALUES ${joinSql(values)}
        ON CONFLICT ("organizationId", "recipientType", "recipientId", "isoWeek") DO NOTHING
        RETURNING id, "recipientType", "recipientId", status`
    })
    claimed.push(...rows)
  }
  return claimed
}
