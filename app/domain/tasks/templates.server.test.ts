import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createTask } from '../../../tests/factories'
import { createApp, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import { getClientOverview, TIMELINE_PAGE_SIZE } from '../clients/client-overview.server'
import { describeStageChange } from '../applications/pipeline'
import { ensureDefaultTaskTemplates, listTaskBoard, taskPrefill, TASK_BOARD_PAGE_SIZE } from './tasks.server'
import { addTaskTemplate, setTaskTemplateRetired, TaskTemplateInput, updateTaskTemplate } from './templates.server'

describe('task templates a practice edits', () => {
  test('an edited template is what the next task is given; a retired one is no longer offered; tasks keep their text', async () => {
    const { org, t, client } = await insightPractice()
    await ensureDefaultTaskTemplates(t)
    const c = await client()
    const original = await prisma.taskTemplate.findFirstOrThrow({
      where: { organizationId: org.id, type: 'FOLLOW_UP' },
    })
    const task = await createTask(prisma, org.id, c.id, { type: 'FOLLOW_UP', instructions: original.instructions })

    const edited = await updateTaskTemplate(t, original.id, {
      type: 'FOLLOW_UP',
      title: 'Nudge them kindly',
      instructions: '- Find a name\n- Four sentences',
    })
    expect(edited).toMatchObject({ title: 'Nudge them kindly' })
    expect(await taskPrefill(t, 'FOLLOW_UP')).toEqual({
      title: 'Nudge them kindly',
      instructions: '- Find a name\n- Four sentences',
    })

    await setTaskTemplateRetired(t, original.id, true)
    // Every FOLLOW_UP template is retired: the form offers the type's name, not the seed it replaced.
    expect(await taskPrefill(t, 'FOLLOW_UP')).toEqual({ title: 'Follow-up', instructions: '' })
    const added = await addTaskTemplate(t, { type: 'FOLLOW_UP', title: 'A newer one', instructions: 'Call them.' })
    expect((await taskPrefill(t, 'FOLLOW_UP')).title).toBe('A newer one')
    await setTaskTemplateRetired(t, original.id, false)
    expect((await taskPrefill(t, 'FOLLOW_UP')).title).toBe('Nudge them kindly')

    expect((await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).instructions).toBe(original.instructions)
    const audit = await prisma.auditEvent.findMany({
      where: { organizationId: org.id, targetType: 'TaskTemplate' },
      orderBy: { createdAt: 'asc' },
    })
    expect(audit.map((e) => e.action)).toEqual([
      'task_template.edited',
      'task_template.retired',
      'task_template.added',
      'task_template.restored',
    ])
    expect(audit[0]!.metadata).toMatchObject({ changes: { title: { from: original.title, to: 'Nudge them kindly' } } })
    expect(audit[2]!.targetId).toBe(added.id)
  })

  test('another practice’s template is not found and not changed', async () => {
    const mine = await insightPractice()
    const theirs = await insightPractice()
    await ensureDefaultTaskTemplates(theirs.t)
    const template = await prisma.taskTemplate.findFirstOrThrow({ where: { organizationId: theirs.org.id } })
    expect(
      await updateTaskTemplate(mine.t, template.id, { type: 'OTHER', title: 'Mine now', instructions: '' }),
    ).toBeNull()
    expect(await setTaskTemplateRetired(mine.t, template.id, true)).toBeNull()
    expect(await prisma.taskTemplate.findUniqueOrThrow({ where: { id: template.id } })).toMatchObject({
      title: template.title,
      retiredAt: null,
    })
  })

  test('hostile template input is refused with a message', () => {
    for (const input of [
      { type: 'NOT_A_TYPE', title: 'x' },
      { type: 'OTHER', title: '   ' },
      { type: 'OTHER', title: 'x'.repeat(201) },
      { type: 'OTHER', title: 'ok', instructions: 'x'.repeat(10_001) },
    ]) {
      const parsed = TaskTemplateInput.safeParse(input)
      expect(parsed.success, JSON.stringify(input).slice(0, 60)).toBe(false)
      expect(parsed.error!.issues[0]!.message).toMatch(/Choose|Give|at most/)
    }
  })
})

describe('long lists', () => {
  test('the tasks board pages each column, done tasks by the day they were done, newest first', async () => {
    const { org, t, client } = await insightPractice()
    const c = await client()
    const done = []
    for (let i = 0; i < TASK_BOARD_PAGE_SIZE.DONE + 3; i++)
      done.push(
        await createTask(prisma, org.id, c.id, { status: 'DONE', completedAt: daysAgo(i + 1), title: `Done ${i}` }),
      )
    const first = await listTaskBoard(t, {}, now)
    expect(first.totals.DONE).toBe(TASK_BOARD_PAGE_SIZE.DONE + 3)
    expect(first.columns.DONE.map((task) => task.id)).toEqual(done.slice(0, TASK_BOARD_PAGE_SIZE.DONE).map((d) => d.id))
    const second = await listTaskBoard(t, {}, now, { DONE: 2 })
    expect(second.columns.DONE.map((task) => task.id)).toEqual(done.slice(TASK_BOARD_PAGE_SIZE.DONE).map((d) => d.id))
    // A page past the end shows the last page rather than nothing.
    expect((await listTaskBoard(t, {}, now, { DONE: 9_999 })).pages.DONE).toBe(2)
  })

  test('the client page’s timeline is a page of events in words, newest first', async () => {
    const { org, t, client } = await insightPractice()
    const c = await client()
    for (let i = 0; i < 8; i++)
      await createApp(org.id, c.id, {
        applied: 40 - i,
        screen: 30 - i,
        end: { outcome: 'REJECTED', day: 20 - i, reason: 'SKILLS_GAP' },
        company: `Company ${i}`,
      })
    const first = await getClientOverview(t, c.id, now, 1)
    expect(first!.timeline).toEqual({ page: 1, pageCount: 2, total: 24, pageSize: TIMELINE_PAGE_SIZE })
    expect(first!.events).toHaveLength(TIMELINE_PAGE_SIZE)
    const times = first!.events.map((e) => e.occurredAt.getTime())
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(describeStageChange(first!.events[0]!)).toBe('Rejected after the phone screen')
    const second = await getClientOverview(t, c.id, now, 2)
    expect(second!.events).toHaveLength(24 - TIMELINE_PAGE_SIZE)
  })
})

describe('a stage event in words', () => {
  test.each([
    [{ fromStage: null, toStage: 'APPLIED', fromOutcome: null, toOutcome: 'ACTIVE' }, 'Added at Applied'],
    [{ fromStage: null, toStage: 'SAVED', fromOutcome: null, toOutcome: 'ACTIVE' }, 'Saved for later'],
    [{ fromStage: 'APPLIED', toStage: 'SCREEN', fromOutcome: 'ACTIVE', toOutcome: 'ACTIVE' }, 'Moved to Screen'],
    [{ fromStage: 'INTERVIEW', toStage: 'SCREEN', fromOutcome: 'ACTIVE', toOutcome: 'ACTIVE' }, 'Moved back to Screen'],
    [
      { fromStage: 'SCREEN', toStage: 'SCREEN', fromOutcome: 'ACTIVE', toOutcome: 'REJECTED' },
      'Rejected after the phone screen',
    ],
    [
      { fromStage: 'APPLIED', toStage: 'APPLIED', fromOutcome: 'ACTIVE', toOutcome: 'REJECTED' },
      'Rejected at the application stage',
    ],
    [
      { fromStage: 'APPLIED', toStage: 'APPLIED', fromOutcome: 'ACTIVE', toOutcome: 'GHOSTED' },
      'No response after applying',
    ],
    [{ fromStage: 'FINAL', toStage: 'OFFER', fromOutcome: 'ACTIVE', toOutcome: 'OFFER_ACCEPTED' }, 'Offer accepted'],
    [{ fromStage: 'APPLIED', toStage: 'APPLIED', fromOutcome: 'GHOSTED', toOutcome: 'ACTIVE' }, 'Reopened at Applied'],
    [
      { fromStage: null, toStage: 'INTERVIEW', fromOutcome: null, toOutcome: 'REJECTED' },
      'Added: rejected after an interview',
    ],
  ] as const)('%o reads “%s”', (event, words) => {
    expect(describeStageChange(event)).toBe(words)
    expect(describeStageChange(event)).not.toMatch(/→/)
  })
})
