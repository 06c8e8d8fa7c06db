import { randomBytes } from 'node:crypto'
import type { Db } from '~/lib/db.server'
import {
  createApplicationWithHistory,
  createCheckIn,
  createClient,
  createMember,
  createMessageNotification,
  createNote,
  createTask,
  unique,
} from './factories'

// A client with a record in every place a client's data can sit: applications with their history and
// a rejection, tasks, check-ins, both sides of a conversation, a coach's private note, digests, emails,
// notifications, imports, audit details, insight evidence, stored figures and webhook payloads.
// The export and erasure tests start from it.

export const coachOnlyText = 'PRIVATE-COACH-NOTE: thinks the client oversells'

export async function createClientWithRecords(db: Db, organizationId: string, name: string) {
  const coach = await createMember(db, organizationId, { name: unique('Coach ') })
  const email = `${unique('person-')}@example.test`
  const client = await createClient(db, organizationId, { name, email, coachId: coach.id, timezone: 'Europe/Berlin' })
  const day = (iso: string) => new Date(iso)
  const offer = await createApplicationWithHistory(db, organizationId, client.id, {
    company: 'Globex',
    roleTitle: 'Data Analyst',
    appliedOn: day('2026-10-01'),
    seniority: 'MID',
    location: 'Berlin',
    workMode: 'HYBRID',
    source: 'REFERRAL',
    jobUrl: 'https://jobs.example.test/globex/42',
    resumeTailored: true,
    salaryMin: 60000,
    salaryMax: 70000,
    notes: `Referred by a friend of ${name}`,
    path: [
      { stage: 'APPLIED', at: day('2026-10-01T09:00:00Z') },
      { stage: 'SCREEN', at: day('2026-10-08T09:00:00Z') },
      { stage: 'OFFER', at: day('2026-10-20T09:00:00Z') },
    ],
  })
  const rejected = await createApplicationWithHistory(db, organizationId, client.id, {
    company: 'Initech',
    roleTitle: 'BI Analyst',
    appliedOn: day('2026-09-15'),
    coverLetter: true,
    path: [
      { stage: 'APPLIED', at: day('2026-09-15T08:00:00Z') },
      { stage: 'INTERVIEW', at: day('2026-09-25T08:00:00Z') },
      { stage: 'INTERVIEW', outcome: 'REJECTED', at: day('2026-10-02T08:00:00Z') },
    ],
    rejection: { reason: 'EXPERIENCE_LEVEL', feedbackText: 'They wanted more SQL', feedbackReceived: true },
  })
  await createApplicationWithHistory(db, organizationId, client.id, {
    company: '=HYPERLINK("x")',
    roleTitle: 'Analyst, "Growth"',
    appliedOn: day('2026-11-02'),
    path: [{ stage: 'APPLIED', outcome: 'GHOSTED', at: day('2026-11-02T10:00:00Z') }],
  })
  await createTask(db, organizationId, client.id, { applicationId: rejected.id, title: 'Ask Initech for feedback' })
  await createCheckIn(db, organizationId, client.id, { weekOf: day('2026-10-05'), note: 'Tired but hopeful' })
  await createNote(db, organizationId, client.id, { authorId: coach.id, body: coachOnlyText })
  await db.message.createMany({
    data: [
      { organizationId, clientId: client.id, authorType: 'CLIENT', body: 'I got the Globex offer!' },
      { organizationId, clientId: client.id, authorType: 'COACH', authorId: coach.id, body: `Well done, ${name}!` },
      { organizationId, clientId: client.id, applicationId: offer.id, authorType: 'CLIENT', body: 'Negotiating now' },
      { organizationId, clientId: client.id, authorType: 'CLIENT', body: 'deleted words', deletedAt: new Date() },
    ],
  })
  await db.messageRead.create({
    data: {
      organizationId,
      clientId: client.id,
      readerType: 'CLIENT',
      readerId: client.id,
      thread: '',
      lastReadAt: new Date(),
    },
  })
  await db.digestNote.create({ data: { organizationId, clientId: client.id, isoWeek: '2026-W41', body: 'Keep going' } })
  await db.digestDelivery.create({
    data: {
      organizationId,
      recipientType: 'CLIENT',
      recipientId: client.id,
      email,
      isoWeek: '2026-W41',
      status: 'SENT',
      sentAt: day('2026-10-05T06:00:00Z'),
    },
  })
  await db.outboundEmail.createMany({
    data: [
      {
        organizationId,
        kind: 'digest',
        to: email,
        from: 'x@example.test',
        subject: `Your week, ${name}`,
        html: `<p>${name}</p>`,
        text: name,
      },
      {
        organizationId,
        kind: 'coach-digest',
        to: coach.email,
        from: 'x@example.test',
        subject: 'Your caseload',
        html: `<li>${name} (${email}) applied to 3</li>`,
        text: `${name} applied to 3`,
      },
    ],
  })
  await createMessageNotification(db, organizationId, client.id, coach.id, {
    summary: `${name} wrote`,
    path: `/clients/${client.id}`,
  })
  await db.notificationGate.create({
    data: { organizationId, recipientType: 'CLIENT', recipientId: client.id, lastEmailAt: new Date() },
  })
  await db.notificationBatch.create({
    data: { organizationId, recipientType: 'CLIENT', recipientId: client.id, window: 7 },
  })
  await db.importBatch.create({
    data: {
      organizationId,
      clientId: client.id,
      fileName: `${name} pipeline.csv`,
      format: 'csv',
      sourceText: `Company\nGlobex`,
    },
  })
  await db.importBatch.create({
    data: {
      organizationId,
      fileName: 'caseload.csv',
      format: 'csv',
      sourceText: `Client Email,Company\n${email},Globex\nother@example.test,Hooli`,
      rejectedRows: [{ row: 3, column: 'Client Email', reason: `${email} appears twice` }],
    },
  })
  await db.auditEvent.createMany({
    data: [
      {
        organizationId,
        action: 'client.created',
        targetType: 'Client',
        targetId: client.id,
        metadata: { name, email },
      },
      {
        organizationId,
        action: 'client.updated',
        targetType: 'Client',
        targetId: client.id,
        metadata: { name: { from: 'x', to: name } },
      },
      { organizationId, action: 'clients.bulk', metadata: { clientIds: [client.id, 'cother'] } },
    ],
  })
  await db.insight.create({
    data: {
      organizationId,
      kind: 'EMPLOYER_GHOSTING',
      fingerprint: unique('fp-'),
      severity: 2,
      evidence: { clients: [{ id: client.id, name }] },
    },
  })
  await db.insight.create({
    data: {
      organizationId,
      clientId: client.id,
      kind: 'GHOSTED',
      fingerprint: unique('fp-'),
      severity: 1,
      evidence: { name },
    },
  })
  await db.caseloadSnapshot.create({
    data: { organizationId, key: unique('patterns-'), data: { top: [{ id: client.id, name }] } },
  })
  const endpoint = await db.webhookEndpoint.create({
    data: {
      organizationId,
      url: 'https://hooks.example.test/r',
      events: [],
      secret: `whsec_${randomBytes(8).toString('hex')}`,
    },
  })
  await db.webhookDelivery.create({
    data: {
      organizationId,
      endpointId: endpoint.id,
      eventId: unique('msg_'),
      eventType: 'client.created',
      payload: { data: { id: client.id, name, email } },
    },
  })
  await db.clientAccessLink.create({
    data: {
      organizationId,
      clientId: client.id,
      tokenHash: randomBytes(16).toString('hex'),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  })
  await db.clientSession.create({
    data: { id: unique('cs-'), organizationId, clientId: client.id, secretHash: Buffer.from(randomBytes(16)) },
  })
  return { client, coach, email }
}
