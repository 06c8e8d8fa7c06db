import { z } from 'zod'
import { apiKeyLimit } from '~/auth/api-key.server'
import { apiScopes } from '~/domain/api-keys/scopes'
import { webhookEventLabels, webhookEventTypes, type WebhookEventType } from '~/domain/webhooks/events'
import * as payloads from '~/domain/webhooks/payloads'
import { fieldsOf } from './operation-kit.server'
import { operations } from './operations.server'
import * as S from './schemas'
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

// What each webhook event carries: the Standard Webhooks envelope around the record as the API shows it,
// narrowed to the fields payloads.ts picks (docs/decisions/0038).
const recordOf = (schema: z.ZodObject, fields: readonly string[]) =>
  z.object(Object.fromEntries(fields.map((f) => [f, (schema.shape[f] as z.ZodType | undefined) ?? z.unknown()])))

const webhookData: Record<WebhookEventType, z.ZodType> = (() => {
  const client = z.object({ client: recordOf(S.Client, payloads.clientPayloadFields) })
  const application = recordOf(S.Application, payloads.applicationPayloadFields)
  const task = z.object({ task: recordOf(S.Task, payloads.taskPayloadFields) })
  return {
    'client.created': client,
    'client.placed': client,
    'client.archived': client,
    'application.created': z.object({ application }),
    'application.moved': z.object({
      application,
      change: z
        .object({
          from: z.record(z.string(), z.unknown()),
          to: z.record(z.string(), z.unknown()),
          actorType: z.string(),
          undo: z.literal(true).optional().describe('Present when this move undoes the one just before it'),
        })
        .optional(),
    }),
    'application.rejected': z.object({ application }),
    'task.assigned': task,
    'task.completed': task,
    'checkin.recorded': z.object({ checkIn: recordOf(S.CheckIn, payloads.checkInPayloadFields) }),
    'insight.opened': z.object({ insight: recordOf(S.Insight, payloads.insightPayloadFields) }),
    'import.completed': z.object({
      import: z.object({
        id: z.string(),
        clientId: z.string().nullable(),
        fileName: z.string(),
        format: z.string(),
        rowCount: z.number().int(),
        importedCount: z.number().int().describe('Applications the import wrote'),
        duplicateCount: z.number().int().describe('Rows skipped as applications already there'),
        rejectedCount: z.number().int().describe('Rows refused, listed on the import’s page'),
        finishedAt: z.iso.datetime().nullable(),
      }),
    }),
  }
})()

const webhookHeaders = [
  ['webhook-id', 'The event id (msg_…): the same on every attempt and every endpoint; drop one you already have'],
  ['webhook-timestamp', 'Seconds since 1970 when this attempt was signed'],
  ['webhook-signature', 'v1,<base64 HMAC-SHA256>; two, space-separated, for a day after the secret is rotated'],
].map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }))

function webhooksSection(schemas: Json) {
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          summary: webhookEventLabels[type],
          description: `Sent to each endpoint that asked for \`${type}\`, signed as Standard Webhooks says. Answer 2xx within 10 s; anything else is tried again with backoff for a day.`,
          parameters: webhookHeaders,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(
                  z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data: webhookData[type] }),
                  'output',
                  schemas,
                ),
              },
            },
          },
          responses: { '2XX': { description: 'Received' } },
        },
      },
    ]),
  )
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
      ...(op.fieldFilters && {
        description:
          'Custom fields filter as on the web table: `field.<fieldId>=value` (a text field contains the value, a choice equals it, a number or a day is `from..to`), one parameter per field.',
      }),
      parameters: [...pathParams, ...queryParams],
      responses: {
        [String(op.status ?? 200)]: {
          description: 'Success',
          headers: rateHeaders,
          content: { 'application/json': { schema: jsonSchema(op.response, 'output', schemas) } },
        },
        '400': problemResponse(
          'The input was refused (a field missing, invalid or unknown; a bad cursor): `errors` names each field and what to fix',
        ),
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
      // Fields other than these are refused (./operation-kit.server.ts, unknownFieldsProblem).
      const closed = fieldsOf(bodySchema) ? { unevaluatedProperties: false } : {}
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { ...jsonSchema(bodySchema, 'input', schemas), ...closed } } },
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
    webhooks: webhooksSection(schemas),
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
