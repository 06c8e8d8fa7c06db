import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { DigestScheduleInput, weekdayNames } from '~/domain/digests/digest-forms'
import { DigestScheduleFields, hourLabel } from '~/ui/digest-schedule-fields'
import { Checkbox, FormErrors, SubmitButton } from '~/ui/form'
import type { action } from './route'
import { Panel } from '~/ui/panel'

// When the practice's digests go out: the weekly schedule, and the first start of digests for a practice.

export function ScheduleForm({
  schedule,
}: {
  schedule: { digestDay: number; digestHour: number; digestSkipInactive: boolean }
}) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'digest-schedule',
    lastResult: navigation.state === 'idle' && actionData && 'result' in actionData ? actionData.result : undefined,
    defaultValue: {
      digestDay: String(schedule.digestDay),
      digestHour: String(schedule.digestHour),
      digestSkipInactive: schedule.digestSkipInactive ? 'on' : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DigestScheduleInput }),
  })
  return (
    <Panel id="schedule-heading" title="Schedule" className="mt-6">
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <FormErrors errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <DigestScheduleFields day={fields.digestDay} hour={fields.digestHour} />
        </div>
        <Checkbox
          field={fields.digestSkipInactive}
          label="Skip the digest for clients with no activity that week (otherwise they get a short nudge)"
        />
        <SubmitButton intent="schedule" pendingText="Saving…">
          Save schedule
        </SubmitButton>
      </Form>
    </Panel>
  )
}

export function StartDigestsForm({
  schedule,
  previewedClientId,
}: {
  schedule: { digestDay: number; digestHour: number; timezone: string }
  previewedClientId: string
}) {
  const actionData = useActionData<typeof action>()
  const errors = actionData && 'startError' in actionData ? [actionData.startError] : undefined
  return (
    <Form method="post" className="mt-4 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <p className="text-slate-900">
        Happy with this? Start the weekly digests: every {weekdayNames[schedule.digestDay - 1]} at{' '}
        {hourLabel(schedule.digestHour)} ({schedule.timezone}), from the next one on.
      </p>
      <FormErrors errors={errors} />
      <input type="hidden" name="digestDay" value={schedule.digestDay} />
      <input type="hidden" name="digestHour" value={schedule.digestHour} />
      <input type="hidden" name="previewedClientId" value={previewedClientId} />
      <SubmitButton intent="start" pendingText="Starting…" className="mt-3">
        Start weekly digests
      </SubmitButton>
    </Form>
  )
}
