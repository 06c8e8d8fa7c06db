import { describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { defaultTaskTemplates } from '~/domain/tasks/task-templates'
import type { Prisma } from '~/generated/prisma/client'
import { addDays, todayIn } from '~/lib/dates'
import { prisma } from '~/lib/db.server'
import { getToast } from '~/lib/toast.server'
import * as home from '~/routes/orgs.$org._index/route'
import * as insightPage from '~/routes/orgs.$org.insights.$insightId/route'
import * as tasksPage from '~/routes/orgs.$org.tasks/route'
import { createClient, createMember, createPracticeWithOwner } from './factories'
import { createApp, daysBeforeToday } from './insight-fixtures'
import { call } from './route-calls'

// The insight, tasks and home pages' actions, called the way Remix calls them: a real request
// with a signed-in coach's session cookie.

const origin = 'http://localhost:3000'

async function signedInPractice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { token } = await createSession(owner.id)
  return { org, owner, cookie: cookieHeaderFor(token) }
}

function post(cookie: string, path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  return new Request(`${origin}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, Cookie: cookie },
  })
}

const dueIn = (days: number) => addDays(todayIn('UTC'), days)

/** A caseload insight: employers citing a skills gap across the named clients. */
function createSkillsGapCluster(
  organizationId: string,
  { clients, rejections, clientIds }: { clients: number; rejections: number; clientIds: string[] },
) {
  return createInsight({
    organizationId,
    kind: 'REASON_CLUSTER',
    fingerprint: 'SKILLS_GAP',
    severity: 60,
    evidence: { reason: 'SKILLS_GAP', clients, rejections, windowDays: 30, clientIds, applicationIds: [] },
    evidenceSize: clients,
    suggestedTaskType: 'SKILL_BUILDING',
  })
}

function createInsight(data: Prisma.InsightUncheckedCreateInput) {
  return prisma.insight.create({ data })
}

describe('the insight page', () => {
  test('assigns the suggested task to the insight’s client, pre-filled from the practice’s template', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id, { name: 'Sofia Martinez' })
    const insight = await createInsight({
      organizationId: org.id,
      clientId: client.id,
      kind: 'FIRST_INTERVIEW_WALL',
      fingerprint: client.id,
      severity: 80,
      evidence: { firstInterviewsEnded: 3, wentFurther: 0, inProgress: 0, windowDays: 120, applicationIds: [] },
      evidenceSize: 3,
      suggestedTaskType: 'MOCK_INTERVIEW',
    })
    const params = { org: org.slug, insightId: insight.id }
    const path = `/orgs/${org.slug}/insights/${insight.id}`
    const result = await call(insightPage.action, post(cookie, path, { intent: 'assign', dueOn: dueIn(7) }), params)
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe(path)
    const tasks = await prisma.task.findMany({ where: { insightId: insight.id } })
    const template = defaultTaskTemplates.find((t) => t.type === 'MOCK_INTERVIEW')!
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ clientId: client.id, type: 'MOCK_INTERVIEW', title: template.title })
    expect(tasks[0]!.dueOn?.toISOString().slice(0, 10)).toBe(dueIn(7))

    // Pressing it again does not give the client the same task twice.
    await call(insightPage.action, post(cookie, path, { intent: 'assign', dueOn: dueIn(7) }), params)
    expect(await prisma.task.count({ where: { insightId: insight.id } })).toBe(1)
  })

  test('assigns a caseload insight’s task, as edited, to every active client it names', async () => {
    const { org, cookie } = await signedInPractice()
    const named = await Promise.all([1, 2, 3].map((i) => createClient(prisma, org.id, { name: `Named ${i}` })))
    const paused = await createClient(prisma, org.id, { name: 'Paused', status: 'PAUSED' })
    const bystander = await createClient(prisma, org.id, { name: 'Not named' })
    const insight = await createSkillsGapCluster(org.id, {
      clients: 4,
      rejections: 6,
      clientIds: [...named.map((c) => c.id), paused.id],
    })
    const path = `/orgs/${org.slug}/insights/${insight.id}`
    const result = await call(
      insightPage.action,
      post(cookie, path, { intent: 'assign', allClients: 'true', dueOn: dueIn(10), title: 'Learn production SQL' }),
      { org: org.slug, insightId: insight.id },
    )
    expect(result.status).toBe(302)
    const tasks = await prisma.task.findMany({ where: { insightId: insight.id } })
    expect(tasks.map((t) => t.clientId).sort()).toEqual(named.map((c) => c.id).sort())
    expect(tasks.every((t) => t.title === 'Learn production SQL' && t.type === 'SKILL_BUILDING')).toBe(true)
    expect(tasks.some((t) => t.clientId === bystander.id || t.clientId === paused.id)).toBe(false)
  })

  test('skips a named client who already has an open task of that type, and the page and the toast say so', async () => {
    const { org, cookie } = await signedInPractice()
    const named = await Promise.all([1, 2, 3].map((i) => createClient(prisma, org.id, { name: `Named ${i}` })))
    for (const c of named.slice(0, 2))
      await prisma.task.create({
        data: { organizationId: org.id, clientId: c.id, type: 'SKILL_BUILDING', title: 'Close a skills gap' },
      })
    const insight = await createSkillsGapCluster(org.id, {
      clients: 3,
      rejections: 3,
      clientIds: named.map((c) => c.id),
    })
    const path = `/orgs/${org.slug}/insights/${insight.id}`
    const params = { org: org.slug, insightId: insight.id }
    const page = (
      await call(insightPage.loader, new Request(`${origin}${path}`, { headers: { Cookie: cookie } }), params)
    ).data as Awaited<ReturnType<typeof insightPage.loader>>
    expect(page.alreadyOpen.map((c) => c.name)).toEqual(['Named 1', 'Named 2'])
    expect(page.kindOfTask).toBe('skill building task')

    const result = await call(
      insightPage.action,
      post(cookie, path, { intent: 'assign', allClients: 'true', dueOn: dueIn(10) }),
      params,
    )
    expect(result.status).toBe(302)
    const { toast } = await getToast(
      new Request(origin, { headers: { Cookie: result.headers.get('Set-Cookie')!.split(';')[0]! } }),
    )
    expect(toast).toMatchObject({
      title: 'Task assigned',
      description: expect.stringMatching(/^2 clients skipped: they already have an open skill building task\./),
    })
    const open = await prisma.task.findMany({
      where: { organizationId: org.id, type: 'SKILL_BUILDING', status: 'TODO' },
    })
    expect(open.map((t) => t.clientId).sort()).toEqual(named.map((c) => c.id).sort())
  })

  test('a caseload insight assigned with no client chosen answers 400 and creates nothing', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const insight = await createInsight({
      organizationId: org.id,
      kind: 'EMPLOYER_GHOSTING',
      fingerprint: 'acme',
      severity: 50,
      evidence: { company: 'Acme', clientIds: [client.id], applicationIds: [] },
      suggestedTaskType: 'OTHER',
    })
    const path = `/orgs/${org.slug}/insights/${insight.id}`
    const result = await call(insightPage.action, post(cookie, path, { intent: 'assign', dueOn: dueIn(7) }), {
      org: org.slug,
      insightId: insight.id,
    })
    expect(result.status).toBe(400)
    expect(JSON.stringify(result.data)).toMatch(/Choose one of the clients/)
    expect(await prisma.task.count({ where: { insightId: insight.id } })).toBe(0)
  })

  test('dismisses with a reason, and snoozes only until a later date', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const make = (kind: 'GHOSTED' | 'MOMENTUM_DROP') =>
      createInsight({
        organizationId: org.id,
        clientId: client.id,
        kind,
        fingerprint: client.id,
        severity: 40,
        evidence: { applicationIds: [] },
        evidenceSize: 2,
      })
    const dismissed = await make('GHOSTED')
    const params = (id: string) => ({ org: org.slug, insightId: id })
    const path = (id: string) => `/orgs/${org.slug}/insights/${id}`

    const dismiss = await call(
      insightPage.action,
      post(cookie, path(dismissed.id), { intent: 'dismiss', reason: 'Talked about it on Monday' }),
      params(dismissed.id),
    )
    expect(dismiss.status).toBe(302)
    expect(await prisma.insight.findUnique({ where: { id: dismissed.id } })).toMatchObject({
      status: 'DISMISSED',
      statusReason: 'Talked about it on Monday',
      dismissedAtSize: 2,
    })

    const snoozed = await make('MOMENTUM_DROP')
    const past = await call(
      insightPage.action,
      post(cookie, path(snoozed.id), { intent: 'snooze', until: dueIn(-1), reason: 'On holiday' }),
      params(snoozed.id),
    )
    expect(past.status).toBe(400)
    const data = past.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }
    expect(data.result.error.until).toEqual(['Choose a date after today'])
    expect(data.result.initialValue.reason).toBe('On holiday')
    expect((await prisma.insight.findUnique({ where: { id: snoozed.id } }))?.status).toBe('OPEN')

    const later = await call(
      insightPage.action,
      post(cookie, path(snoozed.id), { intent: 'snooze', until: dueIn(14), reason: 'On holiday' }),
      params(snoozed.id),
    )
    expect(later.status).toBe(302)
    expect(await prisma.insight.findUnique({ where: { id: snoozed.id } })).toMatchObject({
      status: 'SNOOZED',
      statusReason: 'On holiday',
    })
  })

  test('a coach of another practice gets 404 for the insight and changes nothing', async () => {
    const { org } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const insight = await createInsight({
      organizationId: org.id,
      clientId: client.id,
      kind: 'GHOSTED',
      fingerprint: client.id,
      severity: 40,
      evidence: { applicationIds: [] },
    })
    const other = await signedInPractice()
    // Their own practice's slug, this practice's insight id.
    const result = await call(
      insightPage.action,
      post(other.cookie, `/orgs/${other.org.slug}/insights/${insight.id}`, { intent: 'dismiss' }),
      { org: other.org.slug, insightId: insight.id },
    )
    expect(result.status).toBe(404)
    expect((await prisma.insight.findUnique({ where: { id: insight.id } }))?.status).toBe('OPEN')
  })
})

describe('the tasks page', () => {
  test('a coach marks a task done and back to do', async () => {
    const { org, owner, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const task = await prisma.task.create({
      data: {
        organizationId: org.id,
        clientId: client.id,
        type: 'FOLLOW_UP',
        title: 'Follow up',
        assignedById: owner.id,
      },
    })
    const path = `/orgs/${org.slug}/tasks`
    const done = await call(
      tasksPage.action,
      post(cookie, path, { intent: 'status', taskId: task.id, status: 'DONE' }),
      {
        org: org.slug,
      },
    )
    expect(done.status).toBe(302)
    const after = await prisma.task.findUnique({ where: { id: task.id } })
    expect(after?.status).toBe('DONE')
    expect(after?.completedAt).not.toBeNull()
    await call(tasksPage.action, post(cookie, path, { intent: 'status', taskId: task.id, status: 'TODO' }), {
      org: org.slug,
    })
    expect(await prisma.task.findUnique({ where: { id: task.id } })).toMatchObject({
      status: 'TODO',
      completedAt: null,
    })
  })

  test('assigns a task by hand to the chosen client', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const result = await call(
      tasksPage.action,
      post(cookie, `/orgs/${org.slug}/tasks?client=${client.id}`, {
        intent: 'assign',
        clientIds: client.id,
        type: 'NETWORKING',
        title: 'Message two former colleagues',
        instructions: 'Say what you are looking for.',
        dueOn: dueIn(3),
      }),
      { org: org.slug },
    )
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe(`/orgs/${org.slug}/tasks?client=${client.id}`)
    expect(await prisma.task.findMany({ where: { clientId: client.id } })).toMatchObject([
      { type: 'NETWORKING', title: 'Message two former colleagues', status: 'TODO' },
    ])
  })

  test('a task by hand with bad input answers 400, keeps what was typed and creates nothing', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const fields = {
      intent: 'assign',
      clientIds: client.id,
      type: 'NETWORKING',
      title: '',
      instructions: 'Keep this text',
      dueOn: dueIn(3),
    }
    const missingTitle = await call(tasksPage.action, post(cookie, `/orgs/${org.slug}/tasks`, fields), {
      org: org.slug,
    })
    expect(missingTitle.status).toBe(400)
    const first = missingTitle.data as {
      result: { error: Record<string, string[]>; initialValue: Record<string, string> }
    }
    expect(first.result.error.title).toEqual(['Enter a title'])
    expect(first.result.initialValue).toMatchObject({ instructions: 'Keep this text', clientIds: client.id })

    const pastDue = await call(
      tasksPage.action,
      post(cookie, `/orgs/${org.slug}/tasks`, { ...fields, title: 'A title', dueOn: dueIn(-2) }),
      { org: org.slug },
    )
    expect(pastDue.status).toBe(400)
    const second = pastDue.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }
    expect(second.result.error.dueOn).toEqual(['Choose today or a later date'])
    expect(second.result.initialValue).toMatchObject({ title: 'A title', instructions: 'Keep this text' })

    const stranger = await createClient(prisma, (await createPracticeWithOwner(prisma)).org.id)
    const otherClient = await call(
      tasksPage.action,
      post(cookie, `/orgs/${org.slug}/tasks`, { ...fields, title: 'A title', clientIds: stranger.id }),
      { org: org.slug },
    )
    expect(otherClient.status).toBe(400)
    expect(await prisma.task.count({ where: { clientId: { in: [client.id, stranger.id] } } })).toBe(0)
  })
})

describe('the home page', () => {
  test('"Recompute now" stores the practice’s insights and says so in a toast', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    await createApp(org.id, client.id, { applied: daysBeforeToday(40) })
    const result = await call(home.action, post(cookie, `/orgs/${org.slug}`, {}), { org: org.slug })
    expect(result.status).toBe(302)
    expect(result.headers.get('Location')).toBe(`/orgs/${org.slug}`)
    expect(result.headers.get('Set-Cookie')).toMatch(/rb_toast=/)
    const stored = await prisma.insight.findMany({ where: { organizationId: org.id, clientId: client.id } })
    expect(stored.map((insight) => insight.kind)).toContain('GHOSTED')
  })

  test('a coach who sees only their own clients still recomputes the whole practice', async () => {
    const { org } = await signedInPractice()
    await prisma.organization.update({ where: { id: org.id }, data: { coachesSeeOwnClientsOnly: true } })
    const coach = await createMember(prisma, org.id)
    const othersClient = await createClient(prisma, org.id)
    await createApp(org.id, othersClient.id, { applied: daysBeforeToday(40) })
    const { token } = await createSession(coach.id)
    const result = await call(home.action, post(cookieHeaderFor(token), `/orgs/${org.slug}`, {}), { org: org.slug })
    expect(result.status).toBe(302)
    expect(await prisma.insight.count({ where: { organizationId: org.id, clientId: othersClient.id } })).toBe(1)
  })
})
