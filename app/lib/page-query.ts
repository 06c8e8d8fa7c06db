import { z } from 'zod'

// The URL of a list shown a page at a time with one of its items opened beside it: `?page=2&email=<id>`.

const id = z.string().max(64).optional().catch(undefined)

/** `page` (1 when missing or wrong) and the id of the opened item under `key` (none when wrong). */
export function pageWithOpened<Key extends string>(key: Key) {
  return z.object({
    page: z.coerce.number().int().min(1).default(1).catch(1),
    ...({ [key]: id } as { [K in Key]: typeof id }),
  })
}
