import type { Prisma } from '~/generated/prisma/client'
import type { Outcome, RejectionReason, Stage } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplicationWithHistory, createClient, createPracticeWithOwner, type HistoryStep } from './factories'

// Crafted pipelines for the insights engine's tests, in "days before a fixed now".

/** Friday 20 November 2026, 15:00 UTC: every insight test computes as of this instant. */
export const now = new Date('2026-11-20T15:00:00.000Z')
const DAY = 86_400_000
export const daysAgo = (days: number, hour = 12) => new Date(now.getTime() - days * DAY + (hour - 15) * 3_600_000)
/** For code that uses the real clock (jobs, the CLI): `days` before the real now, in days before `now`. */
export const daysBeforeToday = (days: number) => days - Math.floor((Date.now() - now.getTime()) / DAY)
/** The `date` column value of `days` before now. */
export const dateAgo = (days: number) => {
  const at = new Date(now.getTime() - days * DAY)
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}

export async function insightPractice(org: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  const practice = await createPracticeWithOwner(prisma, { org })
  const t = createTenantContext(prisma, { user: practice.owner, org: practice.org, role: 'OWNER' })
  const client = (data: Partial<Prisma.ClientUncheckedCreateInput> = {}) =>
    createClient(prisma, practice.org.id, { createdAt: daysAgo(120), ...data })
  /** `count` clients made one after another as `client()` makes them. */
  const clients = async <N extends number>(count: N) => {
    const made: Client[] = []
    for (let i = 0; i < count; i++) made.push(await client())
    return made as Clients<N>
  }
  return { ...practice, t, client, clients }
}

type Client = Awaited<ReturnType<typeof createClient>>
type Clients<N extends number, Made extends Client[] = []> = Made['length'] extends N
  ? Made
  : Clients<N, [...Made, Client]>

export type AppSpec = {
  /** Days ago it was sent. */
  applied: number
  screen?: number
  interview?: number
  final?: number
  offer?: number
  /** How it ended, days ago. */
  end?: { outcome: Exclude<Outcome, 'ACTIVE'>; day: number; reason?: RejectionReason; stage?: Stage }
  feedbackRequested?: number
  company?: string
  seniority?: Prisma.JobApplicationCreateManyInput['seniority']
  tailored?: boolean
}

export function createApp(organizationId: string, clientId: string, spec: AppSpec) {
  const path: HistoryStep[] = [{ stage: 'APPLIED', at: daysAgo(spec.applied) }]
  for (const stage of ['SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const) {
    const day = spec[stage.toLowerCase() as 'screen' | 'interview' | 'final' | 'offer']
    if (day !== undefined) path.push({ stage, at: daysAgo(day) })
  }
  if (spec.end) {
    const last = path.at(-1)!
    path.push({ stage: spec.end.stage ?? last.stage, outcome: spec.end.outcome, at: daysAgo(spec.end.day) })
  }
  return createApplicationWithHistory(prisma, organizationId, clientId, {
    company: spec.company ?? 'Acme Corp',
    seniority: spec.seniority ?? null,
    resumeTailored: spec.tailored ?? false,
    appliedOn: dateAgo(spec.applied),
    path,
    rejection:
      spec.end?.outcome === 'REJECTED'
        ? {
            reason: spec.end.reason ?? 'NO_REASON_GIVEN',
            feedbackRequestedOn: spec.feedbackRequested === undefined ? null : dateAgo(spec.feedbackRequested),
          }
        : undefined,
  })
}

export async function createApps(
  organizationId: string,
  clientId: string,
  count: number,
  spec: (i: number) => AppSpec,
) {
  for (let i = 0; i < count; i++) await createApp(organizationId, clientId, spec(i))
}
