import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { useIntentResult } from '~/ui/intent-result'
import { Panel } from '~/ui/panel'

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
      <Panel id="dismiss-heading" title="Dismiss">
        <p className="text-sm text-slate-700">It comes back if its evidence grows.</p>
        <Form method="post" {...getFormProps(dismissForm)} className="mt-2 space-y-2">
          <FormErrors id={dismissForm.errorId} errors={dismissForm.errors} />
          <Field label="Reason (optional)" field={dismissFields.reason} />
          <SubmitButton intent="dismiss" variant="secondary" pendingText="Dismissing…">
            Dismiss
          </SubmitButton>
        </Form>
      </Panel>
      <Panel id="snooze-heading" title="Snooze">
        <p className="text-sm text-slate-700">Hidden until the date, or sooner if its evidence grows.</p>
        <Form method="post" {...getFormProps(snoozeForm)} className="mt-2 space-y-2">
          <FormErrors id={snoozeForm.errorId} errors={snoozeForm.errors} />
          <Field label="Until" type="date" field={snoozeFields.until} min={today} />
          <Field label="Reason (optional)" field={snoozeFields.reason} />
          <SubmitButton intent="snooze" variant="secondary" pendingText="Snoozing…">
            Snooze
          </SubmitButton>
        </Form>
      </Panel>
    </div>
  )
}
