import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { Field, FormErrors, SubmitButton } from '~/ui/form'
import { useIntentResult } from '~/ui/intent-result'
import { Panel } from '~/ui/panel'

// Dismiss or snooze an open insight, or reopen one that was.

export function StatusForms({ status, today }: { status: string; today: string }) {
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
      <StatusForm intent="dismiss" title="Dismiss" pendingText="Dismissing…" today={today}>
        It comes back if its evidence grows.
      </StatusForm>
      <StatusForm intent="snooze" title="Snooze" pendingText="Snoozing…" today={today}>
        Hidden until the date, or sooner if its evidence grows.
      </StatusForm>
    </div>
  )
}

/** One of the two: an optional reason, and for a snooze the day it ends. */
function StatusForm({
  intent,
  title,
  pendingText,
  today,
  children,
}: {
  intent: 'dismiss' | 'snooze'
  title: string
  pendingText: string
  today: string
  /** What it does to the insight. */
  children: string
}) {
  const lastResult = useIntentResult(intent)
  const [form, fields] = useForm<{ until?: string; reason: string }>({ id: `${intent}-insight`, lastResult })
  return (
    <Panel id={`${intent}-heading`} title={title}>
      <p className="text-sm text-slate-700">{children}</p>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        {intent === 'snooze' ? <Field label="Until" type="date" field={fields.until} min={today} /> : null}
        <Field label="Reason (optional)" field={fields.reason} />
        <SubmitButton intent={intent} variant="secondary" pendingText={pendingText}>
          {title}
        </SubmitButton>
      </Form>
    </Panel>
  )
}
