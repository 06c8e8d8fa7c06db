import { randomBytes } from 'node:crypto'
import type { Db } from '~/lib/db.server'
import type { TenantModel } from '~/tenancy/scoped-client.server'
import {
  createApplication,
  createClient,
  createMember,
  createMessageNotification,
  createPracticeWithOwner,
  unique,
} from './factories'

// A practice with one row in every tenant model, made with the raw client: the isolation and
// route-classification tests look for these rows from another practice.

export type TenantRows = Awaited<ReturnType<typeof createPracticeWithEveryRow>>

export async function createPracticeWithEveryRow(db: Db) {
  const { org, owner, membership } = await createPracticeWithOwner(db)
  const coach = await createMember(db, org.id, { name: 'Cora Coach' })
  const organizationId = org.id
  const client = await createClient(db, organizationId, { coachId: coach.id })
  const application = await createApplication(db, organizationId, client.id)
  const stageEvent = await db.stageEvent.findFirstOrThrow({ where: { applicationId: application.id } })
  const hash = () => randomBytes(16).toString('hex')
  const inAWeek = new Date(Date.now() + 7 * 86_400_000)
  const insight = await db.insight.create({
    data: {
      organizationId,
      clientId: client.id,
      kind: 'GHOSTED',
      fingerprint: unique('fp-'),
      severity: 2,
      evidence: {},
    },
  })
  const batch = await db.digestBatch.create({
    data: { organizationId, isoWeek: '2026-W10', number: 1, idempotencyKey: unique('digest-') },
  })
  const importBatch = await db.importBatch.create({
    data: { organizationId, clientId: client.id, fileName: 'pipeline.csv', format: 'csv' },
  })
  const endpoint = await db.webhookEndpoint.create({
    data: { organizationId, url: 'https://hooks.example.test/rebound', events: [], secret: `whsec_${hash()}` },
  })
  const cohort = await db.cohort.create({
    data: {
      organizationId,
      name: unique('Spring intake '),
      startsOn: new Date('2026-03-02'),
      endsOn: new Date('2026-06-30'),
    },
  })
  const rows: Record<TenantModel, { id: string }> = {
    Membership: membership,
    MemberInvite: await db.memberInvite.create({
      data: {
        organizationId,
        email: `${unique('invitee-')}@example.test`,
        role: 'COACH',
        tokenHash: hash(),
        expiresAt: inAWeek,
      },
    }),
    Client: client,
    ClientAccessLink: await db.clientAccessLink.create({
      data: { organizationId, clientId: client.id, tokenHash: hash(), expiresAt: inAWeek },
    }),
    ClientSession: await db.clientSession.create({
      data: { id: unique('cs-'), organizationId, clientId: client.id, secretHash: Buffer.from(hash()) },
    }),
    JobApplication: application,
    StageEvent: stageEvent,
    Task: await db.task.create({
      data: {
        organizationId,
        clientId: client.id,
        applicationId: application.id,
        type: 'FOLLOW_UP',
        title: 'Follow up',
      },
    }),
    TaskTemplate: await db.taskTemplate.create({
      data: { organizationId, type: 'FOLLOW_UP', title: 'Follow up', instructions: 'Write a short note.' },
    }),
    CheckIn: await db.checkIn.create({
      data: { organizationId, clientId: client.id, weekOf: new Date('2026-03-02'), mood: 3, energy: 3, confidence: 3 },
    }),
    Note: await db.note.create({ data: { organizationId, clientId: client.id, authorId: coach.id, body: 'Private' } }),
    Insight: insight,
    DigestDelivery: await db.digestDelivery.create({
      data: {
        organizationId,
        recipientType: 'CLIENT',
        recipientId: client.id,
        email: client.email,
        isoWeek: '2026-W10',
        batchId: batch.id,
      },
    }),
    DigestBatch: batch,
    DigestNote: await db.digestNote.create({
      data: { organizationId, clientId: client.id, isoWeek: '2026-W10', body: 'Well done' },
    }),
    OutboundEmail: await db.outboundEmail.create({
      data: {
        organizationId,
        kind: 'digest',
        to: client.email,
        from: 'coach@example.test',
        subject: 'Hi',
        html: '',
        text: '',
      },
    }),
    ImportBatch: importBatch,
    ImportMapping: await db.importMapping.create({
      data: { organizationId, headerSignature: unique('sig-'), mapping: {} },
    }),
    AuditEvent: await db.auditEvent.create({ data: { organizationId, actorUserId: owner.id, action: 'test.event' } }),
    CaseloadSnapshot: await db.caseloadSnapshot.create({
      data: { organizationId, key: unique('figures-'), data: { funnel: 1 } },
    }),
    Message: await db.message.create({
      data: { organizationId, clientId: client.id, applicationId: application.id, authorType: 'CLIENT', body: 'Hello' },
    }),
    MessageRead: await db.messageRead.create({
      data: {
        organizationId,
        clientId: client.id,
        readerType: 'COACH',
        readerId: coach.id,
        thread: '',
        lastReadAt: new Date(),
      },
    }),
    Notification: await createMessageNotification(db, organizationId, client.id, coach.id, {
      summary: 'A message',
      path: '/',
    }),
    NotificationGate: await db.notificationGate.create({
      data: { organizationId, recipientType: 'COACH', recipientId: coach.id, lastEmailAt: new Date() },
    }),
    NotificationBatch: await db.notificationBatch.create({
      data: { organizationId, recipientType: 'COACH', recipientId: coach.id, window: 1 },
    }),
    ApiKey: await db.apiKey.create({
      data: { organizationId, name: 'Reports', prefix: 'rb_live_x', keyHash: hash(), scopes: [], role: 'OWNER' },
    }),
    SsoConnection: await db.ssoConnection.create({
      data: {
        organizationId,
        issuer: 'https://login.example.test',
        clientId: unique('client-'),
        clientSecretSealed: new Uint8Array(32),
        allowedDomains: ['example.test'],
      },
    }),
    SsoIdentity: await db.ssoIdentity.create({
      data: {
        organizationId,
        userId: coach.id,
        issuer: 'https://login.example.test',
        subject: unique('sub-'),
        email: coach.email,
      },
    }),
    WebhookEndpoint: endpoint,
    WebhookDelivery: await db.webhookDelivery.create({
      data: {
        organizationId,
        endpointId: endpoint.id,
        eventId: unique('msg_'),
        eventType: 'client.added',
        payload: {},
      },
    }),
    Cohort: cohort,
    ClientCohort: await db.clientCohort.create({ data: { organizationId, cohortId: cohort.id, clientId: client.id } }),
    Placement: await db.placement.create({
      data: {
        organizationId,
        clientId: client.id,
        applicationId: application.id,
        employer: 'Northwind',
        roleTitle: 'Analyst',
        acceptedOn: new Date('2026-04-01'),
        startsOn: new Date('2026-05-01'),
        inTargetField: true,
        recordedByType: 'COACH',
        recordedById: coach.id,
      },
    }),
    InterviewEvent: await db.interviewEvent.create({
      data: {
        organizationId,
        clientId: client.id,
        applicationId: application.id,
        kind: 'INTERVIEW',
        localDate: '2026-03-04',
        localTime: '10:00',
        timezone: 'UTC',
        startsAt: new Date('2026-03-04T10:00:00Z'),
        actorType: 'COACH',
        actorUserId: coach.id,
      },
    }),
    CalendarFeed: await db.calendarFeed.create({ data: { organizationId, clientId: client.id, tokenHash: hash() } }),
    SponsorLink: await db.sponsorLink.create({
      data: { organizationId, cohortId: cohort.id, tokenHash: hash(), expiresAt: new Date('2027-01-01') },
    }),
    SatisfactionSurvey: await db.satisfactionSurvey.create({
      data: {
        organizationId,
        clientId: client.id,
        tokenHash: hash(),
        reason: 'PLACED',
        expiresAt: new Date('2027-01-01'),
      },
    }),
    ClientField: await db.clientField.create({ data: { organizationId, name: 'Programme', kind: 'TEXT' } }),
  }
  return { org, owner, coach, client, application, rows }
}
