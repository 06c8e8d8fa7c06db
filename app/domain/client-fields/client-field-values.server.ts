import type { Prisma } from '~/generated/prisma/client'
import { InputError } from '~/lib/input-error'
import { notFound } from '~/lib/responses.server'
import type { TenantContext, TenantDb } from '~/tenancy/scoped-client.server'
import { joinSql, rawSql, sql, type Sql } from '~/tenancy/sql.server'
import { recordTenantEvent } from '../practices/audit.server'
import {
  fieldIdOfSort,
  fieldParam,
  fieldParamsOf,
  formatFieldValue,
  readFieldFilter,
  readFieldValue,
  type ClientFieldDef,
  type ClientFieldValue,
  type ClientFieldValues,
  type FieldFilter,
  type RawFieldValue,
  valuesOf,
} from './client-field-input'
import { findClientField, listActiveClientFields } from './client-fields.server'

// Custom field values: stored in Client.customFields under the field's id, written through the door
// (so a coach limited to their own clients sets their own clients' values only), filtered and sorted in
// SQL on the GIN index "Client_customFields_idx" (docs/decisions/0039).

/**
 * The changes a client form asks for, checked against the practice's active fields: field id to the
 * value, or null to clear it. A field of another practice (or none) is a 404; a bad value an InputError
 * on that field's input, named field.<id>.
 */
export function readFieldChanges(fields: ClientFieldDef[], raw: Record<string, RawFieldValue>) {
  const changes: Record<string, ClientFieldValue | null> = {}
  for (const [id, value] of Object.entries(raw)) {
    const field = fields.find((f) => f.id === id)
    if (!field) throw notFound()
    const read = readFieldValue(field, value)
    if ('error' in read) throw new InputError(fieldParam(id), read.error)
    changes[id] = read.value
  }
  return changes
}

/**
 * What the client form asks to change, or null when it sent no custom fields (left as they are). With
 * the form's marker, an active field the form left out (every input blank) is cleared.
 */
export async function fieldChangesOfForm(
  t: TenantContext,
  input: { field?: Record<string, RawFieldValue>; customFieldsSent?: '1' },
) {
  if (!input.field && !input.customFieldsSent) return null
  const fields = await listActiveClientFields(t)
  const raw: Record<string, RawFieldValue> = {}
  if (input.customFieldsSent) for (const f of fields) raw[f.id] = undefined
  Object.assign(raw, input.field ?? {})
  return { fields, changes: readFieldChanges(fields, raw) }
}

const sameValue = (a: ClientFieldValue | undefined, b: ClientFieldValue | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

type ValuesWriter = Pick<TenantContext, 'org' | 'user'> & { db: Pick<TenantDb, 'client' | 'auditEvent'> }

/**
 * Applies the changes to one client inside the caller's transaction and writes what changed to the
 * audit log (field names and values, as the client form shows them). Returns whether anything changed.
 */
export async function applyFieldChanges(
  t: ValuesWriter,
  client: { id: string; name: string; customFields: Prisma.JsonValue },
  fields: ClientFieldDef[],
  changes: Record<string, ClientFieldValue | null>,
) {
  const before = valuesOf(client.customFields)
  const after: ClientFieldValues = { ...before }
  const changed: Record<string, [string, string]> = {}
  for (const [id, value] of Object.entries(changes)) {
    if (sameValue(before[id], value ?? undefined)) continue
    if (value === null) delete after[id]
    else after[id] = value
    const name = fields.find((f) => f.id === id)?.name ?? id
    changed[name] = [formatFieldValue(before[id]), formatFieldValue(value)]
  }
  if (!Object.keys(changed).length) return false
  await t.db.client.update({ where: { id: client.id }, data: { customFields: after } })
  await recordTenantEvent(
    t,
    'client.fields_changed',
    { type: 'Client', id: client.id },
    { name: client.name, changes: changed },
  )
  return true
}

/**
 * Sets one field to one value (or clears it, for an empty value) on several clients: the roster's bulk
 * action. Clients the door does not show are not touched. A field that is not the practice's is a 404.
 */
export async function setFieldForClients(t: TenantContext, fieldId: string, raw: RawFieldValue, clientIds: string[]) {
  const found = await findClientField(t, fieldId)
  if (!found || found.retiredAt) throw notFound()
  const field: ClientFieldDef = { id: found.id, name: found.name, kind: found.kind, choices: found.choices }
  const read = readFieldValue(field, raw)
  if ('error' in read) throw new InputError('value', read.error)
  const clients = await t.db.client.findMany({
    where: { id: { in: [...new Set(clientIds)] } },
    select: { id: true, name: true, customFields: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  const changed = new Set<string>()
  await t.db.$transaction(async (tx) => {
    for (const client of clients)
      if (await applyFieldChanges({ ...t, db: tx }, client, [field], { [field.id]: read.value })) changed.add(client.id)
  })
  return { field, value: read.value, clients, changed }
}

// ---------------------------------------------------------------------------------------------
// Filters and sorts in SQL. `alias` is the query's Client row (a table alias, never user input).

const column = (alias: string) => rawSql(`"${alias}"."customFields"`)
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`)

/** One filter as a condition. Equality and choices are containment (@>), which the GIN index serves. */
export function fieldCondition(filter: FieldFilter, alias = 'c'): Sql {
  if (!/^[a-z_]+$/i.test(alias)) throw new Error(`Not a table alias: ${alias}`)
  const cf = column(alias)
  const id = filter.fieldId
  switch (filter.kind) {
    case 'equals':
      return sql`${cf} @> ${JSON.stringify({ [id]: filter.value })}::jsonb`
    case 'holds':
      return sql`${cf} @> ${JSON.stringify({ [id]: [filter.choice] })}::jsonb`
    case 'contains':
      return sql`${cf} ? ${id} AND ${cf}->>${id} ILIKE ${`%${likeEscape(filter.text)}%`}`
    case 'range': {
      const value = filter.numeric
        ? sql`(CASE WHEN jsonb_typeof(${cf}->${id}) = 'number' THEN (${cf}->>${id})::numeric END)`
        : sql`(${cf}->>${id})`
      const cast = rawSql(filter.numeric ? 'numeric' : 'text')
      const parts = [sql`${cf} ? ${id}`]
      if (filter.from !== null) parts.push(sql`${value} >= ${String(filter.from)}::${cast}`)
      if (filter.to !== null) parts.push(sql`${value} <= ${String(filter.to)}::${cast}`)
      return sql`(${joinSql(parts, ' AND ')})`
    }
  }
}

/**
 * What a field sorts by: numbers as numbers, dates as days (YYYY-MM-DD compared byte by byte), text
 * without case, a choice in the order the choices are offered, and a multiple choice by the choices held
 * in that order, as a word in a dictionary: "Data" before "Data, Design" before "Design". No value is NULL.
 */
export function fieldSortExpression(field: ClientFieldDef, alias = 'c'): Sql {
  if (!/^[a-z_]+$/i.test(alias)) throw new Error(`Not a table alias: ${alias}`)
  const cf = column(alias)
  switch (field.kind) {
    case 'NUMBER':
      return sql`(CASE WHEN jsonb_typeof(${cf}->${field.id}) = 'number' THEN (${cf}->>${field.id})::numeric END)`
    case 'DATE':
      return sql`(${cf}->>${field.id}) COLLATE "C"`
    case 'TEXT':
      return sql`lower(${cf}->>${field.id})`
    case 'CHOICE':
      return sql`array_position(${field.choices}::text[], ${cf}->>${field.id})`
    case 'MULTI_CHOICE':
      // Each choice held as its two-digit place in the offered order (at most 50 choices), joined:
      // "01.03" for the first and third. Compared byte by byte, that is the dictionary order above.
      return sql`(CASE WHEN jsonb_typeof(${cf}->${field.id}) = 'array' THEN (
        SELECT string_agg(lpad(p::text, 2, '0'), '.' ORDER BY p)
        FROM (SELECT array_position(${field.choices}::text[], e) AS p
              FROM jsonb_array_elements_text(${cf}->${field.id}) e) held
        WHERE p IS NOT NULL) END) COLLATE "C"`
  }
}

export type FieldView = {
  /** The practice's active fields, in order. */
  fields: ClientFieldDef[]
  /** The URL's field.<id> values as typed (to show them in the filters). */
  params: Record<string, string>
  filters: FieldFilter[]
  /** The field the page is sorted by (sort=field.<id>), if any. */
  sortField: ClientFieldDef | null
}

/**
 * The URL's custom-field filters and sort, read against the practice's active fields. A field id that
 * is not one of them (another practice's, a retired one) is a 404; a value a field cannot hold leaves
 * that filter off, as other unreadable parameters do.
 */
export async function readFieldView(t: TenantContext, search: URLSearchParams): Promise<FieldView> {
  return fieldViewOf(await listActiveClientFields(t), search)
}

/** readFieldView with the practice's active fields already read (a page that reads them with its other lists). */
export function fieldViewOf(fields: ClientFieldDef[], search: URLSearchParams): FieldView {
  const params = fieldParamsOf(search)
  const filters: FieldFilter[] = []
  for (const [id, value] of Object.entries(params)) {
    const field = fields.find((f) => f.id === id)
    if (!field) throw notFound()
    const filter = readFieldFilter(field, value)
    if (filter) filters.push(filter)
  }
  const sortId = fieldIdOfSort(search.get('sort') ?? undefined)
  const sortField = sortId ? (fields.find((f) => f.id === sortId) ?? null) : null
  if (sortId && !sortField) throw notFound()
  return { fields, params, filters, sortField }
}

/**
 * The view's conditions and sort on the client row `c`: listRoster reads the sort expression, and
 * listApplications the field itself (its keyset cursors depend on the field's kind).
 */
export function fieldViewSql(view: FieldView) {
  return {
    conditions: view.filters.map((f) => fieldCondition(f)),
    sort: view.sortField ? fieldSortExpression(view.sortField) : null,
    sortField: view.sortField,
  }
}
