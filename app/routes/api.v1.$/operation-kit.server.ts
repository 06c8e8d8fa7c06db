import type { z } from 'zod'
import type { ApiCaller } from '~/auth/api-key.server'
import type { ApiScope } from '~/domain/api-keys/scopes'
import type { PipelineContext } from '~/domain/applications/applications.server'
import { can, type Permission } from '~/domain/practices/permissions'
import { listActiveClientFields } from '~/domain/client-fields/client-fields.server'
import { fieldSortPattern } from '~/domain/client-fields/client-field-input'
import { fieldViewSql, readFieldView } from '~/domain/client-fields/client-field-values.server'
import { problem } from '~/lib/problem'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import * as S from './schemas'

// The parts every operation of /api/v1 is built from: its shape, the context it runs in, the table's line
// heads, cursor paging and the problems it answers with. The table itself is ./operations.server.ts.

export type Operation = {
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  id: string
  summary: string
  tag: string
  scope: ApiScope
  permission?: Permission
  query?: z.ZodType
  body?: z.ZodType
  /** What the body may hold, for the document, when it differs from what `body` checks. */
  bodyDoc?: z.ZodType
  response: z.ZodType
  /** The list also filters by custom fields as the web table does: `field.<fieldId>=value`. */
  fieldFilters?: true
  status?: number
  run: (ctx: Ctx) => Promise<unknown>
}

export type Ctx = {
  caller: ApiCaller
  t: TenantContext
  params: Record<string, string>
  query: unknown
  body: unknown
  /** The query string as it came, for the custom-field filters. */
  search: URLSearchParams
}

export const notFound = (what: string) => problem(404, `No ${what} with this id in your practice.`)

export function apiPipeline(ctx: Ctx, client: { id: string; timezone: string }): PipelineContext {
  return {
    db: ctx.t.db,
    organizationId: ctx.t.org.id,
    clientId: client.id,
    timezone: client.timezone,
    actor: { type: 'API_KEY', userId: ctx.t.user.id, apiKeyId: ctx.caller.key.id },
  }
}

export const definedOnly = (v: unknown) =>
  Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).filter(([, x]) => x !== undefined))

/** An operation's method and path, name, tag, scope and permission, on one line of the table. */
export function head(
  route: `${Operation['method']} /${string}`,
  id: string,
  tag: string,
  scope: ApiScope,
  permission?: Permission,
) {
  const [method, path] = route.split(' ') as [Operation['method'], string]
  return { method, path, id, tag, scope, ...(permission ? { permission } : {}) }
}

export type CursorPage<R> = { items: R[]; nextCursor: string | null } | null

/** A list that pages by cursor, read by a domain function that answers null to a cursor it never gave out. */
export function pagedBy<Q, R>(
  item: z.ZodType,
  name: string,
  list: (t: TenantContext, q: Q) => Promise<CursorPage<R>>,
  json: (row: R) => unknown,
) {
  return {
    response: S.pageOf(item, name),
    async run(ctx: Ctx) {
      const page = await list(ctx.t, ctx.query as Q)
      if (!page) throw unknownCursor()
      return { data: page.items.map(json), nextCursor: page.nextCursor }
    },
  }
}

export function unknownCursor() {
  return problem(
    400,
    'The cursor is not one of this list’s rows: pass `nextCursor` from the previous page as it came.',
    {
      errors: [{ field: 'cursor', message: 'Unknown cursor' }],
    },
  )
}

export function zodProblem(error: z.ZodError, prefix?: string) {
  const errors = error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }))
  return problem(400, `Check ${errors.map((e) => e.field).join(', ')}: ${errors[0]?.message ?? 'invalid input'}.`, {
    errors,
  })
}

/**
 * The top-level fields a body schema names (an object, both sides of an intersection, the input of a pipe),
 * or null when it names none. A body with any other field is refused, so a misspelt field is never dropped
 * in silence.
 */
export function fieldsOf(schema: z.ZodType): Set<string> | null {
  const def = (
    schema as unknown as { _zod: { def: { type: string; left?: z.ZodType; right?: z.ZodType; in?: z.ZodType } } }
  )._zod.def
  if (def.type === 'object') return new Set(Object.keys((schema as z.ZodObject).shape))
  if (def.type === 'pipe' && def.in) return fieldsOf(def.in)
  if (def.type === 'intersection' && def.left && def.right) {
    const left = fieldsOf(def.left)
    const right = fieldsOf(def.right)
    return left && right ? new Set([...left, ...right]) : null
  }
  return null
}

/**
 * A web table's query read strictly, for the API: the web lets an unreadable value fall back to its default
 * (a bookmarked URL always loads), but a tool asking for `stage=INTERVEIW` must hear so rather than get every
 * row. Each field loses its `.catch`, nothing else.
 */
export function strictQuery<T extends z.ZodObject>(schema: T): T {
  const uncaught = (field: z.ZodType) => {
    const def = (field as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def
    return def.type === 'catch' && def.innerType ? def.innerType : field
  }
  return schema.extend(
    Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, uncaught(field as z.ZodType)])),
  ) as unknown as T
}

/** A 400 problem naming each query parameter an operation does not have, or null when there is none. */
export function unknownParametersProblem(op: Operation, search: URLSearchParams) {
  const known = op.query ? fieldsOf(op.query) : new Set<string>()
  const unknown = known
    ? [...new Set(search.keys())].filter((k) => !known.has(k) && !(op.fieldFilters && fieldSortPattern.test(k)))
    : []
  if (unknown.length === 0) return null
  const names = unknown.slice(0, 20).map((n) => n.slice(0, 100))
  return problem(
    400,
    `${op.method} ${op.path} has no ${names.length === 1 ? 'parameter' : 'parameters'} ${names.join(', ')}. The parameters are listed at /api/v1/openapi.json.`,
    { errors: names.map((field) => ({ field, message: 'Unknown parameter' })) },
  )
}

/** A 400 problem naming each field of the body the operation does not have, or null when there is none. */
export function unknownFieldsProblem(op: Operation, body: Record<string, unknown>) {
  const known = fieldsOf(op.bodyDoc ?? op.body!)
  const unknown = known ? Object.keys(body).filter((k) => !known.has(k)) : []
  if (unknown.length === 0) return null
  const names = unknown.slice(0, 20)
  return problem(
    400,
    `${names.length === 1 ? 'This field is' : 'These fields are'} not part of ${op.method} ${op.path}: ${names.join(', ')}. The fields are listed at /api/v1/openapi.json.`,
    { errors: names.map((field) => ({ field, message: 'Unknown field' })) },
  )
}

export function isAllowed(t: TenantContext, op: Operation) {
  return !op.permission || can(t.role, op.permission)
}

/**
 * The custom-field filters of a list, read as the web tables read them (`field.<fieldId>=value`: a text
 * field contains it, a choice equals it, a number or day from `a..b`); a field the practice does not have
 * (or has archived) is a 400 naming the parameter.
 */
export async function fieldFilters(ctx: Ctx) {
  const asked = new URLSearchParams(
    [...ctx.search].filter(([name, value]) => fieldSortPattern.test(name) && value.trim()),
  )
  if (asked.size === 0) return []
  const active = new Set((await listActiveClientFields(ctx.t)).map((f) => f.id))
  const missing = [...new Set(asked.keys())].filter((name) => !active.has(name.slice('field.'.length)))
  if (missing.length > 0)
    throw problem(400, `No custom field of your practice has the id in ${missing.join(', ')}.`, {
      errors: missing.map((field) => ({ field, message: 'Unknown custom field' })),
    })
  const view = await readFieldView(ctx.t, asked)
  // The web table leaves off a filter whose value it cannot read; a tool hears which.
  const read = new Set(view.filters.map((f) => `field.${f.fieldId}`))
  const unread = [...new Set(asked.keys())].filter((name) => !read.has(name))
  if (unread.length > 0)
    throw problem(400, `Check ${unread.join(', ')}: not a value this field can filter by.`, {
      errors: unread.map((field) => ({ field, message: 'Not a value this field can filter by' })),
    })
  return fieldViewSql(view).conditions
}
