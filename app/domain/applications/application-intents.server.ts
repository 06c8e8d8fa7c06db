import { z } from 'zod'
import {
  ApplicationInput,
  moveApplicationStage,
  OutcomeInput,
  recordRejection,
  RejectionInput,
  setApplicationOutcome,
  updateApplicationDetails,
  updateRejectionFeedback,
  type PipelineContext,
} from './applications.server'
import { outcomeLabels, rejectionMessage, stageLabels, stages } from './pipeline'
import { findLatestMove, UNDO_SECONDS, undoStageMove } from './stage-undo.server'

// The changes one can make on an application's page, the client's (/me/applications/:id) and the
// coach's alike: one form a change, told apart by `intent`.

const FeedbackInput = RejectionInput.pick({ feedbackText: true, feedbackRequestedOn: true, feedbackReceived: true })

export const ApplicationAction = z.discriminatedUnion('intent', [
  ApplicationInput.safeExtend({ intent: z.literal('details') }),
  z.object({
    intent: z.literal('move'),
    stage: z.enum(stages, { error: 'Choose one of the stages' }),
    confirmBack: z.literal('yes').optional(),
  }),
  z.object({ intent: z.literal('undo'), eventId: z.string().min(1).max(64) }),
  RejectionInput.extend({ intent: z.literal('reject') }),
  z.object({ intent: z.literal('outcome'), outcome: OutcomeInput }),
  FeedbackInput.extend({ intent: z.literal('feedback') }),
])
export type ApplicationAction = z.infer<typeof ApplicationAction>
export type ApplicationIntent = ApplicationAction['intent']

/** Words of encouragement the client reads after a move or after noting feedback; a coach's toast stays plain. */
const encouragement = {
  client: { move: 'Every stage reached is progress.', feedback: 'Whatever they said, it is something to learn from.' },
  coach: { move: undefined, feedback: undefined },
}

/**
 * Runs one change on the application `id` and says what happened, for the toast. `here` is the page the
 * undo of a move posts back to.
 */
export async function performApplicationIntent(
  p: PipelineContext,
  id: string,
  value: ApplicationAction,
  opts: { here: string; reader: 'client' | 'coach' },
) {
  const words = encouragement[opts.reader]
  switch (value.intent) {
    case 'details':
      await updateApplicationDetails(p, id, value)
      return { title: 'Details saved' }
    case 'move': {
      await moveApplicationStage(p, id, value.stage)
      const move = await findLatestMove(p, id)
      return {
        title: `Moved to ${stageLabels[value.stage]}`,
        ...(words.move ? { description: words.move } : {}),
        undo: move
          ? { action: opts.here, fields: { intent: 'undo', eventId: move.id }, seconds: UNDO_SECONDS }
          : undefined,
      }
    }
    case 'undo': {
      const undone = await undoStageMove(p, id, value.eventId)
      return { title: `Back at ${stageLabels[undone!.stage]}`, description: 'The move was undone.' }
    }
    case 'reject': {
      const updated = await recordRejection(p, id, value)
      return { title: 'Rejection recorded', description: rejectionMessage(updated!.rejectionStage ?? updated!.stage) }
    }
    case 'outcome':
      await setApplicationOutcome(p, id, value.outcome)
      return { title: `Marked ${outcomeLabels[value.outcome].toLowerCase()}` }
    case 'feedback':
      await updateRejectionFeedback(p, id, value)
      return { title: 'Feedback saved', ...(words.feedback ? { description: words.feedback } : {}) }
  }
}
