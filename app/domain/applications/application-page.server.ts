import type { ActorType } from '~/generated/prisma/enums'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { PipelineContext } from './applications.server'

// The coach's page for one application: the application with its client, every stage event with
// who made it (a coach by name), and the tasks about it. Scoped like every tenant read: another
// practice's application, or another coach's client where coaches see their own, is null.

/** The client's pipeline as this coach acts on it: stage events name the coach. */
export function coachPipelineFor(t: TenantContext, client: { id: string; timezone: string }): PipelineContext {
  return {
    db: t.db,
    organizationId: t.org.id,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'COACH', userId: t.user.id },
  }
}

/** The application with its client, or null when it is not in this coach's view. */
export function findCoachApplication(t: TenantContext, applicationId: string) {
  return t.db.jobApplication.findFirst({
    where: { id: applicationId },
    include: {
      client: {
        select: { id: true, name: true, email: true, timezone: true, coach: { select: { id: true, name: true } } },
      },
    },
  })
}

export type TimelineActor = { kind: ActorType; name: string | null }

export async function getApplicationPage(t: TenantContext, applicationId: string) {
  const application = await findCoachApplication(t, applicationId)
  if (!application) return null
  const [events, tasks] = await Promise.all([
    t.db.stageEvent.findMany({
      where: { applicationId: application.id, clientId: application.clientId },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: 200,
    }),
    t.db.task.findMany({
      where: { applicationId: application.id, clientId: application.clientId },
      orderBy: [{ status: 'asc' }, { dueOn: { sort: 'asc', nulls: 'last' } }],
      take: 100,
    }),
  ])
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => Boolean(id)))]
  // Only members' names can be read; a coach who left the practice shows as "A coach".
  const users = userIds.length
    ? await t.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
    : []
  const names = new Map(users.map((u) => [u.id, u.name]))
  return {
    application,
    events: events.map((e) => ({
      id: e.id,
      fromStage: e.fromStage,
      toStage: e.toStage,
      fromOutcome: e.fromOutcome,
      toOutcome: e.toOutcome,
      occurredAt: e.occurredAt,
      actor: {
        kind: e.actorType,
        name: e.actorType === 'COACH' && e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
      } satisfies TimelineActor,
    })),
    tasks,
  }
}
