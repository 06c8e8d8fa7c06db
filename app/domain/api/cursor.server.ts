import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from '~/lib/env.server'

// The JSON API's page cursors: the position of the last row of a page in the list's own order (its
// sort key and its id), so the next page starts right after that row however many rows were added or
// removed meanwhile. A cursor is base64url JSON and a signature: one this API did not give out (edited,
// cut, made for another list or another sort) is refused rather than read as some other position.

const signatureChars = 22

function signatureOf(body: string) {
  return createHmac('sha256', getEnv().SESSION_SECRET)
    .update(`api-cursor:${body}`)
    .digest('base64url')
    .slice(0, signatureChars)
}

/** `list` names the list and its order (e.g. "tasks", "clients:name:asc"); `key` is the last row's position. */
export function sealCursor(list: string, key: readonly unknown[]) {
  const body = Buffer.from(JSON.stringify([list, ...key])).toString('base64url')
  return `${body}.${signatureOf(body)}`
}

/** The position a cursor holds, or null when it was not made by sealCursor for this list and order. */
export function openCursor(list: string, cursor: string): unknown[] | null {
  const [body, signature, ...rest] = cursor.split('.')
  if (!body || !signature || rest.length > 0) return null
  const expected = Buffer.from(signatureOf(body))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const parts: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    if (!Array.isArray(parts) || parts[0] !== list) return null
    return parts.slice(1)
  } catch {
    return null
  }
}

/** An instant written by sealCursor (ISO 8601), or null. */
export function instantOf(value: unknown) {
  if (typeof value !== 'string') return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? null : date
}

export const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 64
