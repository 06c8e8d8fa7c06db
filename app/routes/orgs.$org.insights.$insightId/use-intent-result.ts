import { useActionData } from '@remix-run/react'
import type { SubmissionResult } from '@conform-to/react'
import type { action } from './route'

/** What the action answered to this form's intent, to show its errors beside the form. */
export function useIntentResult(intent: string) {
  const actionData = useActionData<typeof action>()
  return actionData?.intent === intent ? (actionData.result as SubmissionResult<string[]>) : undefined
}
