import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { PipelineContext } from '../applications/applications.server'
import { findCohort } from '../cohorts/cohorts.server'
import { recordTenantEvent } from '../practices/audit.server'
import { interventionRows } from './interventions.server'
import { readOutcome } from './outcome-report.server'
import { sponsorLinkDays } from './sponsor-link-days'
import { sponsorView, type SponsorView } from './sponsor-view'

// A sponsor's read-only link to one cohort's report. The token is 256 random bits, shown to the owner
// once; only its SHA-256 is stored. A link expires, can be revoked, and records when it was last opened.
// Opening it (app/auth/sponsor-link.server.ts) shows the k-anonymous view of sponsor-view.ts.

export { sponsorLinkDays }

export const SponsorLinkForm = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create-sponsor-link'),
    cohortId: z.string({ error: 'Choose a cohort first' }).min(1).max(64),
    days: z.coerce
      .number({ error: 'Choose how long the link lasts' })
      .refine((d) => (sponsorLinkDays as readonly number[]).includes(d), 'Choose 30, 90, 180 or 365 days'),
  }),
  z.object({
    intent: z.literal('revoke-sponsor-link'),
    linkId: z.string({ error: 'Choose a link to revoke' }).min(1).max(64),
  }),
])

export function hashSponsorToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** A new link to the cohort's sponsor view, or null when the cohort is not this practice's. */
export async function createSponsorLink(t: TenantContext, input: { cohortId: string; days: number }, now = new Date()) {
  const cohort = await findCohort(t, input.cohortId)
  if (!cohort) return null
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + input.days * 86_400_000)
  const link = await t.db.$transaction(async (tx) => {
    const created = await tx.sponsorLink.create({
      data: {
        organizationId: t.org.id,
        cohortId: cohort.id,
        tokenHash: hashSponsorToken(token),
        expiresAt,
        createdById: t.user.id,
      },
    })
    await recordTenantEvent(
      { ...t, db: tx },
      'sponsor_link.created',
      { type: 'Cohort', id: cohort.id },
      { cohort: cohort.name, linkId: created.id, expiresAt: expiresAt.toISOString() },
    )
    return created
  })
  return { token, link }
}

/** The cohort's links, newest first: when made, until when, last opened, revoked. */
export function listSponsorLinks(t: TenantContext, cohortId: string) {
  return t.db.sponsorLink.findMany({
    where: { cohortId },
    select: { id: true, createdAt: true, expiresAt: true, revokedAt: true, lastOpenedAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  })
}

/** Ends a link at once. Null when it is not this practice's; revoking twice changes nothing. */
export async function revokeSponsorLink(t: TenantContext, linkId: string, now = new Date()) {
  const link = await t.db.sponsorLink.findFirst({ where: { id: linkId }, include: { cohort: true } })
  if (!link) return null
  if (link.revokedAt) return link
  return t.db.$transaction(async (tx) => {
    const revoked = await tx.sponsorLink.update({ where: { id: link.id }, data: { revokedAt: now } })
    await recordTenantEvent(
      { ...t, db: tx },
      'sponsor_link.revoked',
      { type: 'Cohort', id: link.cohortId },
      { cohort: link.cohort.name, linkId: link.id },
    )
    return revoked
  })
}

export type SponsorReport = {
  cohort: { name: string; sponsorName: string | null; startsOn: string; endsOn: string }
  from: string
  to: string
  today: string
  practiceName: string
  view: SponsorView
}

/** The cohort's report as its sponsor sees it, read in the practice's context (every client). */
export async function sponsorReport(t: TenantContext, cohortId: string, now = new Date()) {
  const read = await readOutcome(t, { cohort: cohortId }, now)
  if (!read?.cohort) return null
  const { cohort, from, to, today, rows } = read
  const interventions = rows.length
    ? await interventionRows(
        read.t,
        rows.map((r) => r.id),
        read,
      )
    : []
  const report: SponsorReport = {
    cohort: { name: cohort.name, sponsorName: cohort.sponsorName, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    from,
    to,
    today,
    practiceName: t.org.name,
    view: sponsorView(rows, interventions, today),
  }
  return report
}

/** The client's cohorts that have a sponsor, for the portal's word on what that sponsor can see. */
export async function listClientSponsors(p: Pick<PipelineContext, 'db' | 'clientId'>) {
  const memberships = await p.db.clientCohort.findMany({
    where: { clientId: p.clientId, cohort: { sponsorName: { not: null } } },
    select: { cohort: { select: { id: true, name: true, sponsorName: true } } },
    orderBy: { cohort: { startsOn: 'desc' } },
  })
  return memberships.map((m) => ({ id: m.cohort.id, name: m.cohort.name, sponsorName: m.cohort.sponsorName! }))
}
