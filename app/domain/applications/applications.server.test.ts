import { describe, expect, test } from 'vitest'
import {
  addApplication,
  ApplicationInput,
  findClientApplication,
  listClientApplications,
  moveApplicationStage,
  recordRejection,
  RejectionInput,
  setApplicationOutcome,
  updateApplicationDetails,
  updateRejectionFeedback,
} from '~/domain/applications/applications.server'
import type { Stage } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { createApplication, createClient } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'
import { InputError } from '~/lib/input-error'

const now = new Date('2026-03-02T11:00:00Z') // Monday; already Tuesday 3 March in Auckland
const details = (data: Record<string, unknown> = {}) =>
  ApplicationInput.parse({ company: 'Northwind', roleTitle: 'Data Analyst', ...data })

function eventsOf(applicationId: string) {
  return prisma.stageEvent.findMany({ where: { applicationId }, orderBy: { occurredAt: 'asc' } })
}

describe('adding and editing applications as a client', () => {
  test('an empty company or title is refused with a message for that field', () => {
    const result = ApplicationInput.safeParse({ company: '   ', roleTitle: '' })
    expect(result.success).toBe(false)
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))
    expect(messages).toEqual({ company: 'Enter the company', roleTitle: 'Enter the job title' })
  })

  test('an application added by the client is theirs, applied today in their timezone, with a CLIENT stage event', async () => {
    const { p, client } = await createPortalClient({ client: { timezone: 'Pacific/Auckland' } })
    const application = await addApplication(p, details(), now)
    expect(application).toMatchObject({
      clientId: client.id,
      company: 'Northwind',
      stage: 'APPLIED',
      outcome: 'ACTIVE',
    })
    expect(application.appliedOn?.toISOString().slice(0, 10)).toBe('2026-03-03')
    const events = await eventsOf(application.id)
    expect(events).toMatchObject([
      { fromStage: null, toStage: 'APPLIED', toOutcome: 'ACTIVE', actorType: 'CLIENT', actorUserId: null },
    ])
  })

  test('an applied date in the future of the client’s timezone is refused; the same date is fine where it is already today', async () => {
    const utc = await createPortalClient({ client: { timezone: 'UTC' } })
    await expect(addApplication(utc.p, details({ appliedOn: '2026-03-03' }), now)).rejects.toMatchObject({
      name: 'InputError',
      field: 'appliedOn',
    })
    expect(await listClientApplications(utc.p)).toHaveLength(0)

    const auckland = await createPortalClient({ client: { timezone: 'Pacific/Auckland' } })
    const added = await addApplication(auckland.p, details({ appliedOn: '2026-03-03' }), now)
    expect(added.appliedOn?.toISOString().slice(0, 10)).toBe('2026-03-03')
  })

  test('editing the details keeps the stage and refuses a future applied date', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    const edited = await updateApplicationDetails(
      p,
      application.id,
      details({ company: 'Northwind Traders', resumeTailored: 'on' }),
      now,
    )
    expect(edited).toMatchObject({ company: 'Northwind Traders', resumeTailored: true, stage: 'APPLIED' })
    await expect(
      updateApplicationDetails(p, application.id, details({ appliedOn: '2026-04-01' }), now),
    ).rejects.toBeInstanceOf(InputError)
  })
})

describe('moving through the stages', () => {
  test('each move writes a stage event from the old stage to the new one, with the client as actor', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    await moveApplicationStage(p, application.id, 'INTERVIEW', new Date(now.getTime() + 1000))
    await moveApplicationStage(p, application.id, 'FINAL', new Date(now.getTime() + 2000))
    const events = await eventsOf(application.id)
    expect(events.map((e) => [e.fromStage, e.toStage, e.actorType])).toEqual([
      [null, 'APPLIED', 'CLIENT'],
      ['APPLIED', 'INTERVIEW', 'CLIENT'],
      ['INTERVIEW', 'FINAL', 'CLIENT'],
    ])
  })

  test('a stage that does not exist is refused and nothing changes', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    await expect(moveApplicationStage(p, application.id, 'CONTRACT' as Stage, now)).rejects.toMatchObject({
      field: 'stage',
    })
    expect(await findClientApplication(p, application.id)).toMatchObject({ stage: 'APPLIED' })
    expect(await eventsOf(application.id)).toHaveLength(1)
  })
})

describe('rejections and other outcomes', () => {
  test('a rejection without a stage takes the stage the application reached', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    await moveApplicationStage(p, application.id, 'FINAL', now)
    const rejected = await recordRejection(p, application.id, RejectionInput.parse({ reason: 'POSITION_FILLED' }), now)
    expect(rejected).toMatchObject({
      outcome: 'REJECTED',
      rejectionStage: 'FINAL',
      stage: 'FINAL',
      endedBy: 'EMPLOYER',
    })
    const last = (await eventsOf(application.id)).at(-1)
    expect(last).toMatchObject({ fromOutcome: 'ACTIVE', toOutcome: 'REJECTED', toStage: 'FINAL', actorType: 'CLIENT' })
  })

  test('a rejection with feedback requested in the future is refused', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    const input = RejectionInput.parse({ feedbackRequestedOn: '2026-03-09' })
    await expect(recordRejection(p, application.id, input, now)).rejects.toMatchObject({ field: 'feedbackRequestedOn' })
    expect(await findClientApplication(p, application.id)).toMatchObject({ outcome: 'ACTIVE' })
  })

  test('ghosted, withdrawn and an accepted offer each write a CLIENT event; an unknown outcome is refused', async () => {
    const { p } = await createPortalClient()
    const application = await addApplication(p, details(), now)
    await setApplicationOutcome(p, application.id, 'GHOSTED', now)
    await setApplicationOutcome(p, application.id, 'WITHDRAWN', now)
    const accepted = await setApplicationOutcome(p, application.id, 'OFFER_ACCEPTED', now)
    expect(accepted).toMatchObject({ stage: 'OFFER', outcome: 'OFFER_ACCEPTED' })
    const events = await eventsOf(application.id)
    expect(events.map((e) => e.toOutcome)).toEqual(['ACTIVE', 'GHOSTED', 'WITHDRAWN', 'OFFER_ACCEPTED'])
    expect(events.every((e) => e.actorType === 'CLIENT')).toBe(true)
    await expect(setApplicationOutcome(p, application.id, 'HIRED' as 'GHOSTED', now)).rejects.toMatchObject({
      field: 'outcome',
    })
  })
})

describe('another client’s application', () => {
  test('every read and change of another client’s application gives null and changes nothing', async () => {
    const a = await createPortalClient()
    const b = await createClient(prisma, a.org.id, { name: 'Blake Other' })
    const theirs = await createApplication(prisma, a.org.id, b.id, { company: 'Globex', stage: 'INTERVIEW' })
    const before = await prisma.jobApplication.findUniqueOrThrow({ where: { id: theirs.id } })

    expect(await findClientApplication(a.p, theirs.id)).toBeNull()
    expect(await updateApplicationDetails(a.p, theirs.id, details({ company: 'Hijacked' }), now)).toBeNull()
    expect(await moveApplicationStage(a.p, theirs.id, 'OFFER', now)).toBeNull()
    expect(await recordRejection(a.p, theirs.id, RejectionInput.parse({}), now)).toBeNull()
    expect(await setApplicationOutcome(a.p, theirs.id, 'WITHDRAWN', now)).toBeNull()
    expect(await updateRejectionFeedback(a.p, theirs.id, { feedbackText: 'x', feedbackReceived: true }, now)).toBeNull()
    expect(await listClientApplications(a.p)).toEqual([])

    expect(await prisma.jobApplication.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before)
    expect(await eventsOf(theirs.id)).toHaveLength(1)
  })
})
