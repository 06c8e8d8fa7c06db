import { z } from 'zod'
import type { TenantContext, TenantDb } from '~/tenancy/scoped-client.server'
import { clientInView, isUniqueViolation, queryScopedSql, sql } from '~/tenancy/sql.server'
import type { PipelineContext } from '../applications/applications.server'
import { excerpt, notifyClient, notifyCoaches } from '../notifications/notify.server'
import { orgPath } from '~/lib/org-path'
import { formatCount } from '~/lib/numbers'
import { requiredText } from '../form-fields'

// The conversation between a client and the practice's coaches: one thread per client (applicationId
// null) and one per application. Messages are plain text; the UI makes http(s) addresses links.
// An author may edit or delete their own message for ten minutes; the server holds that line.

/** Who is writing or reading, on either side. The door behind `db` limits which clients are in view. */
export type Speaker = {
  db: TenantDb
  organizationId: string
  type: 'COACH' | 'CLIENT'
  /** The coach's user id; null for the client. */
  userId: string | null
  /** Whose read markers: the coach's user id, or the client's id. */
  readerId: string
  /** The coach's name, as the client sees it in word between digests. */
  name?: string
  /** Set in the portal: the only client this speaker may reach. */
  clientId?: string
}

export function coachSpeaker(t: TenantContext): Speaker {
  return {
    db: t.db,
    organizationId: t.org.id,
    type: 'COACH',
    userId: t.user.id,
    readerId: t.user.id,
    name: t.user.name,
  }
}

export function clientSpeaker(p: PipelineContext): Speaker {
  return {
    db: p.db,
    organizationId: p.organizationId,
    type: 'CLIENT',
    userId: null,
    readerId: p.clientId,
    clientId: p.clientId,
  }
}

export const editWindowMs = 10 * 60_000
export const maxMessageLength = 5000

const body = requiredText(
  'Write a message first',
  maxMessageLength,
  `Keep a message under ${formatCount(maxMessageLength)} characters`,
)
const optionalId = z
  .string()
  .max(64)
  .nullish()
  .transform((v) => v || null)

export const MessageIntent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('send-message'), body, applicationId: optionalId }),
  z.object({ intent: z.literal('edit-message'), body, messageId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal('delete-message'), messageId: z.string().min(1).max(64) }),
])
export type MessageIntent = z.output<typeof MessageIntent>

export class MessageError extends Error {
  constructor(
    public readonly status: 400 | 404,
    message: string,
  ) {
    super(message)
    this.name = 'MessageError'
  }
}

export const threadKey = (applicationId: string | null) => applicationId ?? ''

/** The client and, when given, the application of a thread, if this speaker may reach them; else null. */
export async function findThread(s: Speaker, clientId: string, applicationId: string | null) {
  if (s.clientId && s.clientId !== clientId) return null
  const client = await s.db.client.findFirst({
    where: { id: clientId, status: s.type === 'CLIENT' ? { not: 'ARCHIVED' } : undefined },
    select: { id: true, name: true, coachId: true },
  })
  if (!client) return null
  if (!applicationId) return { client, application: null }
  const application = await s.db.jobApplication.findFirst({
    where: { id: applicationId, clientId },
    select: { id: true, company: true, roleTitle: true },
  })
  return application ? { client, application } : null
}

export type ThreadMessage = {
  id: string
  body: string
  authorType: 'COACH' | 'CLIENT'
  authorName: string
  createdAt: Date
  editedAt: Date | null
  deleted: boolean
  /** The reader wrote it and may still edit or delete it. */
  canChange: boolean
  mine: boolean
}

type ThreadRow = {
  readUpTo: Date | null
  id: string | null
  body: string
  authorType: string
  authorId: string | null
  createdAt: Date
  editedAt: Date | null
  deletedAt: Date | null
  authorName: string | null
}

/**
 * The thread's latest 200 messages, oldest first, and how far the speaker has read it: `readUpTo` is the marker's
 * time, null when the speaker has no marker for the thread yet. One statement.
 */
export async function readThread(
  s: Speaker,
  clientId: string,
  applicationId: string | null,
  clientName: string,
  now = new Date(),
): Promise<{ messages: ThreadMessage[]; readUpTo: Date | null }> {
  const rows = await queryScopedSql<ThreadRow>(
    s.db,
    (org) => sql`
      SELECT r."lastReadAt" AS "readUpTo", m.*
      FROM (SELECT 1) one
      LEFT JOIN "MessageRead" r ON r."organizationId" = ${org} AND r."readerType" = ${s.type}::"ActorType"
        AND r."readerId" = ${s.readerId} AND r."clientId" = ${clientId} AND r.thread = ${threadKey(applicationId)}
      LEFT JOIN LATERAL (
        SELECT m.id, m.body, m."authorType"::text AS "authorType", m."authorId", m."createdAt", m."editedAt",
               m."deletedAt", u.name AS "authorName"
        FROM (
          SELECT * FROM "Message"
          WHERE "organizationId" = ${org} AND "clientId" = ${clientId}
            AND ${applicationId === null ? sql`"applicationId" IS NULL` : sql`"applicationId" = ${applicationId}`}
          ORDER BY "createdAt" DESC, id DESC LIMIT 200
        ) m
        LEFT JOIN "User" u ON u.id = m."authorId"
      ) m ON TRUE
      WHERE ${clientInView(s.db, clientId)}
      ORDER BY m."createdAt" ASC, m.id ASC`,
  )
  const messages = rows
    .filter((m) => m.id !== null)
    .map((m) => {
      const mine = m.authorType === s.type && (s.type === 'CLIENT' || m.authorId === s.userId)
      return {
        id: m.id!,
        body: m.deletedAt ? '' : m.body,
        authorType: m.authorType === 'CLIENT' ? ('CLIENT' as const) : ('COACH' as const),
        authorName: m.authorType === 'CLIENT' ? clientName : (m.authorName ?? 'Former coach'),
        createdAt: m.createdAt,
        editedAt: m.editedAt,
        deleted: Boolean(m.deletedAt),
        mine,
        canChange: mine && !m.deletedAt && now.getTime() - m.createdAt.getTime() < editWindowMs,
      }
    })
  return { messages, readUpTo: rows[0]?.readUpTo ?? null }
}

/** The thread's messages, oldest first (the latest 200). */
export async function listThread(
  s: Speaker,
  clientId: string,
  applicationId: string | null,
  clientName: string,
  now = new Date(),
): Promise<ThreadMessage[]> {
  return (await readThread(s, clientId, applicationId, clientName, now)).messages
}

/** Adds a message to a thread the speaker may reach; null when they may not. */
export async function postMessage(
  s: Speaker,
  clientId: string,
  applicationId: string | null,
  text: string,
  now = new Date(),
) {
  const thread = await findThread(s, clientId, applicationId)
  if (!thread) return null
  const parsed = body.safeParse(text)
  if (!parsed.success) throw new MessageError(400, parsed.error.issues[0]!.message)
  const message = await s.db.message.create({
    data: {
      organizationId: s.organizationId,
      clientId,
      applicationId,
      authorType: s.type,
      authorId: s.userId,
      body: parsed.data,
      createdAt: now,
    },
    select: { id: true, clientId: true, applicationId: true, body: true, createdAt: true },
  })
  // Writing is reading: the author's own thread is read up to here.
  await markThreadRead(s, clientId, applicationId, now)
  await tellTheOtherSide(s, thread, parsed.data, now)
  return { message, thread }
}

/** Where the author's own message may be changed: theirs, not deleted, younger than ten minutes. */
function changeable(s: Speaker, messageId: string, now: Date) {
  return {
    id: messageId,
    authorType: s.type,
    ...(s.type === 'COACH' ? { authorId: s.userId } : {}),
    deletedAt: null,
    createdAt: { gt: new Date(now.getTime() - editWindowMs) },
  }
}

async function findOwnMessage(s: Speaker, messageId: string) {
  const message = await s.db.message.findFirst({
    where: { id: messageId, authorType: s.type, ...(s.type === 'COACH' ? { authorId: s.userId } : {}) },
    select: { id: true, clientId: true, applicationId: true, deletedAt: true },
  })
  if (!message) throw new MessageError(404, 'That message is not yours to change')
  return message
}

const tooLate = 'A message can be changed only in the first 10 minutes after it was sent'

export async function editMessage(s: Speaker, messageId: string, text: string, now = new Date()) {
  const message = await findOwnMessage(s, messageId)
  const parsed = body.safeParse(text)
  if (!parsed.success) throw new MessageError(400, parsed.error.issues[0]!.message)
  // The window is checked in the same statement that writes, so a late edit never lands.
  const { count } = await s.db.message.updateMany({
    where: changeable(s, messageId, now),
    data: { body: parsed.data, editedAt: now },
  })
  if (count !== 1) throw new MessageError(400, message.deletedAt ? 'That message was deleted' : tooLate)
  return message
}

export async function deleteMessage(s: Speaker, messageId: string, now = new Date()) {
  const message = await findOwnMessage(s, messageId)
  const { count } = await s.db.message.updateMany({
    where: changeable(s, messageId, now),
    data: { body: '', deletedAt: now },
  })
  if (count !== 1) throw new MessageError(400, message.deletedAt ? 'That message was already deleted' : tooLate)
  return message
}

/** Records that the speaker has read the thread up to now. */
export async function markThreadRead(s: Speaker, clientId: string, applicationId: string | null, now = new Date()) {
  const thread = threadKey(applicationId)
  const key = {
    organizationId: s.organizationId,
    readerType: s.type,
    readerId: s.readerId,
    clientId,
    thread,
  }
  // Read on every view of the thread: one UPDATE when the marker exists (nearly always), the upsert (a transaction
  // of several statements through the tenancy door) only for the first read.
  const { count } = await s.db.messageRead.updateMany({ where: key, data: { lastReadAt: now } })
  if (count > 0) return
  try {
    await s.db.messageRead.upsert({
      where: { organizationId_readerType_readerId_clientId_thread: key },
      create: { ...key, lastReadAt: now },
      update: { lastReadAt: now },
    })
  } catch (error) {
    // Two first views at once (two tabs): the other one wrote the marker between our read and our write.
    if (!isUniqueViolation(error)) throw error
    await s.db.messageRead.updateMany({ where: key, data: { lastReadAt: now } })
  }
}

async function tellTheOtherSide(
  s: Speaker,
  thread: NonNullable<Awaited<ReturnType<typeof findThread>>>,
  text: string,
  now: Date,
) {
  const about = thread.application ? ` about ${thread.application.company}` : ''
  const quote = `“${excerpt(text)}”`
  if (s.type === 'COACH') {
    const path = thread.application ? `/me/applications/${thread.application.id}#conversation` : '/me/messages'
    await notifyClient(s, thread.client.id, 'MESSAGE', `${s.name ?? 'Your coach'} wrote${about}: ${quote}`, path, now)
    return
  }
  const org = await s.db.organization.findFirstOrThrow({ select: { slug: true } })
  const path = thread.application
    ? `${orgPath(org.slug, 'applications', thread.application.id)}#conversation`
    : `${orgPath(org.slug, 'clients', thread.client.id)}#conversation`
  await notifyCoaches(s, thread.client.id, 'MESSAGE', `${thread.client.name} wrote${about}: ${quote}`, path, now)
}

export const messageIntents = ['send-message', 'edit-message', 'delete-message'] as const
export const isMessageIntent = (form: FormData) =>
  (messageIntents as readonly string[]).includes(String(form.get('intent') ?? ''))

export type MessageActionResult =
  | { ok: true; title: string }
  | { ok: false; status: 400 | 404; error: string; intent: string; messageId: string | null }

/**
 * Runs a message form (send, edit or delete) in one thread the route has already opened for this speaker:
 * what to tell the person, or why not. The route answers 404 for status 404.
 */
export async function runMessageIntent(
  s: Speaker,
  clientId: string,
  applicationId: string | null,
  form: FormData,
  now = new Date(),
): Promise<MessageActionResult> {
  const intent = String(form.get('intent') ?? '')
  const messageId = typeof form.get('messageId') === 'string' ? String(form.get('messageId')) : null
  const parsed = MessageIntent.safeParse(Object.fromEntries(form))
  if (!parsed.success) {
    return { ok: false, status: 400, error: parsed.error.issues[0]!.message, intent, messageId }
  }
  try {
    const input = parsed.data
    if (input.intent === 'send-message') {
      const sent = await postMessage(s, clientId, applicationId, input.body, now)
      if (!sent) return { ok: false, status: 404, error: 'Not found', intent, messageId }
      return { ok: true, title: 'Message sent' }
    }
    if (input.intent === 'edit-message') {
      await editMessage(s, input.messageId, input.body, now)
      return { ok: true, title: 'Message edited' }
    }
    await deleteMessage(s, input.messageId, now)
    return { ok: true, title: 'Message deleted' }
  } catch (error) {
    if (!(error instanceof MessageError)) throw error
    return { ok: false, status: error.status, error: error.message, intent, messageId }
  }
}
