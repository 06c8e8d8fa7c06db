import { describe, expect, test } from 'vitest'
import { emailInviteLink } from '~/domain/clients/access-links.server'
import { sendDigestNow } from '~/domain/digests/run.server'
import { inviteMember } from '~/domain/practices/members.server'
import { prisma } from '~/lib/db.server'
import * as outbox from '~/routes/orgs.$org.outbox'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from './factories'
import { call, cookieFor, type Handler, request, signedInMember } from './route-calls'

// The dev outbox shows every email of the practice, but a link in it only to someone who could
// already do what the link does.

const appUrl = 'http://localhost:3000'
type Email = { subject: string; to: string; html: string; text: string; headers: Record<string, string> }

async function practiceWithMail() {
  const { org, owner } = await createPracticeWithOwner(prisma, { org: { coachesSeeOwnClientsOnly: true } })
  const admin = await signedInMember(org.id, 'ADMIN', 'Ada Admin')
  const coach = await signedInMember(org.id, 'COACH', 'Cole Coach')
  const other = await signedInMember(org.id, 'COACH', 'Otto Other')
  const ownerT = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const adminT = createTenantContext(prisma, { user: admin.user, org, role: 'ADMIN' })
  await inviteMember(ownerT, { email: 'new-owner@example.test', role: 'OWNER' }, { appUrl })
  await inviteMember(ownerT, { email: 'new-admin@example.test', role: 'ADMIN' }, { appUrl })
  await inviteMember(adminT, { email: 'new-coach@example.test', role: 'COACH' }, { appUrl })
  const othersClient = await createClient(prisma, org.id, { name: 'Olga Others', coachId: other.user.id })
  const coachsClient = await createClient(prisma, org.id, { name: 'Carl Coached', coachId: coach.user.id })
  for (const c of [othersClient, coachsClient]) {
    await emailInviteLink(ownerT, { ...c, coach: null }, appUrl)
  }
  const digest = await sendDigestNow(ownerT, othersClient.id)
  expect(digest?.status).toBe('outbox')
  const cookies = { owner: await cookieFor(owner.id), admin: admin.cookie, coach: coach.cookie }
  return { org, cookies, othersClient, coachsClient }
}

async function emails(org: { id: string; slug: string }, cookie: string) {
  const rows = await prisma.outboundEmail.findMany({ where: { organizationId: org.id }, select: { id: true } })
  const out: (Email & { kind: string })[] = []
  for (const { id } of rows) {
    const r = await call(outbox.loader as Handler, request(cookie, `/orgs/${org.slug}/outbox?email=${id}`), {
      org: org.slug,
    })
    expect(r.status).toBe(200)
    out.push((r.data as { selected: Email & { kind: string } }).selected)
  }
  return out
}

const everything = (e: Email) => [e.html, e.text, ...Object.values(e.headers)].join('\n')
const links = (e: Email, path: string) => [
  ...new Set(everything(e).match(new RegExp(`https?://[^\\s"'<>]+/${path}/[\\w.-]+`, 'g'))),
]
const byTo = (list: Email[], to: string) => list.find((e) => e.to === to)!

describe('the dev outbox', () => {
  test('a coach sees every email but none of the member invite links, and no other coach’s client links', async () => {
    const { org, cookies, othersClient, coachsClient } = await practiceWithMail()
    const list = await emails(org, cookies.coach)
    for (const to of ['new-owner@example.test', 'new-admin@example.test', 'new-coach@example.test']) {
      const invite = byTo(list, to)
      expect(invite.subject).toContain('invited you')
      expect(links(invite, 'join')).toEqual([])
      expect(everything(invite)).toContain('[link hidden: only owners and admins see member invite links]')
    }
    const others = list.filter((e) => e.to === othersClient.email)
    expect(others.length).toBe(2)
    for (const e of others) {
      expect(links(e, 'invite')).toEqual([])
      expect(links(e, 'unsubscribe')).toEqual([])
      expect(everything(e)).toContain('[link hidden:')
    }
    // Their own client's invite link is theirs to copy already.
    expect(links(byTo(list, coachsClient.email), 'invite')).toHaveLength(1)
  })

  test('an admin sees a coach invite’s link, but not an owner’s or an admin’s', async () => {
    const { org, cookies } = await practiceWithMail()
    const list = await emails(org, cookies.admin)
    expect(links(byTo(list, 'new-coach@example.test'), 'join')).toHaveLength(1)
    for (const to of ['new-owner@example.test', 'new-admin@example.test']) {
      expect(links(byTo(list, to), 'join')).toEqual([])
      expect(everything(byTo(list, to))).toContain('only an owner sees the link of an owner or admin invite')
    }
  })

  test('the owner sees every invite link, but never a digest’s sign-in link', async () => {
    const { org, cookies, othersClient } = await practiceWithMail()
    const list = await emails(org, cookies.owner)
    for (const to of ['new-owner@example.test', 'new-admin@example.test', 'new-coach@example.test']) {
      expect(links(byTo(list, to), 'join')).toHaveLength(1)
    }
    const digest = list.find((e) => e.to === othersClient.email && e.kind === 'client-digest')!
    expect(links(digest, 'invite')).toEqual([])
    expect(everything(digest)).toContain('[link hidden: sign-in links are for the client alone]')
    expect(links(digest, 'unsubscribe').length).toBeGreaterThan(0)
  })
})
