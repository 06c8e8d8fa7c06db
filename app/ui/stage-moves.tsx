import { type FormMetadata } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { stageLabels, stages, type Outcome, type Stage } from '~/domain/applications/pipeline'
import { Button, FormErrors, ConformForm } from '~/ui/form'

// Moving an application between stages, on the coach's application page and in the portal. A move
// to an earlier stage is asked about first (the server answers `confirmBack` instead of moving). The
// outcome buttons sit beside them on both pages.

export type ConfirmBack = { from: Stage; to: Stage }

export function StageMoveButtons({
  current,
  closed,
  confirmBack,
  errors,
  errorId,
  cancelTo,
  compact = false,
}: {
  current: Stage
  closed: boolean
  confirmBack?: ConfirmBack | null
  errors?: string[] | null
  errorId?: string
  /** Where "Keep it" goes: the page itself, without the question. */
  cancelTo: string
  compact?: boolean
}) {
  return (
    <div className="mt-3 space-y-3">
      <FormErrors id={errorId} errors={errors} />
      {confirmBack ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">
            Move back from {stageLabels[confirmBack.from]} to {stageLabels[confirmBack.to]}?
          </p>
          <p className="mt-1 text-sm">
            Moving back is recorded in the timeline like any move, and you can undo it for a few seconds.
          </p>
          <Form method="post" className="mt-2 flex flex-wrap gap-2">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="stage" value={confirmBack.to} />
            <input type="hidden" name="confirmBack" value="yes" />
            <Button type="submit" className="min-h-11">
              Move back to {stageLabels[confirmBack.to]}
            </Button>
            <Link
              to={cancelTo}
              preventScrollReset
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100"
            >
              Keep it at {stageLabels[confirmBack.from]}
            </Link>
          </Form>
        </div>
      ) : null}
      <Form method="post" aria-label="Move to a stage">
        <input type="hidden" name="intent" value="move" />
        <div className={`grid grid-cols-2 gap-2 ${compact ? 'sm:grid-cols-3 xl:grid-cols-6' : 'sm:grid-cols-3'}`}>
          {stages.map((stage) => {
            const isCurrent = stage === current && !closed
            return (
              <Button
                key={stage}
                type="submit"
                name="stage"
                value={stage}
                variant={isCurrent ? 'primary' : 'secondary'}
                aria-pressed={isCurrent}
                className={compact ? 'min-h-11' : 'min-h-12 text-base'}
              >
                {stageLabels[stage]}
              </Button>
            )
          })}
        </div>
      </Form>
    </div>
  )
}

const outcomeChoices: { value: Outcome; coach: string; client: string }[] = [
  { value: 'GHOSTED', coach: 'No response', client: 'No response' },
  { value: 'WITHDRAWN', coach: 'Withdrawn', client: 'I withdrew' },
  { value: 'OFFER_ACCEPTED', coach: 'Offer accepted', client: 'Offer accepted' },
  { value: 'OFFER_DECLINED', coach: 'Offer declined', client: 'Offer declined' },
  { value: 'ACTIVE', coach: 'Back in progress', client: 'Back in progress' },
]

/**
 * One button for each outcome the application can move to: the coach's row of buttons, or the client's
 * two columns of larger ones in their own words.
 */
export function OutcomeButtons({
  form,
  current,
  reader,
}: {
  form: FormMetadata<Record<string, unknown>, string[]>
  current: Outcome
  reader: 'coach' | 'client'
}) {
  const client = reader === 'client'
  return (
    <ConformForm form={form} className={client ? 'mt-3' : 'mt-2'}>
      <input type="hidden" name="intent" value="outcome" />
      <div className={client ? 'grid grid-cols-2 gap-2' : 'flex flex-wrap gap-2'}>
        {outcomeChoices
          .filter((choice) => choice.value !== current)
          .map((choice) => (
            <Button
              key={choice.value}
              type="submit"
              name="outcome"
              value={choice.value}
              variant="secondary"
              className={client ? 'min-h-12' : 'min-h-11'}
            >
              {choice[reader]}
            </Button>
          ))}
      </div>
    </ConformForm>
  )
}
