import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { clientCookieHeaderFor, createClientSession } from '~/auth/client-session.server'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { routeAccess } from '~/route-access'
import { TENANT_MODELS, type TenantModel } from '~/tenancy/scoped-client.server'
import { createMember } from './factories'
import { call, type Handler } from './route-calls'
import { fullPath, routeFile } from './route-manifest'
import { createPracticeWithEveryRow, type TenantRows } from './tenant-rows'

// The fuzzed route matrix: every route of app/route-access.ts, every method it takes, as each kind
// of visitor, with hostile values in every path parameter, search parameter, form field and header.
// Nothing may answer 500, every refusal carries a message, and a refused request writes nothing.
// Reproduce a failure with the line it prints: FUZZ_SEED=<seed> FUZZ_ROUTE=<route id> npx vitest run
// tests/route-matrix.test.ts -t <visitor>
// (see docs/decisions/0013-fuzzed-route-matrix.md).

const baseSeed = Number(process.env.FUZZ_SEED ?? 20261201)
const numRuns = Number(process.env.FUZZ_RUNS ?? 3)

// ---------------------------------------------------------------------------------------------
// What the app's own source names: form fields, intents and search parameters, so the fuzzer
// reaches past the first check of each action.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}
const source = sourceFiles(path.resolve('app'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n')
const matches = (pattern: RegExp) => [...new Set([...source.matchAll(pattern)].map((m) => m[1]!))].sort()
const fieldNames = [...new Set([...matches(/name=["']([\w.[\]-]+)["']/g), ...matches(/^\s+(\w+): z\./gm)])]
const literals = matches(/z\.literal\(['"]([\w-]+)['"]\)/g)
const queryKeys = [
  ...new Set([
    ...matches(/searchParams\.get\(['"](\w+)['"]\)/g),
    ...matches(/params\.get\(['"](\w+)['"]\)/g),
    ...['q', 'page', 'after', 'before', 'at', 'sort', 'dir', 'status', 'coach', 'client', 'view', 'days', 'from'],
    ...['to', 'hide', 'token', 'redirectTo', 'bye', 'week', 'stage', 'outcome', 'source', 'actor', 'action', 'index'],
  ]),
]

// ---------------------------------------------------------------------------------------------
// Hostile values

const longText = 'a'.repeat(20_000)
const hostileConstants = [
  '\u0000',
  'a\u0000b',
  '%00',
  '\u0000'.repeat(4),
  '\r\n',
  '\u0007\u001b[31m',
  '\u202e',
  '\ufeff',
  '\u0085\u2028',
  '../../etc/passwd',
  '..%2F..%2F',
  '/\\evil.test',
  '//evil.test',
  'javascript:alert(1)',
  '%',
  '%FF',
  '%C3%28',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '-0',
  '1e309',
  '9'.repeat(40),
  '0000-01-01',
  '2026-00-10',
  '2026-02-30',
  '9999-99-99',
  '-271821-04-19',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  longText,
  '😀'.repeat(300),
  '\ud800',
  'eyJpZCI6IngiLCJ2IjpbXX0',
  'bGFzdEV2ZW50QXQ=|0|x',
]
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileConstants) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }) },
  { weight: 1, arbitrary: fc.oneof(fc.bigInt(), fc.double(), fc.integer()).map(String) },
)
// Header values travel as bytes: no NUL, CR or LF, nothing past Latin-1.
const headerText = fc.oneof(
  fc.constantFrom('', 'null', 'http://evil.test', 'https://evil.test:99999', 'not a url', '\u00ff\u00fe', longText),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
)

type Encoding = 'urlencoded' | 'multipart' | 'text/plain' | 'json' | 'utf16' | 'bytes' | 'bad-multipart' | 'none'

type Case = {
  method: string
  params: Record<string, string>
  query: [string, string][]
  fields: [string, string][]
  file: { name: string; bytes: 'nul' | 'utf16' | 'binary' | 'csv' } | null
  encoding: Encoding
  headers: [string, string][]
  tamperCookie: string | null
}

// ---------------------------------------------------------------------------------------------
// The practices and the visitors

type Visitor = 'stranger' | 'otherClient' | 'limitedCoach' | 'coach' | 'admin' | 'owner' | 'client'
const visitors: Visitor[] = ['stranger', 'otherClient', 'limitedCoach', 'coach', 'admin', 'owner', 'client']

let a: TenantRows
let b: TenantRows
let admin: { id: string }
let limitedCoach: { id: string }

beforeAll(async () => {
  a = await createPracticeWithEveryRow(prisma)
  b = await createPracticeWithEveryRow(prisma)
  // Coaches of practice A see only their own clients: a.coach has a.client, limitedCoach has none.
  await prisma.organization.update({ where: { id: a.org.id }, data: { coachesSeeOwnClientsOnly: true } })
  admin = await createMember(prisma, a.org.id, { name: 'Ada Admin' }, 'ADMIN')
  limitedCoach = await createMember(prisma, a.org.id, { name: 'Lee Limited' })
})

const cookies = new Map<Visitor, { name: string; header: string } | null>()

/** The visitor's cookie; a new session after a route that may have ended the last one. */
async function cookieOf(visitor: Visitor, routeId: string) {
  const fresh = !cookies.has(visitor) || /logout|settings|reset-password|join/.test(routeId)
  if (fresh) cookies.set(visitor, await newCookie(visitor))
  return { cookie: cookies.get(visitor)!, fresh }
}

async function newCookie(visitor: Visitor): Promise<{ name: string; header: string } | null> {
  const coachCookie = async (userId: string) => ({
    name: 'rb_session',
    header: cookieHeaderFor((await createSession(userId)).token),
  })
  const clientCookie = async (client: { id: string; organizationId: string }) => ({
    name: 'rb_client',
    header: clientCookieHeaderFor((await createClientSession(client)).token),
  })
  switch (visitor) {
    case 'stranger':
      return null
    case 'otherClient':
      return clientCookie(b.client)
    case 'limitedCoach':
      return coachCookie(limitedCoach.id)
    case 'coach':
      return coachCookie(a.coach.id)
    case 'admin':
      return coachCookie(admin.id)
    case 'owner':
      return coachCookie(a.owner.id)
    case 'client':
      return clientCookie(a.client)
  }
}

/** Every tenant table of both practices, and the practice rows, as one digest per table. */
async function snapshot() {
  const orgs = [a.org.id, b.org.id]
  const volatile: Partial<Record<TenantModel, string[]>> = { ClientSession: ['lastVerifiedAt'] }
  const parts = TENANT_MODELS.map((model) => {
    const drop = (volatile[model] ?? []).map((c) => ` - '${c}'`).join('')
    // A refused sign-in is itself recorded in the audit log: that row is the one write a refusal makes.
    const refusals = ['user.sign_in_failed', 'user.locked_out', 'user.two_factor_failed', 'user.recovery_code_failed']
    const extra =
      model === 'AuditEvent'
        ? ` AND action NOT IN (${[...refusals, 'user.two_factor_enrol_failed'].map((a) => `'${a}'`).join(', ')})`
        : ''
    return `(SELECT count(*)::int || ':' || coalesce(md5(string_agg((to_jsonb(t)${drop})::text, '|' ORDER BY id)), '') FROM "${model}" t WHERE "organizationId" = ANY($1)${extra}) AS "${model}"`
  })
  const org = `(SELECT md5(string_agg(to_jsonb(o)::text, '|' ORDER BY id)) FROM "Organization" o WHERE id = ANY($1)) AS "Organization"`
  const [row] = await prisma.$queryRawUnsafe<Record<string, string>[]>(`SELECT ${[org, ...parts].join(', ')}`, orgs)
  return row
}

// ---------------------------------------------------------------------------------------------
// Requests

const origin = 'http://localhost:3000'

function fileBytes(kind: NonNullable<Case['file']>['bytes']): Uint8Array {
  switch (kind) {
    case 'nul':
      return new TextEncoder().encode('Company,Title,Applied\u0000\nAcme\u0000,Dev,2026-01-05\n')
    case 'utf16': {
      const text = '\ufeffCompany,Title,Applied\nAcmé,Dev,2026-00-10\n'
      const bytes = new Uint8Array(text.length * 2)
      for (let i = 0; i < text.length; i++) {
        bytes[i * 2] = text.charCodeAt(i) & 0xff
        bytes[i * 2 + 1] = text.charCodeAt(i) >> 8
      }
      return bytes
    }
    case 'binary':
      return Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)
    case 'csv':
      return new TextEncoder().encode('Company,Title,Applied\nAcme,Dev,0000-01-01\n')
  }
}

function bodyOf(c: Case): { body?: BodyInit; contentType?: string } {
  const fields = c.fields
  switch (c.encoding) {
    case 'none':
      return {}
    case 'urlencoded':
      return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' }
    case 'multipart': {
      const form = new FormData()
      for (const [k, v] of fields) form.append(k, v)
      if (c.file) form.append('file', new Blob([fileBytes(c.file.bytes) as Uint8Array<ArrayBuffer>]), c.file.name)
      return { body: form }
    }
    case 'bad-multipart':
      return {
        body: `--x\r\nContent-Disposition: form-data; name="file"; filename="a=b\u0000.csv"\r\n\r\nAcme\u0000\r\n--y--`,
        contentType: 'multipart/form-data; boundary=x',
      }
    case 'text/plain':
      return { body: fields.map(([k, v]) => `${k}=${v}`).join('\r\n'), contentType: 'text/plain' }
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(fields)), contentType: 'application/json' }
    case 'utf16': {
      const text = new URLSearchParams(fields).toString()
      const bytes = new Uint8Array(text.length * 2)
      for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i)
      return { body: bytes, contentType: 'application/x-www-form-urlencoded; charset=utf-16' }
    }
    case 'bytes':
      return {
        body: Uint8Array.from([0xff, 0xfe, 0x00, 0x3d, 0xc3, 0x28, 0x26, 0x3d, 0x25]),
        contentType: 'application/x-www-form-urlencoded',
      }
  }
}

function buildRequest(routePath: string, c: Case, cookie: { name: string; header: string } | null) {
  const pathname = routePath.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(c.params[p]!))
  const url = new URL(`${origin}/${pathname}`)
  for (const [k, v] of c.query) url.searchParams.append(k, v)
  const headers = new Headers()
  for (const [k, v] of c.headers) headers.set(k, v)
  if (cookie) headers.set('Cookie', c.tamperCookie === null ? cookie.header : `${cookie.name}=${c.tamperCookie}`)
  if (c.method === 'GET' || c.method === 'HEAD') return new Request(url, { method: c.method, headers })
  const { body, contentType } = bodyOf(c)
  if (contentType) headers.set('Content-Type', contentType)
  return new Request(url, { method: c.method, headers, body })
}

// ---------------------------------------------------------------------------------------------
// What came back

type Outcome = { status: number; location: string | null; message: string }

async function run(fn: Handler, request: Request, params: Record<string, string>): Promise<Outcome> {
  let answer
  try {
    answer = await call(fn, request, params, { clientIp: '203.0.113.9', requestId: 'fuzz' })
  } catch (thrown) {
    // Anything thrown that is not an answer reaches the error boundary as a 500.
    return { status: 500, location: null, message: String((thrown as Error)?.stack ?? thrown) }
  }
  // Read the whole body: a streamed download must not break half-way.
  const message = answer.response ? await answer.response.text() : JSON.stringify(answer.data ?? null)
  return { status: answer.status, location: answer.location, message }
}

const isAuthRedirect = (o: Outcome) =>
  o.status >= 300 && o.status < 400 && /^\/(login|me\/signed-out)/.test(o.location ?? '')

// ---------------------------------------------------------------------------------------------
// The matrix

const realIds: Record<string, TenantModel> = {
  clientId: 'Client',
  insightId: 'Insight',
  importId: 'ImportBatch',
  id: 'JobApplication',
  applicationId: 'JobApplication',
}

function caseArbitrary(methods: string[], params: string[]): fc.Arbitrary<Case> {
  const paramArb = (p: string) => {
    const real: string[] =
      p === 'org'
        ? [a.org.slug, b.org.slug]
        : realIds[p]
          ? [a.rows[realIds[p]].id, b.rows[realIds[p]].id]
          : ['not-a-real-token']
    return fc.oneof(fc.constantFrom(...real), hostileText)
  }
  const value = fc.oneof(
    hostileText,
    fc.constantFrom(...literals, a.client.id, a.coach.id, a.application.id, 'on', '5', '2026-03-02', 'x@example.test'),
  )
  return fc.record({
    method: fc.constantFrom(...methods),
    params: fc.record(Object.fromEntries(params.map((p) => [p, paramArb(p)]))) as fc.Arbitrary<Record<string, string>>,
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...queryKeys), hostileText), value), { maxLength: 4 }),
    fields: fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fieldNames) }, hostileText), value), {
      maxLength: 8,
    }),
    file: fc.option(
      fc.record({
        name: fc.constantFrom('a=b.csv', 'x"; name="y.csv', '..\\..\\evil.csv', '\u202ecsv.exe', 'ok.csv', ''),
        bytes: fc.constantFrom('nul' as const, 'utf16' as const, 'binary' as const, 'csv' as const),
      }),
    ),
    encoding: fc.constantFrom<Encoding>(
      'urlencoded',
      'urlencoded',
      'multipart',
      'bad-multipart',
      'text/plain',
      'json',
      'utf16',
      'bytes',
      'none',
    ),
    headers: fc.array(
      fc.tuple(
        fc.constantFrom(
          'Origin',
          'Host',
          'X-Forwarded-For',
          'X-Forwarded-Host',
          'Accept-Language',
          'User-Agent',
          'Referer',
          'Sec-Fetch-Site',
          'Content-Length',
        ),
        headerText,
      ),
      { maxLength: 3 },
    ),
    tamperCookie: fc.option(
      headerText.map((v) => v.replace(/[;,\s]/g, '')),
      { freq: 6 },
    ),
  })
}

const wellFormed = (v: string) =>
  v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')

/** The probe's own findings, tried on every route for every visitor before the random cases. */
function fixedCases(methods: string[], params: string[]): Case[] {
  const nul = Object.fromEntries(params.map((p) => [p, p === 'org' ? a.org.slug : '\u0000']))
  const base: Case = {
    method: methods[0]!,
    params: Object.fromEntries(params.map((p) => [p, '\u0000'])),
    query: [
      ['q', '\u0000'],
      ['after', 'bGFzdEV2ZW50QXQ=|\u0000'],
      ['from', '0000-01-01'],
      ['to', '2026-00-10'],
      ['page', '1e309'],
    ],
    fields: fieldNames.map((f) => [f, 'a\u0000b']),
    file: { name: 'a=b.csv', bytes: 'nul' },
    encoding: 'urlencoded',
    headers: [['Origin', 'http://evil.test']],
    tamperCookie: null,
  }
  const cases: Case[] = [base, { ...base, params: nul }]
  if (methods.includes('POST')) {
    for (const encoding of ['text/plain', 'json', 'utf16', 'bad-multipart'] as const) {
      cases.push({ ...base, method: 'POST', params: nul, encoding, file: { name: 'a=b.csv', bytes: 'utf16' } })
    }
  }
  return cases
}

type RouteUnderTest = { id: string; routePath: string; params: string[]; loader?: Handler; action?: Handler }

const only = process.env.FUZZ_ROUTE
const routes: RouteUnderTest[] = Object.keys(routeAccess)
  .filter((id) => !only || id === only)
  .map((id) => ({
    id,
    routePath: fullPath(id),
    params: [...fullPath(id).matchAll(/:(\w+)/g)].map((m) => m[1]!),
  }))

function seedFor(name: string) {
  let h = baseSeed | 0
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}

describe.each(routes)('$id', (route) => {
  beforeAll(async () => {
    const module = (await import(/* @vite-ignore */ routeFile(route.id))) as {
      loader?: Handler
      action?: Handler
    }
    route.loader = module.loader
    route.action = module.action
  })

  test.each(visitors)('as %s: never a 500, every refusal says why, a refusal writes nothing', async (visitor) => {
    const methods = [...(route.loader ? ['GET'] : []), ...(route.action ? ['POST', 'POST', 'PUT', 'DELETE'] : [])]
    if (methods.length === 0) return
    const name = `${route.id} as ${visitor}`
    const seed = seedFor(name)
    // The tables as the last request left them: one snapshot a request, compared after a refusal.
    let last = await snapshot()
    try {
      await fc.assert(
        fc.asyncProperty(caseArbitrary(methods, route.params), async (c) => {
          const { cookie, fresh } = await cookieOf(visitor, route.id)
          if (fresh) last = await snapshot()
          const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, wellFormed(v)]))
          const request = buildRequest(route.routePath, { ...c, params }, cookie)
          const fn = (c.method === 'GET' ? route.loader : route.action)!
          const outcome = await run(fn, request, params)
          expect(outcome.status, `${c.method} ${request.url}: ${outcome.message.slice(0, 2000)}`).toBeLessThan(500)
          if (outcome.status >= 400) {
            expect(
              outcome.message.trim().length,
              `${c.method} ${request.url} refused without a message`,
            ).toBeGreaterThan(2)
          }
          // Signing out ends with the same redirect as a refusal, having deleted its session.
          const refused = outcome.status >= 400 || (isAuthRedirect(outcome) && !route.id.includes('logout'))
          const now = await snapshot()
          const before = last
          last = now
          if (refused) expect(now, `${c.method} ${request.url} was refused but wrote`).toEqual(before)
        }),
        { seed, numRuns, examples: fixedCases([...new Set(methods)], route.params).map((c) => [c]) },
      )
    } catch (error) {
      throw new Error(
        `${name}: reproduce with FUZZ_SEED=${baseSeed} FUZZ_ROUTE='${route.id}' npx vitest run tests/route-matrix.test.ts -t ${visitor} (property seed ${seed})\n${(error as Error).message}\n${String((error as Error).cause ?? '').slice(0, 3000)}`,
      )
    }
  })
})
