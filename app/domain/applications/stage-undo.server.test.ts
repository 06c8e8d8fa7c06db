import { describe, expect, test } from 'vitest'
import { moveApplicationStage } from '~/domain/applications/applications.server'
import { InputError } from '~/lib/input-error'
import { coachPipelineFor, getApplicationPage } from '~/domain/applications/application-page.server'
import { findLatestMove, isBackwardMove, undoExpired, undoStageMove } from '~/domain/applications/stage-undo.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createApplication, createClient, createMember, createPracticeWithOwner } from '../../../tests/factories'
import { createPortalClient } from '../../../tests/portal-helpers'

const t0 = new Date('2026-11-30T15:00:00Z')
const seconds = (n: number) => new Date(t0.getTime() + n * 1000)

async function practice(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const coach = await createMember(prisma, org.id, { name: 'Chris Coach' })
  const t = createTenantContext(prisma, { user: coach, org, role: 'COACH' })
  return { org, owner, coach, t }
}

async function applicationAt(organizationId: string, clientId: string, stage: 'APPLIED' | 'SCREEN' | 'SAVED') {
  return createApplication(prisma, organizationId, clientId, {
    stage,
    appliedOn: stage === 'SAVED' ? null : new Date('2026-11-20'),
    lastEventAt: new Date('2026-11-21T10:00:00Z'),
  })
}

/** A coach's pipeline for a new client, with one application that was just applied for. */
async function appliedInPipeline() {
  const { org, t, owner } = await practice()
  const client = await createClient(prisma, org.id)
  const app = await applicationAt(org.id, client.id, 'APPLIED')
  return { org, t, owner, client, app, p: coachPipelineFor(t, client) }
}

describe('undoing a stage move', () => {
  test('removes the move’s event and restores the stage and the last update, adding no event', async () => {
    const { t, app, p } = await appliedInPipeline()
    await moveApplicationStage(p, app.id, 'INTERVIEW', t0)
    const move = await findLatestMove(p, app.id)
    expect(move).toMatchObject({
      fromStage: 'APPLIED',
      toStage: 'INTERVIEW',
      actorType: 'COACH',
      actorUserId: t.user.id,
    })
    await undoStageMove(p, app.id, move!.id, seconds(9))
    const after = await prisma.jobApplication.findUniqueOrThrow({ where: { id: app.id } })
    expect(after).toMatchObject({ stage: 'APPLIED', outcome: 'ACTIVE', lastEventAt: new Date('2026-11-21T10:00:00Z') })
    const events = await prisma.stageEvent.findMany({ where: { applicationId: app.id } })
    expect(events.map((e) => e.toStage)).toEqual(['APPLIED'])
  })

  test('a saved job moved to applied and undone is saved again, without the applied date the move gave it', async () => {
    const { p } = await createPortalClient()
    const app = await applicationAt(p.organizationId, p.clientId, 'SAVED')
    await moveApplicationStage(p, app.id, 'APPLIED', t0)
    const move = await findLatestMove(p, app.id)
    await undoStageMove(p, app.id, move!.id, seconds(3))
    expect(await prisma.jobApplication.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
      stage: 'SAVED',
      appliedOn: null,
    })
  })

  test('is refused after the toast has gone, and nothing changes', async () => {
    const { app, p } = await appliedInPipeline()
    await moveApplicationStage(p, app.id, 'SCREEN', t0)
    const move = await findLatestMove(p, app.id)
    await expect(undoStageMove(p, app.id, move!.id, seconds(16))).rejects.toThrow(undoExpired)
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: app.id } })).stage).toBe('SCREEN')
    expect(await prisma.stageEvent.count({ where: { applicationId: app.id } })).toBe(2)
  })

  test('is refused for a move that is no longer the latest, or that someone else made', async () => {
    const { org, owner, client, app, p } = await appliedInPipeline()
    await moveApplicationStage(p, app.id, 'SCREEN', t0)
    const first = await findLatestMove(p, app.id)
    await moveApplicationStage(p, app.id, 'INTERVIEW', seconds(1))
    await expect(undoStageMove(p, app.id, first!.id, seconds(2))).rejects.toBeInstanceOf(InputError)
    const latest = await findLatestMove(p, app.id)
    const ownerContext = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    await expect(undoStageMove(coachPipelineFor(ownerContext, client), app.id, latest!.id, seconds(2))).rejects.toThrow(
      undoExpired,
    )
    expect(await prisma.stageEvent.count({ where: { applicationId: app.id } })).toBe(3)
  })

  test('two undos racing restore once', async () => {
    const { app, p } = await appliedInPipeline()
    await moveApplicationStage(p, app.id, 'SCREEN', t0)
    const move = await findLatestMove(p, app.id)
    const results = await Promise.allSettled([
      undoStageMove(p, app.id, move!.id, seconds(1)),
      undoStageMove(p, app.id, move!.id, seconds(1)),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await prisma.stageEvent.count({ where: { applicationId: app.id } })).toBe(1)
    expect((await prisma.jobApplication.findUniqueOrThrow({ where: { id: app.id } })).stage).toBe('APPLIED')
  })

  test('a move to an earlier stage of an application in progress is a backward move', () => {
    expect(isBackwardMove({ stage: 'INTERVIEW', outcome: 'ACTIVE' }, 'APPLIED')).toBe(true)
    expect(isBackwardMove({ stage: 'INTERVIEW', outcome: 'ACTIVE' }, 'FINAL')).toBe(false)
    expect(isBackwardMove({ stage: 'INTERVIEW', outcome: 'REJECTED' }, 'APPLIED')).toBe(false)
  })
})

describe('the coach’s application page read', () => {
  test('names the coach who moved it, and the client as the client', async () => {
    const { org, t } = await practice()
    const client = await createClient(prisma, org.id, { name: 'Sofia Martinez' })
    const app = await applicationAt(org.id, client.id, 'APPLIED')
    await moveApplicationStage(coachPipelineFor(t, client), app.id, 'SCREEN', t0)
    const page = await getApplicationPage(t, app.id)
    expect(page!.application.client.name).toBe('Sofia Martinez')
    expect(page!.events.map((e) => e.actor)).toEqual([
      { kind: 'COACH', name: 'Chris Coach' },
      { kind: 'CLIENT', name: null },
    ])
  })

  test('another practice’s application, and another coach’s client where coaches see their own, are not found', async () => {
    const { org, t } = await practice({ ownClientsOnly: true })
    const other = await practice()
    const theirs = await applicationAt(other.org.id, (await createClient(prisma, other.org.id)).id, 'APPLIED')
    const colleagueClient = await createClient(prisma, org.id)
    const colleagues = await applicationAt(org.id, colleagueClient.id, 'APPLIED')
    const mine = await applicationAt(org.id, (await createClient(prisma, org.id, { coachId: t.user.id })).id, 'APPLIED')
    expect(await getApplicationPage(t, theirs.id)).toBeNull()
    expect(await getApplicationPage(t, colleagues.id)).toBeNull()
    expect(await getApplicationPage(t, mine.id)).not.toBeNull()
  })
})
