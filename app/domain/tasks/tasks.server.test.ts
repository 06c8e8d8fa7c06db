import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTask, createTaskTemplate } from '../../../tests/factories'
import { createApp, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import { listOpenInsights, refreshInsights } from '../insights/store.server'
import {
  AssignTaskInput,
  assignSuggestedTask,
  assignTask,
  ensureDefaultTaskTemplates,
  listTaskBoard,
  listTasks,
  updateTaskStatus,
} from './tasks.server'
import { defaultTaskTemplates } from './task-templates'
import { InputError } from '~/lib/input-error'

async function practiceWithCluster() {
  const practice = await insightPractice()
  const clients = [] as Awaited<ReturnType<typeof practice.client>>[]
  for (let i = 0; i < 3; i++) {
    const client = await practice.client({ weeklyGoal: 0, lastActivityAt: daysAgo(1) })
    await createApp(practice.org.id, client.id, {
      applied: 20,
      end: { outcome: 'REJECTED', day: 5, reason: 'SKILLS_GAP' },
    })
    clients.push(client)
  }
  await refreshInsights(practice.t, now)
  const [cluster] = await listOpenInsights(practice.t, { kind: 'REASON_CLUSTER' })
  return { ...practice, clients, cluster: cluster! }
}

describe('assigning the task an insight suggests', () => {
  test('one click gives the insight’s client the suggested task, pre-filled from the practice’s template, once', async () => {
    const { org, t, client } = await insightPractice()
    const ghosted = await client({ weeklyGoal: 0, lastActivityAt: daysAgo(1) })
    const application = await createApp(org.id, ghosted.id, { applied: 30 })
    await createTaskTemplate(prisma, org.id, {
      type: 'FOLLOW_UP',
      title: 'Our follow-up',
      instructions: 'Write to them.',
    })
    await refreshInsights(t, now)
    const [insight] = await listOpenInsights(t, { clientId: ghosted.id })

    const result = await assignSuggestedTask(t, insight!.id, { dueOn: '2026-11-27' }, now)
    expect(result!.created).toHaveLength(1)
    expect(result!.created[0]).toMatchObject({
      clientId: ghosted.id,
      type: 'FOLLOW_UP',
      title: 'Our follow-up',
      instructions: 'Write to them.',
      insightId: insight!.id,
      applicationId: application.id,
      assignedById: t.user.id,
      status: 'TODO',
    })

    const again = await assignSuggestedTask(t, insight!.id, { dueOn: '2026-11-27' }, now)
    expect(again!.created).toEqual([])
    expect(again!.skippedClientIds).toEqual([ghosted.id])
  })

  test('without a template of its own the practice gets the default one', async () => {
    const { t, clients, cluster } = await practiceWithCluster()
    const result = await assignSuggestedTask(
      t,
      cluster.id,
      { allClients: false, clientId: clients[1]!.id, dueOn: '2026-12-01' },
      now,
    )
    const skills = defaultTaskTemplates.find((template) => template.type === 'SKILL_BUILDING')!
    expect(result!.created).toHaveLength(1)
    expect(result!.created[0]).toMatchObject({
      clientId: clients[1]!.id,
      title: skills.title,
      instructions: skills.instructions,
    })
  })

  test('a caseload insight’s task goes to every client it names in one click, and no one gets it twice', async () => {
    const { t, clients, cluster } = await practiceWithCluster()
    await assignSuggestedTask(t, cluster.id, { clientId: clients[0]!.id, dueOn: '2026-12-01' }, now)
    const result = await assignSuggestedTask(t, cluster.id, { allClients: true, dueOn: '2026-12-01' }, now)
    expect(result!.created.map((task) => task.clientId).sort()).toEqual([clients[1]!.id, clients[2]!.id].sort())
    expect(result!.skippedClientIds).toEqual([clients[0]!.id])
    expect(result!.created.every((task) => task.type === 'SKILL_BUILDING' && task.insightId === cluster.id)).toBe(true)
    const all = await listTasks(t, { insightId: cluster.id }, now)
    expect(all).toHaveLength(3)
  })

  test('a client who already has an open task of that type, from anywhere, is skipped; a done one or another type is not', async () => {
    const { org, t, clients, cluster } = await practiceWithCluster()
    const [overdue, done, otherType] = clients
    await createTask(prisma, org.id, overdue!.id, {
      type: 'SKILL_BUILDING',
      title: 'Close a skills gap',
      dueOn: daysAgo(3),
    })
    await createTask(prisma, org.id, done!.id, { type: 'SKILL_BUILDING', status: 'DONE', completedAt: daysAgo(2) })
    await createTask(prisma, org.id, otherType!.id, { type: 'MOCK_INTERVIEW' })

    const result = await assignSuggestedTask(t, cluster.id, { allClients: true, dueOn: '2026-12-01' }, now)
    expect(result!.created.map((task) => task.clientId).sort()).toEqual([done!.id, otherType!.id].sort())
    expect(result!.skippedClientIds).toEqual([overdue!.id])
    expect(result!.kindOfTask).toBe('skill building task')
    expect(await prisma.task.count({ where: { clientId: overdue!.id, type: 'SKILL_BUILDING', status: 'TODO' } })).toBe(
      1,
    )

    // The coach can still give them a second one by hand.
    const byHand = await assignTask(
      t,
      AssignTaskInput.parse({ clientIds: overdue!.id, type: 'SKILL_BUILDING', title: 'Another', dueOn: '2026-12-01' }),
      now,
    )
    expect(byHand).toHaveLength(1)
  })

  test('for a suggestion of type OTHER only an open task with the same title counts as the same task', async () => {
    const { org, t, client } = await insightPractice()
    const quiet = await client({ weeklyGoal: 0, lastActivityAt: daysAgo(30) })
    await createTask(prisma, org.id, quiet.id, { type: 'OTHER', title: 'Update your pipeline' })
    await refreshInsights(t, now)
    const [momentum] = await listOpenInsights(t, { clientId: quiet.id, kind: 'MOMENTUM_DROP' })
    const first = await assignSuggestedTask(t, momentum!.id, { dueOn: '2026-11-27' }, now)
    expect(first!.created).toHaveLength(1)
    const again = await assignSuggestedTask(t, momentum!.id, { dueOn: '2026-11-27' }, now)
    expect(again!.created).toEqual([])
    expect(again!.kindOfTask).toBe('“Book a check-in call with your coach” task')
  })

  test('a caseload insight needs a client it names, or all of them', async () => {
    const { t, cluster } = await practiceWithCluster()
    const stranger = await insightPractice()
    const outsider = await stranger.client()
    await expect(
      assignSuggestedTask(t, cluster.id, { clientId: outsider.id, dueOn: '2026-12-01' }, now),
    ).rejects.toBeInstanceOf(InputError)
    expect(await assignSuggestedTask(stranger.t, cluster.id, { allClients: true, dueOn: '2026-12-01' }, now)).toBeNull()
  })
})

describe('assigning by hand', () => {
  test('a task goes to several clients with its due date', async () => {
    const { t, clients } = await insightPractice()
    const [a, b] = await clients(2)
    const input = AssignTaskInput.parse({
      clientIds: [a.id, b.id],
      type: 'NETWORKING',
      title: 'Message two former colleagues',
      dueOn: '2026-11-20',
    })
    const tasks = await assignTask(t, input, now)
    expect(tasks).toHaveLength(2)
    expect(tasks[0]!.dueOn!.toISOString().slice(0, 10)).toBe('2026-11-20')
  })

  test('a due date in the past, or a client of another practice, is refused', async () => {
    const { t, client } = await insightPractice()
    const mine = await client()
    const other = await insightPractice()
    const theirs = await other.client()
    const base = { type: 'OTHER', title: 'Update your pipeline', dueOn: '2026-11-25' }
    await expect(
      assignTask(t, AssignTaskInput.parse({ ...base, clientIds: mine.id, dueOn: '2026-11-19' }), now),
    ).rejects.toMatchObject({
      field: 'dueOn',
    })
    await expect(
      assignTask(t, AssignTaskInput.parse({ ...base, clientIds: [mine.id, theirs.id] }), now),
    ).rejects.toMatchObject({
      field: 'clientIds',
    })
    expect(await prisma.task.count({ where: { clientId: { in: [mine.id, theirs.id] } } })).toBe(0)
  })
})

describe('the tasks board', () => {
  test('overdue tasks are flagged by the practice’s date, and a coach marks a task done', async () => {
    const { org, t, client } = await insightPractice({ timezone: 'America/New_York' })
    const c = await client()
    const overdue = await createTask(prisma, org.id, c.id, { dueOn: new Date('2026-11-19T00:00:00Z') })
    const dueToday = await createTask(prisma, org.id, c.id, { dueOn: new Date('2026-11-20T00:00:00Z') })
    await createTask(prisma, org.id, c.id, { dueOn: new Date('2026-11-10T00:00:00Z'), status: 'DONE' })

    const late = await listTasks(t, { overdue: true }, now)
    expect(late.map((task) => task.id)).toEqual([overdue.id])
    const board = await listTaskBoard(t, {}, now)
    expect(board.columns.TODO.map((task) => [task.id, task.overdue])).toEqual([
      [overdue.id, true],
      [dueToday.id, false],
    ])
    expect(board.columns.DONE).toHaveLength(1)

    const done = await updateTaskStatus(t, overdue.id, 'DONE', now)
    expect(done).toMatchObject({ status: 'DONE', completedAt: now })
    expect(await listTasks(t, { overdue: true }, now)).toEqual([])
    expect((await updateTaskStatus(t, overdue.id, 'TODO', now))!.completedAt).toBeNull()
  })
})

describe('default templates', () => {
  test('a practice gets the default set once', async () => {
    const { org, t } = await insightPractice()
    expect(await ensureDefaultTaskTemplates(t)).toBe(defaultTaskTemplates.length)
    expect(await ensureDefaultTaskTemplates(t)).toBe(0)
    expect(await prisma.taskTemplate.count({ where: { organizationId: org.id } })).toBe(defaultTaskTemplates.length)
  })
})
