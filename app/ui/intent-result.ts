import { useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react'
import { useActionData } from '@remix-run/react'

// A page with several forms posts each with its own `intent`, and its action answers a failure
// with `{ intent, result }`: each form shows the answer only when it is to its own intent.

/** What the action answered to this form's intent, to show its errors beside the form. */
export function useIntentResult(intent: string) {
  const actionData = useActionData<{ intent?: string; result?: SubmissionResult<string[]> | null }>()
  return actionData?.intent === intent ? (actionData.result ?? undefined) : undefined
}

/** A Conform form of one intent, with the id `<prefix>-<intent>`. */
export function useIntentForm<Schema extends Record<string, unknown>>(
  prefix: string,
  intent: string,
  defaultValue: DefaultValue<Schema>,
) {
  const lastResult = useIntentResult(intent)
  return useForm<Schema>({ id: `${prefix}-${intent}`, lastResult, defaultValue })
}
