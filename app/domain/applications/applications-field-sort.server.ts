import type { ClientFieldKind } from '~/generated/prisma/enums'
import { cleanText } from '~/lib/request-input'
import { emptySql, joinSql, rawSql, sql, type Sql } from '~/tenancy/sql.server'
import type { ClientFieldDef } from '../client-fields/client-field-display'
import { fieldParam } from '../client-fields/client-field-display'
import { fieldSortExpression } from '../client-fields/client-field-values.server'

// The applications table sorted by a client's custom field (sort=field.<id>, docs/decisions/0043): the
// practice's clients in the field's order, then each client's applications by id, until the page is full,
// as sort=client walks them by name. The order: no value last in either direction; the field's value
// ascending or descending; ties by the client's name and id, then the application's id, ascending in
// either direction (as the roster breaks its ties). Total, so keyset pages never skip or repeat a row.

/** The position of a row: the field's sort value as text (null: no value), the client's name and id. */
export type FieldCursor = { value: string | null; name: string; clientId: string; id: string }

// How the sort value (selected as text for the cursor) is read back as a parameter.
const valueCast: Record<ClientFieldKind, string> = {
  NUMBER: 'numeric',
  DATE: 'text COLLATE "C"',
  TEXT: 'text',
  CHOICE: 'int',
  MULTI_CHOICE: 'text COLLATE "C"',
}
const valuePattern: Record<ClientFieldKind, RegExp> = {
  NUMBER: /^-?\d{1,16}(\.\d{1,16})?$/,
  DATE: /^[\s\S]{1,200}$/,
  TEXT: /^[\s\S]{1,400}$/,
  CHOICE: /^\d{1,3}$/,
  MULTI_CHOICE: /^\d{2}(\.\d{2}){0,49}$/,
}

export function encodeFieldCursor(field: ClientFieldDef, row: FieldCursor) {
  return Buffer.from(JSON.stringify([fieldParam(field.id), row.value, row.name, row.clientId, row.id])).toString(
    'base64url',
  )
}

/** The cursor, or null when it is unreadable or made for another sort (the page then starts over). */
export function decodeFieldCursor(field: ClientFieldDef, value: string | undefined): FieldCursor | null {
  if (!value) return null
  try {
    const parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown
    if (!Array.isArray(parts) || parts.length !== 5 || parts[0] !== fieldParam(field.id)) return null
    const [, v, name, clientId, id] = parts as unknown[]
    if (v !== null && (typeof v !== 'string' || !valuePattern[field.kind].test(v))) return null
    if (typeof name !== 'string' || typeof clientId !== 'string' || typeof id !== 'string') return null
    if (!clientId || !id || clientId.length > 64 || id.length > 64 || name.length > 400) return null
    // Values go to PostgreSQL as typed parameters: only text it can hold.
    if (![v, name, clientId, id].every((s) => s === null || cleanText(s as string) === s)) return null
    return { value: v as string | null, name, clientId, id }
  } catch {
    return null
  }
}

/** The field's value as text for the cursor, selected beside the client row. */
export const fieldSortValue = (field: ClientFieldDef) => sql`(${fieldSortExpression(field)})::text`

/**
 * The ordering pieces of one walk. `valueUp`: the field's values ascending (forward in an ascending view,
 * backward in a descending one). `forward`: walking in the view's order, where clients without a value
 * come last and ties go by the client's name and id, then the application's id, ascending; walking
 * backward reverses all three.
 */
export function fieldWalk(field: ClientFieldDef, cursor: FieldCursor | null, valueUp: boolean, forward: boolean) {
  const e = fieldSortExpression(field)
  const vdir = rawSql(valueUp ? 'ASC' : 'DESC')
  const vop = rawSql(valueUp ? '>' : '<')
  const tdir = rawSql(forward ? 'ASC' : 'DESC')
  const top = rawSql(forward ? '>' : '<')
  const nulls = rawSql(forward ? 'ASC' : 'DESC')
  const clientOrder = joinSql(
    [sql`(${e}) IS NULL ${nulls}`, sql`${e} ${vdir}`, sql`c.name ${tdir}`, sql`c.id ${tdir}`],
    ', ',
  )
  const outerOrder = joinSql(
    [
      sql`c."sortValue" IS NULL ${nulls}`,
      sql`c."sortKey" ${vdir}`,
      sql`c.name ${tdir}`,
      sql`c.id ${tdir}`,
      sql`ja.id ${tdir}`,
    ],
    ', ',
  )
  const appOrder = sql`ja.id ${tdir}`
  if (!cursor) return { sortKey: e, clientOrder, outerOrder, appOrder, clientAfter: emptySql, appAfter: emptySql }
  const tie = sql`(c.name, c.id) ${top}= (${cursor.name}::text, ${cursor.clientId}::text)`
  let clientAfter: Sql
  if (cursor.value === null) {
    const inNulls = sql`(${e}) IS NULL AND ${tie}`
    clientAfter = forward ? sql`(${inNulls})` : sql`((${inNulls}) OR (${e}) IS NOT NULL)`
  } else {
    const v = sql`${cursor.value}::${rawSql(valueCast[field.kind])}`
    const beyond = sql`(${e}) IS NOT NULL AND ((${e}) ${vop} ${v} OR ((${e}) = ${v} AND ${tie}))`
    clientAfter = forward ? sql`((${beyond}) OR (${e}) IS NULL)` : sql`(${beyond})`
  }
  const appAfter = sql`(c.id <> ${cursor.clientId} OR ja.id ${top} ${cursor.id})`
  return { sortKey: e, clientOrder, outerOrder, appOrder, clientAfter, appAfter }
}
