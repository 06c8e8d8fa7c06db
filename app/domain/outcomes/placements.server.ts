import { addDays, dateOnly, isoDate, todayIn } from '~/lib/dates'
import { InputError } from '~/lib/input-error'
import type { PipelineContext } from '../applications/applications.server'
import type { PlacementInput } from './placement-input'
import { queueSatisfactionSurvey } from './surveys.server'

// A client's placement: the job they accepted. The coach records it on the client's page, or the
// client in the portal; either way the client becomes PLACED, and recording it again corrects it.
// Works on a PipelineContext, so the same function serves both doors, each scoped to one client.

export async function findPlacement(p: PipelineContext) {
  const placement = await p.db.placement.findFirst({ where: { clientId: p.clientId } })
  return placement
    ? { ...placement, acceptedOn: isoDate(placement.acceptedOn), startsOn: isoDate(placement.startsOn) }
    : null
}

/** The client's applications that reached an offer: the ones a placement can name. */
export function listOfferApplications(p: PipelineContext) {
  return p.db.jobApplication.findMany({
    where: { clientId: p.clientId, stage: 'OFFER' },
    select: { id: true, company: true, roleTitle: true, outcome: true },
    orderBy: [{ lastEventAt: 'desc' }, { id: 'asc' }],
  })
}

/** The placement saved, or null when the client is not in this context (the route answers 404). */
export async function recordPlacement(p: PipelineContext, input: PlacementInput, now = new Date()) {
  const client = await p.db.client.findFirst({
    where: { id: p.clientId },
    select: { id: true, name: true, status: true },
  })
  if (!client) return null
  if (client.status === 'ARCHIVED')
    throw new InputError(null, 'This client is archived. Mark them active again before recording a placement.')
  if (input.acceptedOn > todayIn(p.timezone, now))
    throw new InputError('acceptedOn', 'That day is still to come: record the placement once the offer is accepted')
  if (input.startsOn < addDays(input.acceptedOn, -366))
    throw new InputError('startsOn', 'The new job starts after the offer is accepted, not long before')
  if (input.applicationId) {
    const application = await p.db.jobApplication.findFirst({
      where: { id: input.applicationId, clientId: p.clientId },
      select: { id: true },
    })
    if (!application) throw new InputError('applicationId', 'Choose one of this client’s applications, or none')
  }
  const existing = await p.db.placement.findFirst({ where: { clientId: p.clientId }, select: { id: true } })
  const data = {
    applicationId: input.applicationId,
    employer: input.employer,
    roleTitle: input.roleTitle,
    acceptedOn: dateOnly(input.acceptedOn),
    startsOn: dateOnly(input.startsOn),
    salary: input.salary,
    inTargetField: input.inTargetField === 'yes',
    recordedByType: p.actor.type,
    recordedById: p.actor.userId ?? null,
  }
  const saved = await p.db.$transaction(async (tx) => {
    const placement = existing
      ? await tx.placement.update({ where: { id: existing.id }, data })
      : await tx.placement.create({ data: { organizationId: p.organizationId, clientId: p.clientId, ...data } })
    if (client.status !== 'PLACED') await tx.client.update({ where: { id: client.id }, data: { status: 'PLACED' } })
    await tx.auditEvent.create({
      data: {
        organizationId: p.organizationId,
        actorType: p.actor.type,
        actorUserId: p.actor.userId ?? null,
        action: existing ? 'client.placement_corrected' : 'client.placed',
        targetType: 'Client',
        targetId: client.id,
        metadata: {
          name: client.name,
          employer: input.employer,
          roleTitle: input.roleTitle,
          acceptedOn: input.acceptedOn,
          startsOn: input.startsOn,
          inTargetField: data.inTargetField,
          statusBefore: client.status,
        },
      },
    })
    return placement
  })
  if (client.status !== 'PLACED') await queueSatisfactionSurvey(p.organizationId, client.id)
  return saved
}
