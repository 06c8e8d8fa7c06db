import type { SubmissionResult } from '@conform-to/react'
import { useActionData } from '@remix-run/react'
import type { z } from 'zod'
import { useZodForm } from './zod-form'

// A page's form answered by the page's own action, which replies to a refused submission with `{ result }`
// (saveForm, inputErrorReply): the form shows that reply's errors and keeps what was typed.

/** What the page's action last answered its form, or undefined before a submission (or after one that had no form). */
export function useActionResult() {
  const actionData = useActionData<{ result?: SubmissionResult<string[]> | null }>()
  return actionData?.result
}

/** The page's form, checked in the browser with its action's schema (useZodForm), showing the action's last answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useActionForm<S extends z.ZodType<unknown, Record<string, any>>>(
  schema: S,
  options: Omit<Parameters<typeof useZodForm<S>>[1], 'lastResult'>,
) {
  return useZodForm(schema, { ...options, lastResult: useActionResult() })
}
