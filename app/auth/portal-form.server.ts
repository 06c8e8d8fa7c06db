import type { $ZodType, output } from 'zod/v4/core'
import { saveForm } from '~/lib/form-action.server'
import { readForm } from '~/lib/request-input'
import { redirectWithToast } from '~/lib/toast.server'
import { requireClient, type PortalContext } from './client-session.server'

/**
 * The action of a portal form that records something of the client's (a check-in, the job they accepted): the
 * client's session, the form parsed with its schema (a refusal answers as saveForm's does), `record` called with
 * the value, then back to the portal's home with `toast`.
 */
export async function recordFromPortal<Schema extends $ZodType>(
  request: Request,
  schema: Schema,
  record: (c: PortalContext, value: output<Schema>) => Promise<unknown>,
  toast: Parameters<typeof redirectWithToast>[1],
) {
  const c = await requireClient(request)
  return saveForm(await readForm(request), schema, async (value) => {
    await record(c, value)
    return redirectWithToast('/me', toast)
  })
}
