import { z } from 'zod'
import { requireApiKey } from '~/auth/api-key.server'
import { hasScope } from '~/domain/api-keys/scopes'
import { InputError } from '~/lib/input-error'
import { logger } from '~/lib/logger.server'
import { problem } from '~/lib/problem'
import { cleanText, searchParamsOf } from '~/lib/request-input'
import {
  isAllowed,
  operations,
  unknownFieldsProblem,
  unknownParametersProblem,
  zodProblem,
  type Operation,
} from './operations.server'
import { openApiDocument } from './openapi.server'
import { referencePage } from './reference.server'

const maxBodyBytes = 128 * 1024

function match(op: Operation, segments: string[]) {
  const parts = op.path.split('/').filter(Boolean)
  if (parts.length !== segments.length) return null
  const params: Record<string, string> = {}
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!
    if (part.startsWith('{')) params[part.slice(1, -1)] = segment
    else if (part !== segment) return null
  }
  return params
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  })
}

function segmentsOf(splat: string) {
  return splat
    .split('/')
    .filter(Boolean)
    .map((s) => cleanText(s).slice(0, 200))
}

async function readJsonBody(request: Request) {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  const text = await request.text().catch(() => null)
  if (text === null) throw problem(400, 'The request body could not be read.')
  if (!text.trim()) return {}
  if (type !== 'application/json' && !type.endsWith('+json'))
    throw problem(415, `Send the body as JSON with "Content-Type: application/json", not ${type || 'an unnamed type'}.`)
  if (text.length > maxBodyBytes) throw problem(413, 'This request is too large: at most 128 KB is accepted here.')
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw problem(400, 'Send a JSON object as the body.')
    return cleanJson(value) as Record<string, unknown>
  } catch (error) {
    if (error instanceof Response) throw error
    throw problem(400, 'The body is not valid JSON.')
  }
}

/** Every string of a JSON body without NUL or control characters, as forms are read. */
function cleanJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return null
  if (typeof value === 'string') return cleanText(value)
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, depth + 1))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanJson(v, depth + 1)] as const))
  return value
}

/** The one entry of /api/v1/*: match, authenticate, authorize, validate, call, answer. */
export async function handleApiRequest(request: Request, splat: string): Promise<Response> {
  try {
    return await dispatch(request, splat)
  } catch (error) {
    try {
      return await handleApiRequestError(error)
    } catch {
      logger.error({ err: error }, 'api request failed')
      return problem(500, 'Something went wrong on our side. The request may be tried again.')
    }
  }
}

/** A Response thrown by shared code (a guard, a domain check) in the API's problem shape. */
async function asProblem(response: Response) {
  if ((response.headers.get('Content-Type') ?? '').includes('problem+json')) return response
  const text = (await response.text().catch(() => '')).slice(0, 500)
  return problem(response.status >= 400 ? response.status : 400, text || response.statusText || 'Refused.')
}

async function dispatch(request: Request, splat: string) {
  // HEAD is GET without the body (the server leaves the body out).
  const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase()
  const segments = segmentsOf(splat)
  const path = `/${segments.join('/')}`
  if (path === '/openapi.json' || path === '/reference') {
    if (method !== 'GET' && method !== 'HEAD') throw problem(405, `${path} answers GET only.`, {}, { Allow: 'GET' })
    if (path === '/openapi.json') return json(200, openApiDocument(), { 'Cache-Control': 'public, max-age=300' })
    return new Response(referencePage(), { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  }
  const candidates = operations.flatMap((op) => {
    const params = match(op, segments)
    return params ? [{ op, params }] : []
  })
  if (candidates.length === 0)
    throw problem(404, `There is no ${path} in this API. The operations are listed at /api/v1/openapi.json.`)
  const found = candidates.find((c) => c.op.method === method)
  if (!found) {
    const allow = [...new Set(candidates.map((c) => c.op.method))].join(', ')
    throw problem(405, `${path} answers ${allow}, not ${method}.`, {}, { Allow: allow })
  }
  const { op, params } = found
  const caller = await requireApiKey(request)
  const headers = caller.rateHeaders
  if (!hasScope(caller.key.scopes, op.scope))
    return problem(
      403,
      `This key lacks the ${op.scope} scope. Make a key with it in the practice settings.`,
      {},
      headers,
    )
  if (!isAllowed(caller.t, op)) return problem(403, 'The role this key acts with may not do this.', {}, headers)
  for (const value of Object.values(params)) {
    if (value.length > 64) return problem(404, 'No record with this id in your practice.', {}, headers)
  }
  let query: unknown
  const search = searchParamsOf(request)
  const unknownParameters = unknownParametersProblem(op, search)
  if (unknownParameters) return withHeaders(unknownParameters, headers)
  if (op.query) {
    const parsed = op.query.safeParse(Object.fromEntries(search))
    if (!parsed.success) return withHeaders(zodProblem(parsed.error), headers)
    query = parsed.data
  }
  let body: unknown
  if (op.body) {
    const raw = await readJsonBody(request)
    const unknown = unknownFieldsProblem(op, raw)
    if (unknown) return withHeaders(unknown, headers)
    const parsed = op.body.safeParse(raw)
    if (!parsed.success) return withHeaders(zodProblem(parsed.error), headers)
    body = parsed.data
  }
  try {
    const result = await op.run({ caller, t: caller.t, params, query, body, search })
    return json(op.status ?? 200, result, headers)
  } catch (error) {
    const answer = await handleApiRequestError(error)
    return withHeaders(answer, headers)
  }
}

async function handleApiRequestError(error: unknown) {
  if (error instanceof Response) return asProblem(error)
  if (error instanceof z.ZodError) return zodProblem(error)
  if (error instanceof InputError) {
    // A duplicate email is the one refusal that conflicts with a record already there.
    const status = error.field === 'email' && /already/.test(error.message) ? 409 : 400
    return problem(status, error.message, { errors: [{ field: error.field ?? '(body)', message: error.message }] })
  }
  throw error
}

function withHeaders(response: Response, headers: Record<string, string>) {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v)
  return response
}
