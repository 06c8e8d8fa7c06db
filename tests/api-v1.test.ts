import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createApiKey, revokeApiKey } from '~/domain/api-keys/api-keys.server'
import { apiScopes, type ApiScope } from '~/domain/api-keys/scopes'
import { prisma } from '~/lib/db.server'
import { loader, action } from '~/routes/api.v1.$/route'
import { operations } from '~/routes/api.v1.$/operations.server'
import { openApiDocument } from '~/routes/api.v1.$/openapi.server'
import { webhookEventTypes } from '~/domain/webhooks/events'
import { applicationPayload, clientPayload, importPayload, taskPayload } from '~/domain/webhooks/payloads'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { rosterSorts } from '~/domain/clients/clients.server'
import {
  buildCheckIn,
  buildTask,
  createApplication,
  createClient,
  createMember,
  createPracticeWithOwner,
} from './factories'
import * as applicationsRoute from '~/routes/orgs.$org.applications._index/route'
import * as clientsRoute from '~/routes/orgs.$org.clients._index/route'
import { listTaskBoard } from '~/domain/tasks/tasks.server'
import { call, cookieFor, request as routeRequest } from './route-calls'
import { createPracticeWithEveryRow, type TenantRows } from './tenant-rows'

// The JSON API as another tool calls it: every operation with keys of every scope, another
// practice's ids, revoked and expired keys, hostile input; every answer checked against the
// OpenAPI document the API serves.

const origin = 'http://localhost:3000'
const testContext = { clientIp: '203.0.113.5', requestId: 'api-test', cspNonce: 'n' }
let a: TenantRows
let b: TenantRows
const keys = new Map<string, string>()
let allKey: string
let allKeyId: string
let otherPracticeKey: string

function ownerContext(rows: TenantRows) {
  return createTenantContext(prisma, {
    user: { id: rows.owner.id, email: rows.owner.email, name: rows.owner.name },
    org: rows.org,
    role: 'OWNER',
  })
}

async function makeKey(rows: TenantRows, scopes: ApiScope[], extra: { expiresOn?: string } = {}) {
  return createApiKey(ownerContext(rows), { name: `test ${scopes.join(' ')}`, scopes, ...extra })
}

beforeAll(async () => {
  a = await createPracticeWithEveryRow(prisma)
  b = await createPracticeWithEveryRow(prisma)
  for (const scope of apiScopes) keys.set(scope, (await makeKey(a, [scope])).secret)
  const all = await makeKey(a, apiScopes)
  allKey = all.secret
  allKeyId = all.key.id
  otherPracticeKey = (await makeKey(b, apiScopes)).secret
})

// The tests share one key with every scope; each starts with that key's full allowance of requests, so
// the file can grow past one minute's allowance (the limit itself is tested with keys of its own).
beforeEach(() => prisma.rateLimitBucket.deleteMany({ where: { key: `api:key:${allKeyId}` } }))

type Answer = { status: number; headers: Headers; body: Record<string, unknown> & { data?: unknown } }

async function api(
  method: string,
  path: string,
  options: {
    key?: string | null
    body?: unknown
    raw?: string
    contentType?: string
    headers?: Record<string, string>
  } = {},
): Promise<Answer> {
  const headers = new Headers(options.headers)
  const key = options.key === undefined ? allKey : options.key
  if (key) headers.set('Authorization', `Bearer ${key}`)
  let body: string | undefined
  if (options.raw !== undefined || options.body !== undefined) {
    body = options.raw ?? JSON.stringify(options.body)
    headers.set('Content-Type', options.contentType ?? 'application/json')
  }
  const url = new URL(`${origin}/api/v1${path}`)
  const request = new Request(url, { method, headers, body })
  const splat = url.pathname.replace(/^\/api\/v1\/?/, '')
  const handler = method === 'GET' || method === 'HEAD' ? loader : action
  const response = await handler({ request, params: { '*': splat }, context: testContext })
  const text = await response.text()
  const type = response.headers.get('Content-Type') ?? ''
  expect(response.status, text).not.toBe(500)
  if (response.status >= 400) expect(type).toBe('application/problem+json')
  const answer = { status: response.status, headers: response.headers, body: JSON.parse(text) }
  // Every answer of every test matches the document: the operation's own, or the problem shape.
  if (!/^\/(openapi\.json|reference)$/.test(path.split('?')[0]!)) {
    const as = method === 'HEAD' ? 'GET' : method
    const op = operationAt(as, url.pathname.replace(/^\/api\/v1/, ''))
    if (op) expectDocumented(op.path, as, answer)
    else expectProblem(answer)
  }
  return answer
}

/** The operation a method and path reach, as the router matches them. */
function operationAt(method: string, pathname: string) {
  const segments = pathname.split('/').filter(Boolean)
  return operations.find((op) => {
    const parts = op.path.split('/').filter(Boolean)
    return (
      op.method === method &&
      parts.length === segments.length &&
      parts.every((part, i) => part.startsWith('{') || part === segments[i])
    )
  })
}

// ---------------------------------------------------------------------------------------------
// The document, and every answer against it

const doc = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>>
}
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas
const toDefs = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'))
const compiled = new Map<string, ReturnType<typeof ajv.compile>>()

/** The document's schema for one response, standing alone: its components become $defs. */
function responseValidator(opPath: string, method: string, status: string, type: string) {
  const id = `${method} ${opPath} ${status} ${type}`
  let validate = compiled.get(id)
  if (!validate) {
    const content = doc.paths[opPath]![method]!.responses[status]!.content[type] as { schema: unknown }
    const own = content.schema as Record<string, unknown>
    validate = ajv.compile({ ...(toDefs(own) as object), $defs: toDefs(components) as object })
    compiled.set(id, validate)
  }
  return validate
}

/** The answer matches the schema the document gives for this operation and status. */
function expectDocumented(opPath: string, method: string, answer: Answer) {
  const status = String(answer.status)
  const documented = doc.paths[opPath]?.[method.toLowerCase()]?.responses[status]
  expect(documented, `${method} ${opPath} documents ${status}`).toBeDefined()
  const type = answer.status >= 400 ? 'application/problem+json' : 'application/json'
  const content = documented!.content[type] as { schema: unknown } | undefined
  expect(content, `${method} ${opPath} ${status} is documented as ${type}`).toBeDefined()
  const validate = responseValidator(opPath, method.toLowerCase(), status, type)
  const ok = validate(answer.body)
  expect(
    ok,
    `${method} ${opPath} ${status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(answer.body).slice(0, 500)}`,
  ).toBe(true)
}

/** An answer outside any operation (an unknown path, a wrong method): the document's Problem. */
function expectProblem(answer: Answer) {
  expect(answer.status).toBeGreaterThanOrEqual(400)
  const validate = (compiled.get('Problem') ??
    compiled
      .set('Problem', ajv.compile({ $ref: '#/$defs/Problem', $defs: toDefs(components) as object }))
      .get('Problem'))!
  expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true)
}

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document by a maintained validator', async () => {
    const result = await new Validator().validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0')
  })

  test('describes every webhook event, and what an event carries matches its description', async () => {
    const webhooks = (
      doc as unknown as {
        webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>
      }
    ).webhooks
    expect(Object.keys(webhooks).sort()).toEqual([...webhookEventTypes].sort())
    const carried = {
      'client.created': clientPayload(a.client),
      'application.moved': applicationPayload(a.application, {
        from: { stage: 'SCREEN' },
        to: { stage: 'APPLIED' },
        actorType: 'COACH',
        undo: true,
      }),
      'task.assigned': taskPayload(a.rows.Task),
      'import.completed': importPayload(
        await prisma.importBatch.update({
          where: { id: a.rows.ImportBatch.id },
          data: { status: 'COMMITTED', importedCount: 3, rejectedRows: [{ row: 4 }], finishedAt: new Date() },
        }),
      ),
    }
    for (const [type, data] of Object.entries(carried)) {
      const own = webhooks[type]!.post.requestBody.content['application/json']!.schema
      const validate = ajv.compile({ ...(toDefs(own) as object), $defs: toDefs(components) as object })
      // As a receiver gets it: JSON, dates as ISO strings.
      const body = JSON.parse(JSON.stringify({ type, timestamp: new Date().toISOString(), data }))
      expect(validate(body), `${type}: ${JSON.stringify(validate.errors)}`).toBe(true)
      expect(validate({ ...body, type: 'something.else' })).toBe(false)
    }
  })

  test('is served at /api/v1/openapi.json without a key, and the reference page renders it', async () => {
    const served = await api('GET', '/openapi.json', { key: null })
    expect(served.status).toBe(200)
    expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)))
    const page = await loader({
      request: new Request(`${origin}/api/v1/reference`),
      params: { '*': 'reference' },
      context: testContext,
    })
    const html = await page.text()
    expect(page.headers.get('Content-Type')).toContain('text/html')
    expect(html).toContain('POST /api/v1/applications/{id}/stage')
    expect(html).not.toContain('<script')
  })

  test('lists every operation of the router', () => {
    for (const op of operations) expect(doc.paths[op.path]?.[op.method.toLowerCase()]).toBeDefined()
  })
})

// ---------------------------------------------------------------------------------------------
// Every operation with every scope

const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)

function sampleFor(opId: string, rows: TenantRows): { path: Record<string, string>; body?: unknown } {
  const ids = {
    client: rows.client.id,
    application: rows.application.id,
    task: rows.rows.Task.id,
    insight: rows.rows.Insight.id,
  }
  switch (opId) {
    case 'createClient':
      return {
        path: {},
        body: { name: 'Api Client', email: `api-${Math.random().toString(36).slice(2)}@example.test` },
      }
    case 'updateClient':
      return { path: { id: ids.client }, body: { targetRole: 'Designer' } }
    case 'addNote':
      return { path: { id: ids.client }, body: { body: 'Called today' } }
    case 'createApplication':
      return { path: {}, body: { clientId: ids.client, company: 'Acme', roleTitle: 'Engineer', source: 'REFERRAL' } }
    case 'updateApplication':
      return { path: { id: ids.application }, body: { notes: 'Through a friend' } }
    case 'moveApplication':
      return { path: { id: ids.application }, body: { stage: 'SCREEN' } }
    case 'setApplicationOutcome':
      return { path: { id: ids.application }, body: { outcome: 'ACTIVE' } }
    case 'recordRejection':
      return { path: { id: ids.application }, body: { reason: 'SKILLS_GAP', endedBy: 'EMPLOYER' } }
    case 'assignTask':
      return { path: {}, body: { clientIds: [ids.client], type: 'FOLLOW_UP', title: 'Follow up', dueOn: future } }
    case 'updateTask':
      return { path: { id: ids.task }, body: { status: 'DONE' } }
    default:
      return {
        path: {
          id: opId.includes('Insight')
            ? ids.insight
            : opId.includes('Task')
              ? ids.task
              : opId.includes('Client') || opId === 'listNotes'
                ? ids.client
                : ids.application,
        },
      }
  }
}

/** Everything of the other practice an operation could touch, to see that nothing changed. */
async function theirRows() {
  const where = { organizationId: b.org.id }
  return Promise.all([
    prisma.client.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.jobApplication.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.stageEvent.count({ where }),
    prisma.task.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.note.count({ where }),
    prisma.insight.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.auditEvent.count({ where }),
  ])
}

const fill = (path: string, params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, p: string) => params[p]!)

describe.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', (_, op) => {
  test('answers a key with its scope (or write of its resource) and refuses every other scope with 403', async () => {
    for (const scope of apiScopes) {
      const sample = sampleFor(op.id, a)
      const answer = await api(op.method, fill(op.path, sample.path), { key: keys.get(scope)!, body: sample.body })
      const allowed =
        scope === op.scope || (op.scope.endsWith(':read') && scope === op.scope.replace(':read', ':write'))
      if (allowed) expect(answer.status, `${scope}: ${JSON.stringify(answer.body)}`).toBeLessThan(300)
      else expect(answer.status, scope).toBe(403)
      expectDocumented(op.path, op.method, answer)
      if (allowed) expect(answer.headers.get('RateLimit-Remaining')).toMatch(/^\d+$/)
    }
  })

  test('answers 401 with no key, an unknown key, a revoked key and an expired key, writing nothing', async () => {
    const revoked = await makeKey(a, apiScopes)
    await revokeApiKey(ownerContext(a), revoked.key.id)
    const expired = await makeKey(a, apiScopes, { expiresOn: future })
    await prisma.apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const sample = sampleFor(op.id, a)
    for (const key of [null, 'rb_live_nope', 'sk_other', revoked.secret, expired.secret]) {
      const before = await prisma.auditEvent.count({ where: { organizationId: a.org.id } })
      const answer = await api(op.method, fill(op.path, sample.path), { key, body: sample.body })
      expect(answer.status).toBe(401)
      expect(answer.headers.get('WWW-Authenticate')).toContain('Bearer')
      expectDocumented(op.path, op.method, answer)
      expect(await prisma.auditEvent.count({ where: { organizationId: a.org.id } })).toBe(before)
    }
  })

  if (op.path.includes('{id}')) {
    test('answers 404 to another practice’s id and changes nothing of theirs', async () => {
      const theirs = sampleFor(op.id, b)
      const mine = sampleFor(op.id, a)
      const before = await theirRows()
      const answer = await api(op.method, fill(op.path, theirs.path), { body: mine.body })
      expect(answer.status).toBe(404)
      expectDocumented(op.path, op.method, answer)
      expect(await theirRows()).toEqual(before)
      // Nothing of theirs in the answer: only the id that was asked for.
      const text = JSON.stringify(answer.body)
      const task = await prisma.task.findUniqueOrThrow({ where: { id: b.rows.Task.id } })
      for (const secret of [b.client.name, b.client.email, b.application.company, task.title, b.owner.email])
        expect(text).not.toContain(secret)
    })
  }

  if (op.query) {
    test('answers hostile query strings with a page or problem details, never 500', async () => {
      const hostile = [
        'limit=0',
        'limit=-1',
        'limit=-50&days=-30',
        'limit=2.5',
        'limit=abc&cursor=',
        'limit=1e9',
        `cursor=${'x'.repeat(5000)}`,
        'cursor=%00%01',
        'sort=password&dir=sideways&status=MAYBE&stage=NOPE&overdue=maybe&days=7',
        `client=${b.client.id}&coach=${b.owner.id}&cohort=${b.rows.Cohort.id}`,
        'q=%27%3B%20DROP%20TABLE%20%22Client%22%3B--&from=2026-02-30&to=yesterday',
        'sort=name%3B%20DROP%20TABLE%20%22Client%22&dir=asc%27--&client=%27%20OR%20%271%27%3D%271',
        `kind=${'GHOSTED'.repeat(100)}&type=%00&status[]=ACTIVE`,
      ]
      for (const query of hostile) {
        const answer = await api(op.method, `${fill(op.path, sampleFor(op.id, a).path)}?${query}`)
        expect([200, 400], query).toContain(answer.status)
        expectDocumented(op.path, op.method, answer)
        // Another practice's ids filter to nothing of theirs.
        if (query.startsWith('client=') && Array.isArray(answer.body.data)) expect(answer.body.data, query).toEqual([])
      }
    })
  }

  if (op.body) {
    test('answers hostile bodies with problem details, never 500', async () => {
      const sample = sampleFor(op.id, a)
      const path = fill(op.path, sample.path)
      const hostile: { raw?: string; contentType?: string; body?: unknown }[] = [
        { raw: 'not json' },
        { raw: '[1,2]' },
        { raw: 'null' },
        { raw: '{"a":', contentType: 'application/json' },
        { raw: 'name=x', contentType: 'application/x-www-form-urlencoded' },
        {
          body: { name: 'a\u0000b', email: 'x', company: 7, stage: 'NOPE', clientIds: 'x', status: 'MAYBE', body: '' },
        },
        { body: { clientId: b.client.id, clientIds: [b.client.id], company: 'x'.repeat(300), dueOn: '2026-02-30' } },
        {
          raw: '{"__proto__":{"admin":true},"constructor":"x","salaryMin":-1,"salaryMax":1e309,"appliedOn":"0000-01-01"}',
        },
      ]
      for (const h of hostile) {
        const answer = await api(op.method, path, h)
        expect(answer.status, JSON.stringify(h)).toBeGreaterThanOrEqual(200)
        expect([200, 201, 400, 404, 409, 415]).toContain(answer.status)
        expectDocumented(op.path, op.method, answer)
      }
    })

    test('refuses a field it does not have with 400 naming it, and writes nothing', async () => {
      const sample = sampleFor(op.id, a)
      const path = fill(op.path, sample.path)
      const where = { organizationId: a.org.id }
      const counts = () =>
        Promise.all([
          prisma.client.count({ where }),
          prisma.jobApplication.count({ where }),
          prisma.stageEvent.count({ where }),
          prisma.task.count({ where }),
          prisma.note.count({ where }),
          prisma.auditEvent.count({ where }),
        ])
      const before = await counts()
      for (const extra of [{ targetRoll: 'Designer' }, { organizationId: b.org.id }, { id: 'x', createdAt: '2020' }]) {
        const answer = await api(op.method, path, { body: { ...(sample.body as object), ...extra } })
        expect(answer.status, JSON.stringify(extra)).toBe(400)
        expect(answer.body.errors).toEqual(Object.keys(extra).map((field) => ({ field, message: 'Unknown field' })))
      }
      expect(await counts()).toEqual(before)
    })
  }
})

// ---------------------------------------------------------------------------------------------
// Behaviour

describe('the JSON API', () => {
  test('a stage move writes a stage event with the API key as the actor', async () => {
    const created = await api('POST', '/applications', {
      body: { clientId: a.client.id, company: 'Globex', roleTitle: 'Analyst' },
    })
    expect(created.status).toBe(201)
    const id = (created.body.data as { id: string }).id
    const moved = await api('POST', `/applications/${id}/stage`, { body: { stage: 'INTERVIEW' } })
    expect((moved.body.data as { stage: string }).stage).toBe('INTERVIEW')
    const events = await api('GET', `/applications/${id}/events`)
    const latest = (events.body.data as { actorType: string; actorApiKeyId: string; toStage: string }[])[0]!
    expect(latest).toMatchObject({ actorType: 'API_KEY', actorApiKeyId: allKeyId, toStage: 'INTERVIEW' })
    const rejected = await api('POST', `/applications/${id}/rejection`, { body: { reason: 'CULTURE_FIT' } })
    expect(rejected.body.data).toMatchObject({
      outcome: 'REJECTED',
      rejection: { stage: 'INTERVIEW', reason: 'CULTURE_FIT' },
    })
  })

  test('lists page with a cursor through every row, none repeated', async () => {
    for (let i = 0; i < 3; i++)
      await api('POST', '/applications', { body: { clientId: a.client.id, company: `Page ${i}`, roleTitle: 'Dev' } })
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const answer: Answer = await api('GET', `/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...(answer.body.data as { id: string }[]).map((r) => r.id))
      cursor = answer.body.nextCursor as string | null
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(await prisma.task.count({ where: { organizationId: a.org.id } }))
    const first = await api('GET', '/applications?sort=company&dir=asc&q=Page')
    expect((first.body.data as { company: string }[]).map((r) => r.company)).toEqual(['Page 0', 'Page 1', 'Page 2'])
    const bad = await api('GET', '/tasks?cursor=nope')
    expect(bad.status).toBe(400)
    const badClients = await api('GET', '/clients?cursor=not-a-cursor')
    expect(badClients.status).toBe(400)
  })

  test('a coach’s key would see only their clients: the key acts with its maker’s role, never more', async () => {
    const coach = await createMember(prisma, a.org.id, { name: 'Key Coach' }, 'ADMIN')
    const t = createTenantContext(prisma, { user: coach, org: a.org, role: 'ADMIN' })
    const { secret } = await createApiKey(t, { name: 'demoted', scopes: apiScopes })
    await prisma.membership.updateMany({
      where: { userId: coach.id, organizationId: a.org.id },
      data: { role: 'COACH' },
    })
    await prisma.organization.update({ where: { id: a.org.id }, data: { coachesSeeOwnClientsOnly: true } })
    try {
      const list = await api('GET', '/clients?status=ALL', { key: secret })
      expect(list.status).toBe(200)
      expect(list.body.data).toEqual([])
      expect((await api('GET', `/clients/${a.client.id}`, { key: secret })).status).toBe(404)
      await expectOwnClientsOnly(secret, coach.id)
      await prisma.membership.deleteMany({ where: { userId: coach.id, organizationId: a.org.id } })
      expect((await api('GET', '/clients', { key: secret })).status).toBe(401)
    } finally {
      await prisma.organization.update({ where: { id: a.org.id }, data: { coachesSeeOwnClientsOnly: false } })
    }
  })

  /**
   * The practice's "coaches see their own clients" rule through every list and every write, as in the web
   * app: the coach's own client is there, another coach's is not (404, or 400 for an id in a body).
   */
  async function expectOwnClientsOnly(secret: string, coachId: string) {
    const own = await createClient(prisma, a.org.id, { name: 'Own Client', coachId })
    const ownApp = await createApplication(prisma, a.org.id, own.id, { company: 'Own Co' })
    await prisma.task.create({ data: buildTask(a.org.id, own.id) })
    await prisma.checkIn.create({ data: buildCheckIn(a.org.id, own.id) })
    const as = (method: string, path: string, body?: unknown) => api(method, path, { key: secret, body })
    const idsOf = (answer: Answer) =>
      (answer.body.data as { id: string; clientId?: string }[]).map((r) => r.clientId ?? r.id)
    expect(idsOf(await as('GET', '/clients?status=ALL'))).toEqual([own.id])
    for (const list of ['/applications', '/tasks', '/checkins']) {
      const answer = await as('GET', list)
      expect(answer.status, list).toBe(200)
      expect(new Set(idsOf(answer)), list).toEqual(new Set([own.id]))
    }
    const insights = (await as('GET', '/insights')).body.data as { clientId: string | null }[]
    expect(insights.every((i) => i.clientId === null || i.clientId === own.id)).toBe(true)
    expect((await as('GET', `/insights/${a.rows.Insight.id}`)).status).toBe(404)
    expect((await as('GET', '/caseload')).status).toBe(200)
    expect((await as('GET', `/applications/${ownApp.id}`)).status).toBe(200)
    const theirs = () =>
      Promise.all([
        prisma.jobApplication.findUniqueOrThrow({ where: { id: a.application.id } }),
        prisma.client.findUniqueOrThrow({ where: { id: a.client.id } }),
        prisma.task.findUniqueOrThrow({ where: { id: a.rows.Task.id } }),
        prisma.note.count({ where: { clientId: a.client.id } }),
      ])
    const before = await theirs()
    const refused: [string, string, unknown, number][] = [
      ['GET', `/applications/${a.application.id}`, undefined, 404],
      ['GET', `/applications/${a.application.id}/events`, undefined, 404],
      ['POST', `/applications/${a.application.id}/stage`, { stage: 'OFFER' }, 404],
      ['PATCH', `/applications/${a.application.id}`, { notes: 'x' }, 404],
      ['GET', `/tasks/${a.rows.Task.id}`, undefined, 404],
      ['PATCH', `/tasks/${a.rows.Task.id}`, { status: 'SKIPPED' }, 404],
      ['PATCH', `/clients/${a.client.id}`, { status: 'ARCHIVED' }, 404],
      ['GET', `/clients/${a.client.id}/notes`, undefined, 404],
      ['POST', `/clients/${a.client.id}/notes`, { body: 'Not mine' }, 404],
      ['POST', '/applications', { clientId: a.client.id, company: 'Not mine', roleTitle: 'Dev' }, 400],
      ['POST', '/tasks', { clientIds: [a.client.id], type: 'FOLLOW_UP', title: 'Not mine', dueOn: future }, 400],
    ]
    for (const [method, path, body, status] of refused)
      expect((await as(method, path, body)).status, `${method} ${path}`).toBe(status)
    expect(await theirs()).toEqual(before)
    // Their own client they change as on the web.
    const moved = await as('POST', `/applications/${ownApp.id}/stage`, { stage: 'SCREEN' })
    expect(moved.status).toBe(200)
  }

  test('a client carries its cohorts: set on create or update, kept when left out, another practice’s refused', async () => {
    const cohort = a.rows.Cohort.id
    const created = await api('POST', '/clients', {
      body: { name: 'Cohort Person', email: `cohort-${Date.now()}@example.test`, cohortIds: [cohort] },
    })
    expect(created.status).toBe(201)
    expectDocumented('/clients', 'POST', created)
    const id = (created.body.data as { id: string; cohortIds: string[] }).id
    expect(created.body.data).toMatchObject({ cohortIds: [cohort] })
    const renamed = await api('PATCH', `/clients/${id}`, { body: { targetRole: 'Designer' } })
    expect(renamed.body.data).toMatchObject({ targetRole: 'Designer', cohortIds: [cohort] })
    const theirs = await api('PATCH', `/clients/${id}`, { body: { cohortIds: [b.rows.Cohort.id] } })
    expect(theirs.status).toBe(400)
    expect(theirs.body.errors).toEqual([{ field: 'cohortIds', message: 'Choose among your practice’s cohorts' }])
    expectDocumented('/clients/{id}', 'PATCH', theirs)
    const left = await api('PATCH', `/clients/${id}`, { body: { cohortIds: [] } })
    expect(left.body.data).toMatchObject({ cohortIds: [] })
    const read = await api('GET', `/clients/${id}`)
    expect(read.body.data).toMatchObject({ cohortIds: [] })
    expectDocumented('/clients/{id}', 'GET', read)
  })

  test('a client carries its custom fields by field id: set, kept when left out, cleared, another practice’s refused', async () => {
    const field = a.rows.ClientField.id
    const created = await api('POST', '/clients', {
      body: { name: 'Field Person', email: `field-${Date.now()}@example.test`, field: { [field]: 'Spring bootcamp' } },
    })
    expect(created.status).toBe(201)
    expectDocumented('/clients', 'POST', created)
    const id = (created.body.data as { id: string }).id
    expect(created.body.data).toMatchObject({ fields: { [field]: 'Spring bootcamp' } })
    const renamed = await api('PATCH', `/clients/${id}`, { body: { targetRole: 'Analyst' } })
    expect(renamed.body.data).toMatchObject({ targetRole: 'Analyst', fields: { [field]: 'Spring bootcamp' } })
    const theirs = await api('PATCH', `/clients/${id}`, { body: { field: { [b.rows.ClientField.id]: 'x' } } })
    expect(theirs.status).toBeGreaterThanOrEqual(400)
    expect(theirs.status).toBeLessThan(500)
    expectDocumented('/clients/{id}', 'PATCH', theirs)
    const cleared = await api('PATCH', `/clients/${id}`, { body: { field: { [field]: '' } } })
    expect(cleared.status).toBe(200)
    const read = await api('GET', `/clients/${id}`)
    expect(read.body.data).toMatchObject({ fields: {} })
    expectDocumented('/clients/{id}', 'GET', read)
  })

  test('lists filter and sort as the web tables: the same rows in the same order for the same query', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    const ownerT = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
    const { secret } = await createApiKey(ownerT, { name: 'tables', scopes: apiScopes })
    const cookie = await cookieFor(owner.id)
    const coach = await createMember(prisma, org.id, { name: 'Table Coach' })
    const cohort = await prisma.cohort.create({
      data: {
        organizationId: org.id,
        name: 'Spring',
        startsOn: new Date('2026-09-01'),
        endsOn: new Date('2026-12-01'),
      },
    })
    const stagesInTurn = ['APPLIED', 'SCREEN', 'INTERVIEW'] as const
    for (let i = 0; i < 6; i++) {
      const c = await createClient(prisma, org.id, {
        name: `Table ${String.fromCharCode(70 - i)}`,
        coachId: i % 2 ? coach.id : null,
        status: i === 5 ? 'PAUSED' : 'ACTIVE',
      })
      if (i < 3)
        await prisma.clientCohort.create({ data: { organizationId: org.id, cohortId: cohort.id, clientId: c.id } })
      for (let n = 0; n <= i % 3; n++)
        await createApplication(prisma, org.id, c.id, {
          company: `Co ${(i + n) % 4}`,
          stage: stagesInTurn[(i + n) % 3],
          source: n % 2 ? 'REFERRAL' : 'JOB_BOARD',
          appliedOn: new Date(Date.UTC(2026, 9, 1 + i + n)),
        })
      await prisma.task.createMany({
        data: [0, 1].map((n) =>
          buildTask(org.id, c.id, {
            type: n ? 'FOLLOW_UP' : 'NETWORKING',
            status: (['TODO', 'DONE', 'SKIPPED'] as const)[(i + n) % 3],
            dueOn: new Date(Date.UTC(2026, 0, 1 + i)),
          }),
        ),
      })
    }
    const client = (await prisma.client.findFirstOrThrow({ where: { organizationId: org.id, name: 'Table E' } })).id
    // A custom field, filled through the API, that both tables filter by.
    const field = (
      await prisma.clientField.create({ data: { organizationId: org.id, name: 'Programme', kind: 'TEXT' } })
    ).id
    const number = (
      await prisma.clientField.create({ data: { organizationId: org.id, name: 'Score', kind: 'NUMBER' } })
    ).id
    const tableClients = await prisma.client.findMany({ where: { organizationId: org.id }, orderBy: { name: 'asc' } })
    for (const [i, c] of tableClients.entries()) {
      const filled = await api('PATCH', `/clients/${c.id}`, {
        key: secret,
        body: { field: { [field]: i % 2 ? 'Spring bootcamp' : 'Autumn intake', [number]: String(i * 10) } },
      })
      expect(filled.status).toBe(200)
    }
    const web = async (route: typeof clientsRoute | typeof applicationsRoute, path: string, query: string) => {
      const answer = await call(route.loader, routeRequest(cookie, `/orgs/${org.slug}/${path}?${query}`), {
        org: org.slug,
      })
      expect(answer.status, query).toBe(200)
      return answer.data as { roster?: { rows: { id: string }[] }; page?: { rows: { id: string }[] } }
    }
    const apiIds = async (path: string, query: string) => {
      // One page of the API holds every row of these tables.
      const limit = `${query ? '&' : ''}limit=200`
      const answer = await api('GET', `${path}?${query}${limit}`, { key: secret })
      expect(answer.status, `${path}?${query}`).toBe(200)
      return (answer.body.data as { id: string }[]).map((r) => r.id)
    }

    for (const query of [
      '',
      'status=ALL&sort=name&dir=desc',
      'status=PAUSED',
      `coach=${coach.id}`,
      'coach=none&sort=activeApplications&dir=desc',
      `cohort=${cohort.id}&sort=coach`,
      'q=table%20e',
      'status=ALL&sort=openTasks&dir=asc',
      `status=ALL&field.${field}=bootcamp`,
      `status=ALL&field.${number}=10..30&sort=name&dir=desc`,
    ]) {
      const rows = (await web(clientsRoute, 'clients', query)).roster!.rows.map((r) => r.id)
      expect(rows.length, query).toBeGreaterThan(0)
      expect(await apiIds('/clients', query), query).toEqual(rows)
    }
    // Sorted by a count and paged two at a time by cursor, the API walks the web page's order, each client once.
    for (const query of ['status=ALL&sort=rejections30d&dir=asc', 'status=ALL&sort=rejections30d&dir=desc']) {
      const rows = (await web(clientsRoute, 'clients', query)).roster!.rows.map((r) => r.id)
      const walked: string[] = []
      let cursor: string | null = null
      do {
        const answer: Answer = await api('GET', `/clients?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
          key: secret,
        })
        expect(answer.status, query).toBe(200)
        walked.push(...(answer.body.data as { id: string }[]).map((r) => r.id))
        cursor = answer.body.nextCursor as string | null
      } while (cursor)
      expect(walked, query).toEqual(rows)
    }
    for (const query of [
      '',
      'stage=INTERVIEW',
      'sort=company&dir=asc',
      `coach=${coach.id}&sort=appliedOn&dir=asc`,
      `client=${client}&source=REFERRAL`,
      `cohort=${cohort.id}&sort=client`,
      'company=Co%202&from=2026-10-03&to=2026-10-06',
      'q=co%201&sort=stage&dir=desc',
      `field.${field}=autumn&sort=company&dir=asc`,
    ]) {
      const rows = (await web(applicationsRoute, 'applications', query)).page!.rows.map((r) => r.id)
      expect(rows.length, query).toBeGreaterThan(0)
      expect(await apiIds('/applications', query), query).toEqual(rows)
    }
    // A field the practice does not have, or a value the field cannot filter by, is refused.
    for (const query of ['field.nope=1', `field.${number}=abc`]) {
      for (const path of ['/clients', '/applications']) {
        const answer = await api('GET', `${path}?${query}`, { key: secret })
        expect(answer.status, `${path}?${query}`).toBe(400)
        expect((answer.body.errors as { field: string }[])[0]!.field).toBe(query.split('=')[0])
      }
    }
    // The tasks board: one column per status, filtered by client, type and overdue.
    const now = new Date()
    for (const filter of [{}, { clientId: client }, { type: 'NETWORKING' as const }, { overdue: true }]) {
      const board = await listTaskBoard(ownerT, filter, now)
      const query = new URLSearchParams({
        ...(filter.clientId && { client: filter.clientId }),
        ...(filter.type && { type: filter.type }),
        ...(filter.overdue && { overdue: 'true' }),
      }).toString()
      for (const status of ['TODO', 'DONE', 'SKIPPED'] as const) {
        const column = board.columns[status].map((task) => task.id).sort()
        const listed = filter.overdue
          ? await apiIds('/tasks', query)
          : await apiIds('/tasks', `${query}${query ? '&' : ''}status=${status}`)
        if (filter.overdue && status !== 'TODO') expect(column).toEqual([])
        else expect(listed.sort(), `${query} ${status}`).toEqual(column)
      }
    }
  })

  test('a filter or sort the web table would quietly drop, or a parameter the list does not have, is refused with 400', async () => {
    const refused: [string, string][] = [
      ['/applications?stage=INTERVEIW', 'stage'],
      ['/applications?sort=salary', 'sort'],
      ['/applications?from=2026-02-30', 'from'],
      ['/applications?stagee=INTERVIEW', 'stagee'],
      ['/clients?status=MAYBE', 'status'],
      ['/clients?sort=password', 'sort'],
      ['/clients?dir=sideways', 'dir'],
      ['/clients?page=2', 'page'],
      ['/tasks?overdue=yes', 'overdue'],
      ['/tasks?sort=dueOn', 'sort'],
      ['/insights?kind=NOPE', 'kind'],
      ['/caseload?days=7', 'days'],
      [`/clients/${a.client.id}?expand=all`, 'expand'],
    ]
    for (const [path, field] of refused) {
      const answer = await api('GET', path)
      expect(answer.status, path).toBe(400)
      expect(
        (answer.body.errors as { field: string }[]).map((e) => e.field),
        path,
      ).toContain(field)
    }
  })

  test('another practice’s ids in filters list nothing of theirs', async () => {
    const theirs: [string, string][] = [
      ['/clients', `coach=${b.owner.id}&status=ALL`],
      ['/clients', `cohort=${b.rows.Cohort.id}&status=ALL`],
      ['/applications', `client=${b.client.id}`],
      ['/applications', `coach=${b.owner.id}`],
      ['/applications', `cohort=${b.rows.Cohort.id}`],
      ['/tasks', `client=${b.client.id}`],
      ['/checkins', `client=${b.client.id}`],
      ['/insights', `client=${b.client.id}`],
    ]
    for (const [path, query] of theirs) {
      const answer = await api('GET', `${path}?${query}`)
      expect(answer.status, query).toBe(200)
      expect(answer.body.data, `${path}?${query}`).toEqual([])
    }
  })

  test('a session cookie does not authenticate an API call', async () => {
    const cookie = await cookieFor(a.owner.id)
    const answer = await api('GET', '/clients', { key: null, headers: { Cookie: cookie } })
    expect(answer.status).toBe(401)
  })

  test('unknown paths answer 404, wrong methods 405 with Allow, all as problem details', async () => {
    const missing = await api('GET', '/nothing/here')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' })
    const wrong = await api('DELETE', '/clients')
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('Allow')).toBe('GET, POST')
    const big = await api('POST', '/clients', { raw: JSON.stringify({ name: 'x'.repeat(200_000) }) })
    expect(big.status).toBe(413)
    const head = await api('HEAD', '/clients')
    expect(head.status).toBe(200)
    expect(head.headers.get('RateLimit-Limit')).toBe('120')
    const long = await api('GET', '/clients', { key: `rb_live_${'a'.repeat(300)}` })
    expect(long.status).toBe(401)
  })

  test('every use is counted, and past the limit a key gets 429 with Retry-After and RateLimit headers', async () => {
    const { key, secret } = await makeKey(a, ['clients:read'])
    await api('GET', '/clients', { key: secret })
    await api('GET', '/clients', { key: secret })
    const used = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })
    expect(used.useCount).toBe(2)
    expect(used.lastUsedAt).not.toBeNull()
    await prisma.rateLimitBucket.update({
      where: { key: `api:key:${key.id}` },
      data: { tokens: 0, updatedAt: new Date() },
    })
    const limited = await api('GET', '/clients', { key: secret })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0')
    expectDocumented('/clients', 'GET', limited)
  })

  test('making and revoking a key are in the audit log; only a hash is stored', async () => {
    const { key, secret } = await makeKey(a, ['tasks:read'])
    expect(secret).toMatch(/^rb_live_[\w-]{43}$/)
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })
    expect(JSON.stringify(stored)).not.toContain(secret)
    await revokeApiKey(ownerContext(a), key.id)
    const actions = await prisma.auditEvent.findMany({ where: { organizationId: a.org.id, targetId: key.id } })
    expect(actions.map((e) => e.action).sort()).toEqual(['api_key.created', 'api_key.revoked'])
  })

  test('a key of another practice never reaches this practice’s records', async () => {
    const answer = await api('GET', `/clients/${a.client.id}`, { key: otherPracticeKey })
    expect(answer.status).toBe(404)
    const list = await api('GET', '/applications', { key: otherPracticeKey })
    expect((list.body.data as { clientId: string }[]).every((r) => r.clientId !== a.client.id)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Cursor pages

describe('cursor pages', () => {
  let key: string
  let keyId: string
  let orgId: string
  const day = 86_400_000
  const base = Date.UTC(2026, 2, 2, 9)

  beforeAll(async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    orgId = org.id
    const made = await createApiKey(createTenantContext(prisma, { user: owner, org, role: 'OWNER' }), {
      name: 'pages',
      scopes: apiScopes,
    })
    key = made.secret
    keyId = made.key.id
    const coach = await createMember(prisma, org.id, { name: 'Pat Pager' })
    const clients = []
    // Names, activity and coaches with ties and NULLs, so every order needs its tie-breaks.
    for (let i = 0; i < 7; i++)
      clients.push(
        await createClient(prisma, org.id, {
          name: `Keyset ${i % 3 === 0 ? 'Same' : i}`,
          coachId: i % 2 ? coach.id : null,
          status: i === 6 ? 'PAUSED' : 'ACTIVE',
          lastActivityAt: i % 3 === 1 ? null : new Date(base + (i % 2) * day),
        }),
      )
    for (const [i, c] of clients.entries()) {
      for (let n = 0; n < i % 3; n++) await createApplication(prisma, org.id, c.id, { company: `Co ${n}` })
      await prisma.task.createMany({
        data: [0, 1].map((n) => buildTask(org.id, c.id, { createdAt: new Date(base + ((i + n) % 3) * day) })),
      })
      await prisma.checkIn.createMany({
        data: [0, 1].map((n) => buildCheckIn(org.id, c.id, { weekOf: new Date(base - (n + (i % 2)) * 7 * day) })),
      })
      await prisma.insight.create({
        data: {
          organizationId: org.id,
          clientId: c.id,
          kind: 'GHOSTED',
          fingerprint: `fp-${i}`,
          severity: i % 2,
          computedAt: new Date(base + (i % 3) * day),
          evidence: {},
        },
      })
    }
  })

  async function page(path: string, cursor?: string | null) {
    // These walks make hundreds of calls: the rate limit is not what they test.
    await prisma.rateLimitBucket.deleteMany({ where: { key: `api:key:${keyId}` } })
    const sep = path.includes('?') ? '&' : '?'
    const answer = await api('GET', `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, { key })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expectDocumented(operationAt('GET', path.split('?')[0]!)!.path, 'GET', answer)
    return {
      ids: (answer.body.data as { id: string }[]).map((r) => r.id),
      next: answer.body.nextCursor as string | null,
    }
  }

  async function walk(path: string) {
    const ids: string[] = []
    let next: string | null = null
    do {
      const p = await page(path, next)
      ids.push(...p.ids)
      next = p.next
    } while (next)
    return ids
  }

  const roster = rosterSorts.flatMap((sort) =>
    (['asc', 'desc'] as const).map((dir) => `/clients?status=ALL&sort=${sort}&dir=${dir}`),
  )

  test('two rows at a time, every list and every roster order reaches the rows of one long page, in order', async () => {
    for (const path of [
      ...roster,
      '/applications?sort=company&dir=asc',
      '/applications',
      '/tasks',
      '/checkins',
      '/insights',
    ]) {
      const all = await page(`${path}${path.includes('?') ? '&' : '?'}limit=200`)
      expect(all.next, path).toBeNull()
      expect(all.ids.length, path).toBeGreaterThanOrEqual(6)
      expect(await walk(`${path}${path.includes('?') ? '&' : '?'}limit=2`), path).toEqual(all.ids)
    }
  })

  test('a page continues right after its last row when rows are added before it and that row is removed', async () => {
    const tasks = (await page('/tasks?limit=200')).ids
    const first = await page('/tasks?limit=3')
    await prisma.task.delete({ where: { id: first.ids[2]! } })
    const client = await prisma.client.findFirstOrThrow({ where: { organizationId: orgId } })
    await prisma.task.create({ data: buildTask(orgId, client.id, { createdAt: new Date() }) })
    expect((await page('/tasks?limit=200', first.next)).ids).toEqual(tasks.slice(3))

    const names = '/clients?status=ALL&sort=name&dir=asc'
    const clients = (await page(`${names}&limit=200`)).ids
    const head = await page(`${names}&limit=2`)
    await prisma.client.update({ where: { id: head.ids[1]! }, data: { status: 'ARCHIVED' } })
    await createClient(prisma, orgId, { name: 'Aaron Early' })
    expect((await page(`${names}&limit=200`, head.next)).ids).toEqual(clients.slice(2))
  })

  test('a client’s notes and an application’s stage events page by keyset too; a cursor of another client’s is refused', async () => {
    const [client, other] = await prisma.client.findMany({ where: { organizationId: orgId }, take: 2 })
    for (let i = 0; i < 5; i++) {
      await prisma.rateLimitBucket.deleteMany({ where: { key: `api:key:${keyId}` } })
      expect((await api('POST', `/clients/${client!.id}/notes`, { key, body: { body: `Note ${i}` } })).status).toBe(201)
    }
    const notes = `/clients/${client!.id}/notes`
    const all = await page(`${notes}?limit=200`)
    expect(all.ids).toHaveLength(5)
    expect(await walk(`${notes}?limit=2`)).toEqual(all.ids)
    const firstNotes = await page(`${notes}?limit=2`)
    const foreign = await api('GET', `/clients/${other!.id}/notes?cursor=${encodeURIComponent(firstNotes.next!)}`, {
      key,
    })
    expect(foreign.status).toBe(400)

    const created = await api('POST', '/applications', {
      key,
      body: { clientId: client!.id, company: 'Eventful', roleTitle: 'Dev' },
    })
    const id = (created.body.data as { id: string }).id
    for (const stage of ['SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'])
      expect((await api('POST', `/applications/${id}/stage`, { key, body: { stage } })).status).toBe(200)
    const events = `/applications/${id}/events`
    const allEvents = await page(`${events}?limit=200`)
    expect(allEvents.ids).toHaveLength(5)
    expect(await walk(`${events}?limit=2`)).toEqual(allEvents.ids)
  })

  test('applications page by keyset too, and their cursor is refused under another sort', async () => {
    const client = await createClient(prisma, orgId, { name: 'Many Apps' })
    await prisma.jobApplication.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        organizationId: orgId,
        clientId: client.id,
        company: `Bulk ${i % 4}`,
        roleTitle: 'Dev',
        lastEventAt: new Date(base + (i % 5) * day),
      })),
    })
    const path = `/applications?client=${client.id}&sort=company&dir=asc`
    const ids = await walk(path)
    expect(ids).toHaveLength(55)
    expect(new Set(ids).size).toBe(55)
    const first = await page(path)
    const other = await api('GET', `/applications?client=${client.id}&sort=appliedOn&cursor=${first.next}`, { key })
    expect(other.status).toBe(400)
  })

  test('a cursor edited, cut, made up or made for another list or order is refused with problem details', async () => {
    const tasks = (await page('/tasks?limit=1')).next!
    const names = (await page('/clients?status=ALL&sort=name&limit=1')).next!
    const [body, signature] = tasks.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify(['tasks', new Date(0).toISOString(), 'x'])).toString('base64url')
    const refused: [string, string][] = [
      ['/tasks', `${body}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`],
      ['/tasks', body],
      ['/tasks', `${forged}.${signature}`],
      ['/tasks', 'nope'],
      ['/checkins', tasks],
      ['/insights', tasks],
      ['/clients?sort=coach', names],
      ['/clients?sort=name&dir=desc', names],
      ['/applications', names],
    ]
    for (const [path, cursor] of refused) {
      const sep = path.includes('?') ? '&' : '?'
      const answer = await api('GET', `${path}${sep}cursor=${encodeURIComponent(cursor)}`, { key })
      expect(answer.status, `${path} ${cursor}`).toBe(400)
      expect(answer.body.errors).toEqual([{ field: 'cursor', message: 'Unknown cursor' }])
      expectDocumented(path.split('?')[0]!, 'GET', answer)
    }
  })
})
