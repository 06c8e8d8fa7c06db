import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import { z } from 'zod'
import type { $ZodType } from 'zod/v4/core'
import { readForm } from './request-input'

/** The id of the item a list's form edits. */
export const itemId = z.string().min(1).max(64)

/**
 * A form of a settings list (custom fields, task templates): "add", or the form of the item whose `id` it
 * sends. `formId` names the form the reply is for, so that only that form shows its errors: either the value,
 * or the 400 that gives the form back what was typed (`{ formId, result }`).
 */
export async function parseItemForm<Schema extends $ZodType>(request: Request, schema: Schema) {
  const submission = parseWithZod(await readForm(request), { schema })
  const formId = String(submission.payload.intent === 'add' ? 'add' : (submission.payload.id ?? ''))
  if (submission.status !== 'success')
    return { ok: false as const, refusal: data({ formId, result: submission.reply() }, { status: 400 }) }
  return { ok: true as const, formId, submission, input: submission.value }
}
