import { z } from 'zod'
import { apiKeyLimit } from '~/auth/api-key.server'
import { apiScopes } from '~/domain/api-keys/scopes'
import { operations } from './operations.server'
import { Problem } from './schemas'

// The OpenAPI 3.1 document, generated from the zod schemas the router validates with
// (z.toJSONSchema): the input side of request schemas, the output side of responses.

type Json = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Json) {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json
  const defs = (out.$defs ?? {}) as Record<string, Json>
  delete out.$defs
  delete out.$schema
  const relink = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(relink)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v),
        ]),
      )
    }
    return value
  }
  for (const [name, def] of Object.entries(defs)) components[name] = relink(def)
  return relink(out) as Json
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

const rateHeaders = {
  'RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the bucket is full again', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: 'The limit and its window, e.g. 120;w=60', schema: { type: 'string' } },
}

let cached: Json | undefined

export function openApiDocument(): Json {
  if (cached) return cached
  const schemas: Json = {}
  jsonSchema(Problem, 'output', schemas)
  const paths: Record<string, Json> = {}
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: 64 },
    }))
    const queryParams = op.query
      ? Object.entries((jsonSchema(op.query, 'input', schemas).properties ?? {}) as Record<string, Json>).map(
          ([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
            schema,
          }),
        )
      : []
    const bodySchema = op.bodyDoc ?? op.body
    const operation: Json = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      security: [{ apiKey: [op.scope] }],
      'x-scope': op.scope,
      parameters: [...pathParams, ...queryParams],
      responses: {
        [String(op.status ?? 200)]: {
          description: 'Success',
          headers: rateHeaders,
          content: { 'application/json': { schema: jsonSchema(op.response, 'output', schemas) } },
        },
        '400': problemResponse('The input was refused: `errors` names each field and what to fix'),
        '401': problemResponse('No key, an unknown key, or a revoked or expired one'),
        '403': problemResponse('The key lacks the scope, or its role may not do this'),
        '404': problemResponse('No such record in your practice'),
        '429': {
          ...problemResponse('Too many requests for this key: wait Retry-After seconds'),
          headers: { 'Retry-After': { schema: { type: 'integer' } }, ...rateHeaders },
        },
      },
    }
    if (bodySchema) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(bodySchema, 'input', schemas) } },
      }
      ;(operation.responses as Json)['409'] = problemResponse('Conflicts with a record already there')
      ;(operation.responses as Json)['413'] = problemResponse('The body is larger than 128 KB')
      ;(operation.responses as Json)['415'] = problemResponse('The body is not JSON')
    }
    const path = (paths[op.path] ??= {})
    path[op.method.toLowerCase()] = operation
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Rebound API',
      version: '1.0.0',
      description: `The practice's clients, applications, tasks, check-ins and insights. Authenticate with an API key made in the practice settings: \`Authorization: Bearer rb_live_…\`. Each key may make ${apiKeyLimit.capacity} requests a minute. Failures are RFC 9457 problem details.`,
    },
    servers: [{ url: '/api/v1' }],
    tags: ['Clients', 'Applications', 'Tasks', 'Check-ins', 'Insights'].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `An API key; its scopes are ${apiScopes.join(', ')} (write includes read).`,
        },
      },
    },
  }
  return cached
}
