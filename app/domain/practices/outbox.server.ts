import type { TenantContext } from '~/tenancy/scoped-client.server'

// The dev outbox: every email the practice sent or would have sent, read from OutboundEmail.

export const outboxPageSize = 30

export async function listOutbox(t: TenantContext, page = 1) {
  const [emails, total] = await Promise.all([
    t.db.outboundEmail.findMany({
      orderBy: { createdAt: 'desc' },
      skip: (page - 1) * outboxPageSize,
      take: outboxPageSize,
      select: { id: true, to: true, subject: true, kind: true, status: true, createdAt: true, error: true },
    }),
    t.db.outboundEmail.count(),
  ])
  return { emails, total, page, pageSize: outboxPageSize }
}

export function findOutboundEmail(t: TenantContext, id: string) {
  return t.db.outboundEmail.findFirst({ where: { id } })
}
