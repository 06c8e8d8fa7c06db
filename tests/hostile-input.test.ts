import { beforeAll, describe, expect, test } from 'vitest'
import { cookieHeaderFor, createSession } from '~/auth/session.server'
import { prisma } from '~/lib/db.server'
import { signSvix } from '~/lib/resend-webhooks.server'
import * as exportRoute from '~/routes/orgs.$org.applications.export'
import * as applications from '~/routes/orgs.$org.applications._index/route'
import * as clientPage from '~/routes/orgs.$org.clients.$clientId/route'
import * as newClient from '~/routes/orgs.$org.clients.new'
import * as roster from '~/routes/orgs.$org.clients._index/route'
import * as imports from '~/routes/orgs.$org.imports._index'
import * as applicationPage from '~/routes/me.applications.$id/route'
import * as newApplication from '~/routes/me.applications.new'
import * as webhook from '~/routes/webhooks.resend'
import { createApplication, createPracticeWithOwner, unique } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call as callRoute, type Handler } from './route-calls'

// What an outside probe sent that answered 500: NUL bytes in filters and path segments, crafted
// page cursors, forms that are not forms, uploads with NUL bytes or in UTF-16, impossible dates and
// signed webhooks of the wrong shape. Each gets a 4xx with a message, or an ordinary page.

const context = { clientIp: '203.0.113.1' }

/** The route's answer with its body as text: the Response's, or the data as JSON. */
async function call(fn: Handler, request: Request, params: Record<string, string> = {}) {
  const answer = await callRoute(fn, request, params, context)
  return { ...answer, body: answer.response ? await answer.response.text() : JSON.stringify(answer.data) }
}

let slug: string
let cookie: string
const url = (path: string) => `http://localhost:3000/orgs/${slug}${path}`
const get = (path: string) => new Request(url(path), { headers: { Cookie: cookie } })
const post = (path: string, body: BodyInit, contentType?: string) =>
  new Request(url(path), {
    method: 'POST',
    headers: { Cookie: cookie, ...(contentType ? { 'Content-Type': contentType } : {}) },
    body,
  })

beforeAll(async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  slug = org.slug
  cookie = cookieHeaderFor((await createSession(owner.id)).token)
  const { client } = await createPortalClient({}, { org, owner })
  await createApplication(prisma, org.id, client.id, { company: 'Acme' })
})

describe('a NUL byte in a filter or a path segment', () => {
  test('?q=%00 on the roster and the applications page shows the page', async () => {
    for (const [fn, path] of [
      [roster.loader, '/clients?q=%00'],
      [applications.loader, '/applications?q=%00&company=a%00b'],
    ] as const) {
      expect((await call(fn as Handler, get(path), { org: slug })).status, path).toBe(200)
    }
  })

  test('the CSV export with ?q=%00 streams to its end', async () => {
    const result = await call(exportRoute.loader as Handler, get('/applications/export?q=%00'), { org: slug })
    expect(result.status).toBe(200)
    expect(result.body).toContain('Company')
  })

  test('/orgs/%00 and a client id of NUL answer 404', async () => {
    expect((await call(roster.loader as Handler, get('/clients'), { org: '\u0000' })).status).toBe(404)
    const page = await call(clientPage.loader as Handler, get('/clients/%00'), { org: slug, clientId: '\u0000' })
    expect(page.status).toBe(404)
  })

  test('/me/applications/%00 answers 404', async () => {
    const { cookie: portal } = await createPortalClient()
    const request = portalRequest(portal, '/me/applications/%00')
    expect((await call(applicationPage.loader as Handler, request, { id: '\u0000' })).status).toBe(404)
  })

  test('a NUL byte inside a form field is dropped, not sent to the database', async () => {
    const form = new URLSearchParams({ name: 'Nu\u0000ll Client', email: `${unique('nul-')}@example.test` })
    const result = await call(newClient.action as Handler, post('/clients/new', form), { org: slug })
    expect(result.status).toBe(302)
    expect(await prisma.client.findFirst({ where: { name: 'Null Client' } })).not.toBeNull()
  })
})

describe('crafted page cursors and impossible dates', () => {
  const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url')
  test.each([
    ['a NUL byte in a cursor value', cursor(['company', 'Ac\u0000me', 'x'])],
    ['a NUL byte in a cursor id', cursor(['company', 'Acme', '\u0000'])],
    ['a timestamp PostgreSQL cannot read', cursor(['lastEventAt', '2026-02-30', 'x'])],
    ['a year past 9999', cursor(['lastEventAt', '+275760-09-13T00:00:00.000Z', 'x'])],
  ])('%s starts the list over', async (_, after) => {
    const sort = after.length && JSON.parse(Buffer.from(after, 'base64url').toString())[0]
    const path = `/applications?sort=${sort}&after=${after}`
    expect((await call(applications.loader as Handler, get(path), { org: slug })).status).toBe(200)
  })

  test.each(['0000-01-01', '2026-00-10', '2026-02-30'])('a date filter of %s is ignored', async (day) => {
    const result = await call(applications.loader as Handler, get(`/applications?from=${day}&to=${day}`), {
      org: slug,
    })
    expect(result.status).toBe(200)
  })

  test.each(['0000-01-01', '2026-00-10'])('an application applied on %s is refused with a message', async (day) => {
    const { cookie: portal } = await createPortalClient()
    const request = portalRequest(portal, '/me/applications/new', {
      company: 'Acme',
      roleTitle: 'Developer',
      stage: 'APPLIED',
      appliedOn: day,
    })
    const result = await call(newApplication.action as Handler, request)
    expect(result.status).toBe(400)
    expect(result.body).toContain('Use a date that exists')
  })
})

describe('forms that are not forms', () => {
  test.each([
    ['text/plain', 'name=A\r\nemail=a@example.test'],
    ['application/json', '{"name":"A","email":"a@example.test"}'],
    ['application/x-www-form-urlencoded; charset=utf-16', 'name=A'],
    ['multipart/form-data', 'name=A'],
  ])('a form sent as %s is refused with 415 and says how to send it', async (type, body) => {
    const before = await prisma.client.count()
    const result = await call(newClient.action as Handler, post('/clients/new', body, type), { org: slug })
    expect(result.status).toBe(415)
    expect(result.body).toMatch(/form|UTF-8|boundary/)
    expect(await prisma.client.count()).toBe(before)
  })

  test('a multipart body cut short is refused with 400 and a message', async () => {
    const body = '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA'
    const result = await call(
      newClient.action as Handler,
      post('/clients/new', body, 'multipart/form-data; boundary=x'),
      {
        org: slug,
      },
    )
    expect(result.status).toBe(400)
    expect(result.body).toContain('could not be read')
  })
})

describe('uploads', () => {
  const upload = (name: string, bytes: Uint8Array) => {
    const form = new FormData()
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name)
    return post('/imports', form)
  }
  const utf16 = (text: string) => {
    const out = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i)
    return out
  }

  test.each([
    ['NUL bytes', 'pipeline.csv', new TextEncoder().encode('Company,Title\u0000\nAc\u0000me,Dev\n')],
    ['UTF-16', 'pipeline.csv', utf16('\ufeffCompany,Title,Applied\nAcme,Dev,2026-01-05\n')],
    ['a name with =', 'a=b.csv', new TextEncoder().encode('Company,Title\nAcme,Dev\n')],
  ])('a file with %s gets a preview or a message, never a 500', async (_, name, bytes) => {
    const result = await call(imports.action as Handler, upload(name, bytes), { org: slug })
    expect([302, 400]).toContain(result.status)
    if (result.status === 400) expect(result.body).toMatch(/"error":"[^"]{10,}/)
  })

  test('an upload sent as JSON is refused with 415', async () => {
    const result = await call(imports.action as Handler, post('/imports', '{}', 'application/json'), { org: slug })
    expect(result.status).toBe(415)
  })
})

describe('a validly signed webhook of the wrong shape', () => {
  const secret = `whsec_${Buffer.from('a webhook secret of thirty-two b').toString('base64')}`
  const signed = (body: string) => {
    const id = `msg_${unique()}`
    const timestamp = String(Math.floor(Date.now() / 1000))
    return new Request('http://localhost/webhooks/resend', {
      method: 'POST',
      headers: {
        'svix-id': id,
        'svix-timestamp': timestamp,
        'svix-signature': `v1,${signSvix(secret, id, timestamp, body)}`,
      },
      body,
    })
  }

  test.each(['null', '[]', '"text"', '{"type":5}', '{"type":"email.bounced","data":{"to":5}}', '{"type":"x\\u0000"}'])(
    '%s is refused with 400 and a message',
    async (body) => {
      process.env.RESEND_WEBHOOK_SECRET = secret
      try {
        const result = await call(webhook.action as Handler, signed(body))
        if (body.includes('u0000')) expect(result.status).toBe(200)
        else {
          expect(result.status).toBe(400)
          expect(result.body).toContain('Not a Resend event')
        }
      } finally {
        delete process.env.RESEND_WEBHOOK_SECRET
      }
    },
  )
})
