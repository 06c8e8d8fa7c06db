import type { ClientFieldKind } from '~/generated/prisma/enums'
import { formatFieldNumber } from '~/lib/numbers'

// What the pages need of the custom fields in the browser: their shapes, reading stored values and
// writing them as text. No zod here, so the roster and the applications table stay light.

/** A field as the pages see it. */
export type ClientFieldDef = { id: string; name: string; kind: ClientFieldKind; choices: string[] }
export type ClientFieldValue = string | number | string[]
export type ClientFieldValues = Record<string, ClientFieldValue>

/** A client's stored values (Client.customFields), keeping only what a field can hold. */
export function valuesOf(stored: unknown): ClientFieldValues {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {}
  const out: ClientFieldValues = {}
  for (const [id, v] of Object.entries(stored)) {
    if (typeof v === 'string' || typeof v === 'number') out[id] = v
    else if (Array.isArray(v) && v.every((c) => typeof c === 'string')) out[id] = v as string[]
  }
  return out
}

/** A value as one line of text (tables, the client page). */
export function formatFieldValue(value: ClientFieldValue | null | undefined) {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'number') return formatFieldNumber(value)
  return value
}

/** The URL and form name of a field's value: field.<id>. */
export const fieldParam = (fieldId: string) => `field.${fieldId}`
