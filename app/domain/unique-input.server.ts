import { InputError } from '~/lib/input-error'
import { isUniqueViolation } from '~/tenancy/sql.server'

/**
 * Runs a write that a unique index guards: a clash (a name or an email the practice already has) is the
 * person's error on the form's `field`, with `message`. Anything else is thrown as it is.
 */
export async function unlessTaken<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) throw new InputError(field, message)
    throw error
  }
}
