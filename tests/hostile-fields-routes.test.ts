import { describe, expect, test } from 'vitest'
import { inviteMember } from '~/domain/practices/members.server'
import { prisma } from '~/lib/db.server'
import * as applicationPage from '~/routes/me.applications.$id/route'
import * as newApplication from '~/routes/me.applications.new'
import * as tasksPage from '~/routes/orgs.$org.tasks/route'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplication, createClient, createPracticeWithOwner } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, type Handler, request } from './route-calls'

// Values a form accepts but should not: days that do not exist, links that run script, and line
// breaks that would reach an email's subject.

const appliedFields = { company: 'Initech', roleTitle: 'Analyst', stage: 'APPLIED', source: 'OTHER' }
const json = (data: unknown) => JSON.stringify(data)

describe('impossible days', () => {
  test('an application applied on 2026-02-30 comes back inline, and nothing is saved', async () => {
    const { cookie, client } = await createPortalClient()
    for (const appliedOn of ['2026-02-30', '2026-00-10', '2026-13-01', '2025-02-29']) {
      const form = { ...appliedFields, appliedOn }
      const result = await call(newApplication.action as Handler, portalRequest(cookie, '/me/applications/new', form))
      expect(result.status, appliedOn).toBe(400)
      expect(json(result.data)).toContain('That day does not exist')
    }
    expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(0)
    const leap = { ...appliedFields, appliedOn: '2024-02-29' }
    const ok = await call(newApplication.action as Handler, portalRequest(cookie, '/me/applications/new', leap))
    expect(ok.status).toBe(302)
  })

  test('a feedback request date of 2026-02-30 is refused, and the rejection is not recorded', async () => {
    const { cookie, org, client } = await createPortalClient()
    const application = await createApplication(prisma, org.id, client.id)
    const path = `/me/applications/${application.id}`
    const form = { intent: 'reject', reason: 'POSITION_FILLED', feedbackRequestedOn: '2026-02-30' }
    const result = await call(applicationPage.action as Handler, portalRequest(cookie, path, form), {
      id: application.id,
    })
    expect(result.status).toBe(400)
    expect(json(result.data)).toContain('That day does not exist')
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })).outcome).not.toBe(
      'REJECTED',
    )
  })

  test('a task due on 2099-02-30 is refused, and no task is made', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const client = await createClient(prisma, org.id, { coachId: owner.id })
    const cookie = await cookieFor(owner.id)
    const form = { intent: 'assign', clientIds: client.id, type: 'CUSTOM', title: 'Call', dueOn: '2099-02-30' }
    const result = await call(tasksPage.action as Handler, request(cookie, `/orgs/${org.slug}/tasks`, form), {
      org: org.slug,
    })
    expect(result.status).toBe(400)
    expect(json(result.data)).toContain('That day does not exist')
    expect(await prisma.task.count({ where: { clientId: client.id } })).toBe(0)
  })
})

describe('job links', () => {
  test('only http and https links are accepted', async () => {
    const { cookie, client } = await createPortalClient()
    for (const jobUrl of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>x</script>',
      'ftp://x.test/a',
    ]) {
      const form = { ...appliedFields, appliedOn: '2026-01-05', jobUrl }
      const result = await call(newApplication.action as Handler, portalRequest(cookie, '/me/applications/new', form))
      expect(result.status, jobUrl).toBe(400)
      expect(json(result.data)).toContain('Enter a web link')
    }
    expect(await prisma.jobApplication.count({ where: { clientId: client.id } })).toBe(0)
    const form = { ...appliedFields, appliedOn: '2026-01-05', jobUrl: 'https://jobs.example/123' }
    expect(
      (await call(newApplication.action as Handler, portalRequest(cookie, '/me/applications/new', form))).status,
    ).toBe(302)
  })
})

describe('email subjects', () => {
  test('a name with line breaks reaches the subject on one line', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma, {
      owner: { name: 'Mallory\r\nBcc: victim@example.test\nX' },
    })
    const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    await inviteMember(t, { email: 'new-coach@example.test', role: 'COACH' }, { appUrl: 'http://localhost:3000' })
    const email = await prisma.outboundEmail.findFirstOrThrow({ where: { organizationId: org.id } })
    expect(email.subject).toBe(`Mallory Bcc: victim@example.test X invited you to ${org.name} on Rebound`)
    expect(email.subject).not.toMatch(/[\r\n]/)
  })
})
