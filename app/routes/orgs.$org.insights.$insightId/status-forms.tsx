import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { useIntentResult } from './use-intent-result'

// Dismiss or snooze an open insight, or reopen one that was.

export function StatusForms({ status, today }: { status: string; today: string }) {
  const dismissResult = useIntentResult('dismiss')
  const snoozeResult = useIntentResult('snooze')
  const [dismissForm, dismissFields] = useForm<{ reason: string }>({ id: 'dismiss-insight', lastResult: dismissResult })
  const [snoozeForm, snoozeFields] = useForm<{ until: string; reason: string }>({
    id: 'snooze-insight',
    lastResult: snoozeResult,
  })
  if (status === 'DISMISSED' || status === 'SNOOZED')
    return (
      <Form method="post">
        <SubmitButton intent="reopen" variant="secondary" pendingText="Reopening…">
          Reopen this insight
        </SubmitButton>
      </Form>
    )
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section aria-labelledby="dismiss-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="dismiss-heading" className="text-lg font-semibold">
          Dismiss
        </h2>
        <p className="text-sm text-slate-700">It comes back if its evidence grows.</p>
        <Form method="post" {...getFormProps(dismissForm)} className="mt-2 space-y-2">
          <FormErrors id={dismissForm.errorId} errors={dismissForm.errors} />
          <Field label="Reason (optional)" field={dismissFields.reason} />
          <SubmitButton intent="dismiss" variant="secondary" pendingText="Dismissing…">
            Dismiss
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="snooze-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="snooze-heading" className="text-lg font-semibold">
          Snooze
        </h2>
        <p className="text-sm text-slate-700">Hidden until the date, or sooner if its evidence grows.</p>
        <Form method="post" {...getFormProps(snoozeForm)} className="mt-2 space-y-2">
          <FormErrors id={snoozeForm.errorId} errors={snoozeForm.errors} />
          <Field label="Until" type="date" field={snoozeFields.until} min={today} />
          <Field label="Reason (optional)" field={snoozeFields.reason} />
          <SubmitButton intent="snooze" variant="secondary" pendingText="Snoozing…">
            Snooze
          </SubmitButton>
        </Form>
      </section>
    </div>
  )
}
