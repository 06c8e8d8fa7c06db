import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import * as portalMessages from '~/routes/me.messages'
import * as portalApplication from '~/routes/me.applications.$id/route'
import * as clientPage from '~/routes/orgs.$org.clients.$clientId/route'
import { linkParts } from '~/ui/conversation'
import { createApplication, createClient, createMember, createPracticeWithOwner } from '../../../tests/factories'
import { createPortalClient, portalRequest } from '../../../tests/portal-helpers'
import { call, cookieFor, request } from '../../../tests/route-calls'
import { clientSpeaker, coachSpeaker, editMessage, listThread, MessageError, postMessage } from './messages.server'
import { unreadByClient, unreadForClient } from './unread.server'

// The conversation between a client and the practice's coaches: who may read and write which
// thread, the ten-minute edit window, unread counts from read markers, and hostile input.

async function practiceWithClient() {
  const portal = await createPortalClient()
  const owner = await prisma.user.findFirstOrThrow({ where: { id: portal.owner.id } })
  const t = createTenantContext(prisma, { user: owner, org: portal.org, role: 'OWNER' })
  const application = await createApplication(prisma, portal.org.id, portal.client.id)
  return { ...portal, t, application }
}

const countMessages = (organizationId: string) => prisma.message.count({ where: { organizationId } })

describe('threads', () => {
  test('a client writes, the coach sees one unread, reads it, and the count goes to zero', async () => {
    const { t, p, client } = await practiceWithClient()
    await postMessage(clientSpeaker(p), client.id, null, 'Hello coach, see https://example.test/job.')
    expect((await unreadByClient(t)).get(client.id)).toBe(1)
    const thread = await listThread(coachSpeaker(t), client.id, null, client.name)
    expect(thread.map((m) => m.body)).toEqual(['Hello coach, see https://example.test/job.'])
    const { markThreadRead } = await import('./messages.server')
    await markThreadRead(coachSpeaker(t), client.id, null)
    expect((await unreadByClient(t)).get(client.id)).toBeUndefined()
    await postMessage(coachSpeaker(t), client.id, null, 'Hi! Let us prepare.')
    expect((await unreadForClient(clientSpeaker(p))).total).toBe(1)
  })

  test('two first views of a thread at once (two tabs) both mark it read, and one marker is kept', async () => {
    const { t, p, client } = await practiceWithClient()
    await postMessage(clientSpeaker(p), client.id, null, 'Are you there?')
    const { markThreadRead } = await import('./messages.server')
    for (let i = 0; i < 5; i++)
      await Promise.all([
        markThreadRead(coachSpeaker(t), client.id, null),
        markThreadRead(coachSpeaker(t), client.id, null),
      ])
    expect((await unreadByClient(t)).get(client.id)).toBeUndefined()
    expect(await prisma.messageRead.count({ where: { clientId: client.id, readerType: 'COACH' } })).toBe(1)
  })

  test('an application thread is separate and counts in the client’s unread', async () => {
    const { t, p, client, application } = await practiceWithClient()
    await postMessage(coachSpeaker(t), client.id, application.id, 'About this one')
    const unread = await unreadForClient(clientSpeaker(p))
    expect(unread.total).toBe(1)
    expect(unread.byThread.get(application.id)).toBe(1)
    expect(await listThread(clientSpeaker(p), client.id, null, client.name)).toEqual([])
  })

  test('a client never reaches another client’s thread or application, and nothing is written', async () => {
    const a = await practiceWithClient()
    const other = await createClient(prisma, a.org.id)
    const otherApp = await createApplication(prisma, a.org.id, other.id)
    expect(await postMessage(clientSpeaker(a.p), other.id, null, 'hi')).toBeNull()
    expect(await postMessage(clientSpeaker(a.p), a.client.id, otherApp.id, 'hi')).toBeNull()
    await postMessage(coachSpeaker(a.t), other.id, null, 'For the other client only')
    expect(await listThread(clientSpeaker(a.p), other.id, null, 'x')).toEqual([])
    expect(await countMessages(a.org.id)).toBe(1)
  })

  test('a coach limited to their own clients cannot write to another coach’s client', async () => {
    const { org, client } = await practiceWithClient()
    await prisma.organization.update({ where: { id: org.id }, data: { coachesSeeOwnClientsOnly: true } })
    const coach = await createMember(prisma, org.id)
    const fresh = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })
    const t = createTenantContext(prisma, { user: coach, org: fresh, role: 'COACH' })
    expect(await postMessage(coachSpeaker(t), client.id, null, 'hi')).toBeNull()
    expect(await countMessages(org.id)).toBe(0)
  })

  test('a message can be edited for ten minutes, and not a second later', async () => {
    const { t, client } = await practiceWithClient()
    const sent = new Date('2026-12-01T10:00:00Z')
    const posted = await postMessage(coachSpeaker(t), client.id, null, 'First words', sent)
    const id = posted!.message.id
    await editMessage(coachSpeaker(t), id, 'Better words', new Date(sent.getTime() + 9 * 60_000))
    await expect(editMessage(coachSpeaker(t), id, 'Too late', new Date(sent.getTime() + 10 * 60_000))).rejects.toThrow(
      /first 10 minutes/,
    )
    const row = await prisma.message.findUniqueOrThrow({ where: { id } })
    expect(row.body).toBe('Better words')
  })

  test('nobody edits someone else’s message', async () => {
    const { t, p, client } = await practiceWithClient()
    const posted = await postMessage(clientSpeaker(p), client.id, null, 'Mine')
    await expect(editMessage(coachSpeaker(t), posted!.message.id, 'Changed')).rejects.toBeInstanceOf(MessageError)
    expect((await prisma.message.findUniqueOrThrow({ where: { id: posted!.message.id } })).body).toBe('Mine')
  })

  test('only http and https addresses become links', () => {
    expect(linkParts('see https://a.test/x. and javascript:alert(1) or data:text/html,hi')).toEqual([
      { text: 'see ' },
      { text: 'https://a.test/x', href: 'https://a.test/x' },
      { text: '. and javascript:alert(1) or data:text/html,hi' },
    ])
  })
})

describe('routes', () => {
  test('the client writes in the portal; hostile input is a 400 with a message or cleaned, never a 500', async () => {
    const { cookie, org } = await practiceWithClient()
    const sent = await call(
      portalMessages.action,
      portalRequest(cookie, '/me/messages', { intent: 'send-message', body: '<b>hi</b>\u0000 there' }),
    )
    expect(sent.status).toBe(302)
    const row = await prisma.message.findFirstOrThrow({ where: { organizationId: org.id } })
    expect(row.body).toBe('<b>hi</b> there')
    const long = await call(
      portalMessages.action,
      portalRequest(cookie, '/me/messages', { intent: 'send-message', body: 'a'.repeat(6000) }),
    )
    expect(long.status).toBe(400)
    expect(JSON.stringify(long.data)).toMatch(/under 5,000/)
    const empty = await call(portalMessages.action, portalRequest(cookie, '/me/messages', { intent: 'send-message' }))
    expect(empty.status).toBe(400)
    const nul = await call(
      portalMessages.action,
      portalRequest(cookie, '/me/messages', { intent: 'send-message', body: '\u0000\u0000' }),
    )
    expect(nul.status).toBe(400)
    expect(await countMessages(org.id)).toBe(1)
  })

  test('a client editing another client’s message by id gets 404 and nothing changes', async () => {
    const a = await practiceWithClient()
    const b = await createPortalClient({}, { org: a.org, owner: a.owner })
    const posted = await postMessage(clientSpeaker(b.p), b.client.id, null, 'B wrote this')
    const answer = await call(
      portalMessages.action,
      portalRequest(a.cookie, '/me/messages', { intent: 'edit-message', messageId: posted!.message.id, body: 'x' }),
    )
    expect(answer.status).toBe(404)
    expect((await prisma.message.findUniqueOrThrow({ where: { id: posted!.message.id } })).body).toBe('B wrote this')
  })

  test('a client posting to another client’s application page gets 404', async () => {
    const a = await practiceWithClient()
    const b = await createPortalClient({}, { org: a.org, owner: a.owner })
    const app = await createApplication(prisma, a.org.id, b.client.id)
    const answer = await call(
      portalApplication.action,
      portalRequest(a.cookie, `/me/applications/${app.id}`, { intent: 'send-message', body: 'hi' }),
      { id: app.id },
    )
    expect(answer.status).toBe(404)
    expect(await countMessages(a.org.id)).toBe(0)
  })

  test('a coach of another practice gets 404 on the client page thread; nothing is written', async () => {
    const a = await practiceWithClient()
    const { org: otherOrg, owner: stranger } = await createPracticeWithOwner(prisma)
    const cookie = await cookieFor(stranger.id)
    for (const slug of [a.org.slug, otherOrg.slug]) {
      const answer = await call(
        clientPage.action,
        request(cookie, `/orgs/${slug}/clients/${a.client.id}`, { intent: 'send-message', body: 'hi' }),
        { org: slug, clientId: a.client.id },
      )
      expect(answer.status).toBe(404)
    }
    expect(await countMessages(a.org.id)).toBe(0)
  })

  test('a coach limited to their own clients gets 404 for another coach’s client, and 302 for their own', async () => {
    const a = await practiceWithClient()
    await prisma.organization.update({ where: { id: a.org.id }, data: { coachesSeeOwnClientsOnly: true } })
    const coach = await createMember(prisma, a.org.id)
    const own = await createClient(prisma, a.org.id, { coachId: coach.id })
    const cookie = await cookieFor(coach.id)
    const refused = await call(
      clientPage.action,
      request(cookie, `/orgs/${a.org.slug}/clients/${a.client.id}`, { intent: 'send-message', body: 'hi' }),
      { org: a.org.slug, clientId: a.client.id },
    )
    expect(refused.status).toBe(404)
    const ok = await call(
      clientPage.action,
      request(cookie, `/orgs/${a.org.slug}/clients/${own.id}`, { intent: 'send-message', body: 'hi' }),
      { org: a.org.slug, clientId: own.id },
    )
    expect(ok.status).toBe(302)
    expect(await prisma.message.count({ where: { organizationId: a.org.id } })).toBe(1)
    expect(await prisma.message.count({ where: { clientId: a.client.id } })).toBe(0)
  })

  test('the client never sees coach notes in their thread', async () => {
    const a = await practiceWithClient()
    await prisma.note.create({
      data: { organizationId: a.org.id, clientId: a.client.id, authorId: a.owner.id, body: 'PRIVATE-NOTE' },
    })
    await postMessage(coachSpeaker(a.t), a.client.id, null, 'Visible')
    const page = await call(portalMessages.loader, portalRequest(a.cookie, '/me/messages'))
    expect(JSON.stringify(page.data)).toContain('Visible')
    expect(JSON.stringify(page.data)).not.toContain('PRIVATE-NOTE')
  })
})
