import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import type { Prisma } from '~/generated/prisma/client'
import { BOARD_COLUMN_CAP, PIPELINE_TABLE_CAP } from '~/domain/clients/client-pipeline.server'
import { prisma } from '~/lib/db.server'
import * as clientPage from '~/routes/orgs.$org.clients.$clientId/route'
import {
  createApplication,
  createApplicationWithHistory,
  createClient,
  createPracticeWithOwner,
  newId,
} from './factories'
import { call, origin } from './route-calls'

// The coach's client page, loaded the way Remix loads it: its pipeline is capped per column whatever the
// client's history, and its caseload and cohort medians are read from the caseload snapshot.

async function signedInPractice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const { token } = await createSession(owner.id)
  return { org, owner, cookie: cookieHeaderFor(token) }
}

type Loaded = Awaited<ReturnType<typeof clientPage.loader>>

async function loadClientPage(cookie: string, slug: string, clientId: string, query = '') {
  const answer = await call(
    clientPage.loader as never,
    new Request(`${origin}/orgs/${slug}/clients/${clientId}${query}`, { headers: { Cookie: cookie } }),
    { org: slug, clientId },
  )
  expect(answer.status).toBe(200)
  return answer.data as Loaded
}

// Statements sent to PostgreSQL while `run` runs (pg's Client.query, under both Prisma's adapter and the pool reads).
async function statementsOf(run: () => Promise<unknown>) {
  const statements: string[] = []
  const query = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string }
    statements.push(typeof first === 'string' ? first : first.text)
    return (query as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof query
  try {
    await run()
  } finally {
    pg.Client.prototype.query = query
  }
  return statements
}

// A view of the client page, the session and membership reads included (docs/decisions/0048).
const STATEMENT_BUDGET = 14

const isoDay = (daysAgo: number) => {
  const at = new Date(Date.now() - daysAgo * 86_400_000)
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}

/** `count` applications of the client in one insert, the newest first by applied day. */
function manyApplications(
  organizationId: string,
  clientId: string,
  count: number,
  data: Partial<Prisma.JobApplicationCreateManyInput>,
) {
  return prisma.jobApplication.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      id: newId(),
      organizationId,
      clientId,
      company: `Company ${i}`,
      roleTitle: 'Analyst',
      appliedOn: isoDay(10 + i),
      ...data,
    })),
  })
}

describe('the client page', () => {
  test('a board column shows its newest 50 cards with the column’s full count; the table view its newest 100', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id, { name: 'Busy Bee' })
    await manyApplications(org.id, client.id, BOARD_COLUMN_CAP + 10, { stage: 'INTERVIEW' })
    await manyApplications(org.id, client.id, 3, { stage: 'APPLIED', company: 'Fresh' })
    await manyApplications(org.id, client.id, BOARD_COLUMN_CAP + 3, {
      stage: 'SCREEN',
      outcome: 'REJECTED',
      rejectionStage: 'SCREEN',
    })
    const total = BOARD_COLUMN_CAP * 2 + 16

    const board = await loadClientPage(cookie, org.slug, client.id)
    expect(board.view).toBe('board')
    expect(board.pipeline.total).toBe(total)
    const column = (stage: string) => board.pipeline.board!.columns.find((c) => c.stage === stage)!
    expect(column('INTERVIEW').total).toBe(BOARD_COLUMN_CAP + 10)
    expect(column('INTERVIEW').cards).toHaveLength(BOARD_COLUMN_CAP)
    // The newest first: the ten oldest are the ones left to the table.
    expect(column('INTERVIEW').cards[0]!.company).toBe('Company 0')
    expect(column('INTERVIEW').cards.map((c) => c.company)).not.toContain(`Company ${BOARD_COLUMN_CAP}`)
    expect(column('APPLIED')).toMatchObject({ total: 3 })
    expect(column('APPLIED').cards).toHaveLength(3)
    expect(column('SCREEN')).toMatchObject({ total: 0, cards: [] })
    expect(board.pipeline.board!.closed.total).toBe(BOARD_COLUMN_CAP + 3)
    expect(board.pipeline.board!.closed.cards).toHaveLength(BOARD_COLUMN_CAP)
    expect(board.pipeline.table).toBeNull()

    const table = await loadClientPage(cookie, org.slug, client.id, '?view=table')
    expect(table.pipeline.total).toBe(total)
    expect(table.pipeline.table).toHaveLength(PIPELINE_TABLE_CAP)
    expect(table.pipeline.board).toBeNull()
  })

  test('this week’s count is the client’s applications sent on the practice’s days, saved ones left out', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const today = isoDay(0)
    await manyApplications(org.id, client.id, 2, { appliedOn: today })
    await manyApplications(org.id, client.id, 1, { appliedOn: today, stage: 'SAVED' })
    await manyApplications(org.id, client.id, 1, { appliedOn: isoDay(40) })
    const page = await loadClientPage(cookie, org.slug, client.id)
    expect(page.appliedThisWeek).toBe(2)
    expect(page.pipeline.total).toBe(4)
  })

  test('the caseload and cohort medians come from the snapshot the insights refresh writes, even past its ten minutes', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id, { name: 'Robin Hale' })
    const cohort = await prisma.cohort.create({
      data: { organizationId: org.id, name: 'Spring bootcamp', startsOn: isoDay(60), endsOn: isoDay(-30) },
    })
    await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: client.id } })
    for (let i = 0; i < 5; i++)
      await createApplicationWithHistory(prisma, org.id, client.id, {
        path: [{ stage: 'APPLIED', at: new Date(Date.now() - (5 + i) * 86_400_000) }],
      })
    // What the refresh stored half an hour ago, unlike anything the data would give: the page must show it.
    const figures = { SCREEN: 0.31, INTERVIEW: 0.12, FINAL: 0.05, OFFER: 0.02 }
    const computedAt = new Date(Date.now() - 30 * 60 * 1000)
    await prisma.caseloadSnapshot.create({
      data: {
        organizationId: org.id,
        key: 'caseload-medians:90',
        computedAt,
        data: {
          clients: 41,
          ...figures,
          cohorts: { [cohort.id]: { clients: 7, SCREEN: 0.44, INTERVIEW: 0.2, FINAL: 0.1, OFFER: 0 } },
          computedAt: computedAt.toISOString(),
        },
      },
    })
    const page = await loadClientPage(cookie, org.slug, client.id)
    const stage = (name: string) => page.funnel.stages.find((s) => s.stage === name)!
    expect(page.funnel.caseloadClients).toBe(41)
    expect(page.funnel.cohort).toEqual({ id: cohort.id, name: 'Spring bootcamp', clients: 7 })
    expect(stage('SCREEN')).toEqual({
      stage: 'SCREEN',
      client: { count: 0, rate: 0 },
      caseloadMedianRate: 0.31,
      cohortMedianRate: 0.44,
    })
    expect(page.funnel.computedAt).toBe(computedAt.toISOString())
    // Served, not recomputed: the stored row is as it was.
    const stored = await prisma.caseloadSnapshot.findFirstOrThrow({ where: { organizationId: org.id } })
    expect(stored.computedAt).toEqual(computedAt)

    // Older than the hourly refresh allows for (no job runner): the page computes and stores them once.
    await prisma.caseloadSnapshot.update({
      where: { id: stored.id },
      data: { computedAt: new Date(Date.now() - 3 * 60 * 60 * 1000) },
    })
    const recomputed = await loadClientPage(cookie, org.slug, client.id)
    // The only active client with 5+ applications: the caseload and the cohort are this client alone.
    expect(recomputed.funnel.caseloadClients).toBe(1)
    expect(recomputed.funnel.cohort).toMatchObject({ clients: 1 })
    expect(recomputed.funnel.stages.find((s) => s.stage === 'SCREEN')).toMatchObject({
      caseloadMedianRate: 0,
      cohortMedianRate: 0,
    })
  })

  test('the timeline reads a page of events with their applications and the count of all; notes carry their author', async () => {
    const { org, owner, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id, { name: 'Tim Line' })
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 9))
    // 20 applications of one event each, the newest last; a page holds 15.
    for (let i = 0; i < 20; i++)
      await createApplicationWithHistory(prisma, org.id, client.id, {
        company: `Firm ${i}`,
        path: [{ stage: 'APPLIED', at: day(i) }],
      })
    const first = await loadClientPage(cookie, org.slug, client.id)
    expect(first.timeline).toMatchObject({ page: 1, total: 20, pageCount: 2 })
    expect(first.events).toHaveLength(15)
    expect(first.events[0]).toMatchObject({ toStage: 'APPLIED', actorType: 'CLIENT' })
    expect(first.events.map((e) => e.application.company).slice(0, 2)).toEqual(['Firm 19', 'Firm 18'])
    const second = await loadClientPage(cookie, org.slug, client.id, '?timeline=2')
    expect(second.events.map((e) => e.application.company)).toEqual(['Firm 4', 'Firm 3', 'Firm 2', 'Firm 1', 'Firm 0'])
    // Past the last page: no events, the count still known.
    const past = await loadClientPage(cookie, org.slug, client.id, '?timeline=9')
    expect(past.events).toEqual([])
    expect(past.timeline).toMatchObject({ page: 9, total: 20, pageCount: 2 })

    await prisma.note.create({
      data: { organizationId: org.id, clientId: client.id, authorId: owner.id, body: 'First call went well' },
    })
    await prisma.note.create({ data: { organizationId: org.id, clientId: client.id, authorId: null, body: 'Orphan' } })
    const withNotes = await loadClientPage(cookie, org.slug, client.id)
    expect(withNotes.notes.map((n) => [n.body, n.author?.name ?? null]).sort()).toEqual([
      ['First call went well', owner.name],
      ['Orphan', null],
    ])
  })

  test('opening the page marks the client’s thread read, the first time and each time after', async () => {
    const { org, owner, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const marker = () =>
      prisma.messageRead.findMany({ where: { organizationId: org.id, clientId: client.id, readerId: owner.id } })
    await loadClientPage(cookie, org.slug, client.id)
    const [firstRead] = await marker()
    expect(firstRead).toMatchObject({ readerType: 'COACH', thread: '' })
    await loadClientPage(cookie, org.slug, client.id)
    const after = await marker()
    expect(after).toHaveLength(1)
    expect(after[0]!.lastReadAt.getTime()).toBeGreaterThanOrEqual(firstRead!.lastReadAt.getTime())
  })

  test('a view with nothing new to read writes nothing and reads in a bounded number of statements', async () => {
    const { org, owner, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id, { name: 'Quiet Reader', coachId: owner.id })
    const application = await createApplication(prisma, org.id, client.id)
    const message = (applicationId: string | null, authorType: 'CLIENT' | 'COACH') =>
      prisma.message.create({
        data: { organizationId: org.id, clientId: client.id, applicationId, authorType, body: 'Hello' },
      })
    await message(null, 'CLIENT')
    await message(application.id, 'CLIENT')
    await loadClientPage(cookie, org.slug, client.id)
    const marker = () =>
      prisma.messageRead.findFirstOrThrow({ where: { organizationId: org.id, clientId: client.id, thread: '' } })
    const read = await marker()

    const statements = await statementsOf(() => loadClientPage(cookie, org.slug, client.id))
    expect(statements.filter((text) => /^\s*(UPDATE|INSERT|DELETE)/i.test(text))).toEqual([])
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(STATEMENT_BUDGET)
    expect((await marker()).lastReadAt).toEqual(read.lastReadAt)

    // Something new is read on the next view: the marker moves.
    await message(null, 'CLIENT')
    const page = await loadClientPage(cookie, org.slug, client.id)
    expect(page.messages).toHaveLength(2)
    expect((await marker()).lastReadAt.getTime()).toBeGreaterThan(read.lastReadAt.getTime())
    // The application's thread is read on its own page: its message stays unread here.
    expect(page.threads).toMatchObject([{ id: application.id, unread: 1 }])
  })

  test('the side column shows the client’s tasks, check-ins and notes as they are stored', async () => {
    const { org, owner, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const task = (title: string, data: Partial<Prisma.TaskUncheckedCreateInput> = {}) =>
      prisma.task.create({
        data: {
          organizationId: org.id,
          clientId: client.id,
          type: 'FOLLOW_UP',
          title,
          assignedById: owner.id,
          ...data,
        },
      })
    await task('Undated')
    await task('Due soon', { dueOn: isoDay(-2) })
    await task('Due later', { dueOn: isoDay(-9) })
    await task('Done', {
      status: 'DONE',
      dueOn: isoDay(3),
      completedAt: new Date(Date.UTC(2026, 4, 2, 9, 30, 15, 120)),
    })
    for (const [i, weekOf] of [isoDay(7), isoDay(14)].entries())
      await prisma.checkIn.create({
        data: {
          organizationId: org.id,
          clientId: client.id,
          weekOf,
          mood: 3 + i,
          energy: 2,
          confidence: 4,
          note: null,
        },
      })
    await prisma.note.create({
      data: { organizationId: org.id, clientId: client.id, authorId: owner.id, body: 'Met on Monday' },
    })

    const page = await loadClientPage(cookie, org.slug, client.id)
    const tasks = await prisma.task.findMany({
      where: { clientId: client.id },
      orderBy: [{ status: 'asc' }, { dueOn: { sort: 'asc', nulls: 'last' } }],
    })
    expect(page.tasks.map((t) => t.title)).toEqual(['Due soon', 'Due later', 'Undated', 'Done'])
    expect(page.tasks).toEqual(tasks)
    expect(page.checkIns).toEqual(
      await prisma.checkIn.findMany({ where: { clientId: client.id }, orderBy: { weekOf: 'desc' } }),
    )
    const [note] = await prisma.note.findMany({ where: { clientId: client.id } })
    expect(page.notes).toEqual([
      { id: note!.id, body: 'Met on Monday', createdAt: note!.createdAt, author: { name: owner.name } },
    ])
  })

  test('a client in no cohort has no cohort column', async () => {
    const { org, cookie } = await signedInPractice()
    const client = await createClient(prisma, org.id)
    const page = await loadClientPage(cookie, org.slug, client.id)
    expect(page.funnel.cohort).toBeNull()
    expect(page.funnel.stages.every((s) => s.cohortMedianRate === null)).toBe(true)
  })
})

describe('the practice’s own fields on the client page', () => {
  test('show the values the client holds, in the practice’s order; retired fields and empty values are left out', async () => {
    const { org, cookie } = await signedInPractice()
    const field = (name: string, position: number, extra: Partial<Prisma.ClientFieldCreateManyInput> = {}) =>
      prisma.clientField.create({ data: { organizationId: org.id, name, kind: 'TEXT', position, ...extra } })
    const programme = await field('Programme', 1, { kind: 'CHOICE', choices: ['Data', 'Design'] })
    const budget = await field('Budget', 0, { kind: 'NUMBER' })
    const tracks = await field('Tracks', 2, { kind: 'MULTI_CHOICE', choices: ['Remote', 'Relocate'] })
    const old = await field('Old note', 3, { retiredAt: new Date() })
    const blank = await field('Blank', 4)
    const started = await field('Started', 5, { kind: 'DATE' })
    const client = await createClient(prisma, org.id, { name: 'Field Holder' })
    await prisma.client.update({
      where: { id: client.id },
      data: {
        customFields: {
          [programme.id]: 'Data',
          [budget.id]: 2500,
          [tracks.id]: ['Remote', 'Relocate'],
          [old.id]: 'kept but retired',
          [blank.id]: '',
          [started.id]: '2026-09-14',
        },
      },
    })
    const page = await loadClientPage(cookie, org.slug, client.id)
    expect(page.fields.map((f) => [f.name, f.value])).toEqual([
      ['Budget', '2,500'],
      ['Programme', 'Data'],
      ['Tracks', 'Remote, Relocate'],
      ['Started', 'Sep 14, 2026'],
    ])
  })
})
