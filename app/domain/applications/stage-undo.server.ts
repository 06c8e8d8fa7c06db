import { isoDate, todayIn } from '~/lib/dates'
import { InputError } from '~/lib/input-error'
import { findClientApplication, type PipelineContext } from './applications.server'
import { stageIndex, type Stage } from './pipeline'
import { requestInsightsRefresh } from '~/jobs/queue.server'
import { withWebhookEvents } from '../webhooks/emit.server'
import { applicationPayload } from '../webhooks/payloads'

// Undoing a stage move from its toast. The move's StageEvent is removed and the application goes
// back to the stage and last update it had: no second stage event, so the funnel, response times and
// ghosting read the pipeline as if the move never happened. Webhook receivers, who were told of the
// move, get an application.moved back with `change.undo`.

/** How long the toast offers the undo. */
export const UNDO_SECONDS = 10
/** The server also accepts an undo sent just before the toast closed, however slow the network. */
const UNDO_GRACE_MS = 5_000

export const undoExpired = 'It is too late to undo that move; move the application back by hand.'

/** A move to an earlier stage, which the pages ask about before making it. */
export function isBackwardMove(current: { stage: Stage; outcome: string }, to: Stage) {
  return current.outcome === 'ACTIVE' && stageIndex(to) < stageIndex(current.stage)
}

/**
 * Removes the stage move `eventId` and restores what it changed. Only the application's latest event,
 * only a move between stages of an application in progress, only by whoever made it and only for
 * UNDO_SECONDS (plus grace). Returns null when the application is not in view; throws
 * PipelineInputError('undo') when the move can no longer be undone.
 */
export async function undoStageMove(p: PipelineContext, applicationId: string, eventId: string, now = new Date()) {
  const application = await findClientApplication(p, applicationId)
  if (!application) return null
  const latest = await p.db.stageEvent.findFirst({
    where: { applicationId: application.id, clientId: p.clientId },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  })
  const undoable =
    latest &&
    latest.id === eventId &&
    latest.fromStage !== null &&
    latest.fromOutcome === 'ACTIVE' &&
    latest.toOutcome === 'ACTIVE' &&
    latest.actorType === p.actor.type &&
    (latest.actorUserId ?? null) === (p.actor.userId ?? null) &&
    application.stage === latest.toStage &&
    application.outcome === 'ACTIVE' &&
    now.getTime() - latest.occurredAt.getTime() <= UNDO_SECONDS * 1000 + UNDO_GRACE_MS
  if (!undoable) throw new InputError('undo', undoExpired)
  const fromStage = latest.fromStage!
  const previous = await p.db.stageEvent.findFirst({
    where: { applicationId: application.id, clientId: p.clientId, id: { not: latest.id } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    select: { occurredAt: true },
  })
  // A saved job moved on got today's date as its applied date; going back to saved takes it away.
  const madeAppliedOn =
    fromStage === 'SAVED' &&
    application.appliedOn !== null &&
    isoDate(application.appliedOn) === todayIn(p.timezone, latest.occurredAt)
  // One transaction; the event goes first, so of two undos racing only the one that removed it restores the row.
  // Receivers heard of the move, so they hear of its undoing: a move back, marked as an undo, in the same commit.
  await withWebhookEvents(p, async (tx, emit) => {
    const removed = await tx.stageEvent.deleteMany({ where: { id: latest.id, applicationId: application.id } })
    if (removed.count !== 1) throw new InputError('undo', undoExpired)
    await tx.jobApplication.updateMany({
      where: { id: application.id, stage: latest.toStage, outcome: 'ACTIVE' },
      data: {
        stage: fromStage,
        lastEventAt: previous?.occurredAt ?? application.createdAt,
        appliedOn: madeAppliedOn ? null : application.appliedOn,
      },
    })
    const restored = await tx.jobApplication.findFirst({ where: { id: application.id, clientId: p.clientId } })
    if (restored)
      await emit(
        'application.moved',
        applicationPayload(restored, {
          from: { stage: latest.toStage, outcome: 'ACTIVE' },
          to: { stage: fromStage, outcome: 'ACTIVE' },
          actorType: p.actor.type,
          undo: true,
        }),
        now,
      )
  })
  requestInsightsRefresh(p.organizationId)
  return { stage: fromStage }
}

/** The move just made by this actor, for the toast's undo button (null when the latest event is not one). */
export async function findLatestMove(p: PipelineContext, applicationId: string) {
  const latest = await p.db.stageEvent.findFirst({
    where: { applicationId, clientId: p.clientId },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  })
  if (!latest || latest.fromStage === null || latest.fromOutcome !== 'ACTIVE' || latest.toOutcome !== 'ACTIVE')
    return null
  if (latest.actorType !== p.actor.type || (latest.actorUserId ?? null) !== (p.actor.userId ?? null)) return null
  return latest
}
