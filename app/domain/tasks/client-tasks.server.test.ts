import { describe, expect, test } from 'vitest'
import { completeTask, countOpenTasks, listClientTasks, reopenTask } from '~/domain/tasks/client-tasks.server'
import { prisma } from '~/lib/db.server'
import { createClient, createTask } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'

const now = new Date('2026-03-04T10:00:00Z')
const date = (d: string) => new Date(`${d}T00:00:00Z`)

describe('a client’s tasks', () => {
  test('to-do tasks come first by due date (undated last), then done ones; skipped are left out', async () => {
    const { p, org, client, owner } = await createPortalClient()
    await createTask(prisma, org.id, client.id, { title: 'Undated', assignedById: owner.id })
    await createTask(prisma, org.id, client.id, { title: 'Later', dueOn: date('2026-03-20') })
    await createTask(prisma, org.id, client.id, { title: 'Soon', dueOn: date('2026-03-06') })
    await createTask(prisma, org.id, client.id, { title: 'Done', status: 'DONE', completedAt: now })
    await createTask(prisma, org.id, client.id, { title: 'Skipped', status: 'SKIPPED' })
    const tasks = await listClientTasks(p)
    expect(tasks.map((t) => t.title)).toEqual(['Soon', 'Later', 'Undated', 'Done'])
    expect(tasks[0]).not.toHaveProperty('assignedById')
    expect(tasks[0]).not.toHaveProperty('insightId')
    expect(await countOpenTasks(p)).toBe(3)
  })

  test('completing a task sets it done with the date and the note; reopening puts it back to do', async () => {
    const { p, org, client } = await createPortalClient()
    const task = await createTask(prisma, org.id, client.id, { type: 'FEEDBACK_REQUEST', title: 'Ask for feedback' })
    const done = await completeTask(p, task.id, { note: '  Sent the email to the hiring manager.  ' }, now)
    expect(done).toMatchObject({
      status: 'DONE',
      completedAt: now,
      completionNote: 'Sent the email to the hiring manager.',
    })
    const reopened = await reopenTask(p, task.id)
    expect(reopened).toMatchObject({ status: 'TODO', completedAt: null })
  })

  test('a note over 2000 characters is refused', async () => {
    const { p, org, client } = await createPortalClient()
    const task = await createTask(prisma, org.id, client.id)
    await expect(completeTask(p, task.id, { note: 'x'.repeat(2001) }, now)).rejects.toThrow()
    expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'TODO' })
  })

  test('another client’s task cannot be seen, completed or reopened', async () => {
    const { p, org } = await createPortalClient()
    const other = await createClient(prisma, org.id)
    const theirs = await createTask(prisma, org.id, other.id, { title: 'Not yours' })
    const theirsDone = await createTask(prisma, org.id, other.id, { status: 'DONE', completedAt: now })
    expect(await listClientTasks(p)).toEqual([])
    expect(await completeTask(p, theirs.id, { note: 'mine now' }, now)).toBeNull()
    expect(await reopenTask(p, theirsDone.id)).toBeNull()
    expect(await prisma.task.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      status: 'TODO',
      completionNote: null,
    })
    expect(await prisma.task.findUniqueOrThrow({ where: { id: theirsDone.id } })).toMatchObject({ status: 'DONE' })
  })
})
