import { describe, expect, test } from 'vitest'
import { importLimits } from '~/domain/imports/limits'
import { prisma } from '~/lib/db.server'
import * as imports from '~/routes/orgs.$org.imports._index'
import { createClient, createPracticeWithOwner } from './factories'
import { call, cookieFor, type Handler, origin } from './route-calls'

// The upload form refuses what would tie up the server, with a message that says what to change,
// and writes nothing.

async function practice() {
  const { org, owner } = await createPracticeWithOwner(prisma)
  await createClient(prisma, org.id, { email: 'ana@example.test' })
  return { org, cookie: await cookieFor(owner.id) }
}

function upload(org: { slug: string }, cookie: string, form: FormData) {
  const request = new Request(`${origin}/orgs/${org.slug}/imports?index`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin },
    body: form,
  })
  return call(imports.action as Handler, request, { org: org.slug })
}

const csv = (text: string) => new File([text], 'applications.csv', { type: 'text/csv' })
const error = (data: unknown) => (data as { error: string }).error

/** The upload is a 400 whose message passes `check`, and the practice has no import. */
async function expectRefused(
  org: { id: string; slug: string },
  cookie: string,
  form: FormData,
  check: (message: string) => void,
) {
  const result = await upload(org, cookie, form)
  expect(result.status).toBe(400)
  check(error(result.data))
  expect(await prisma.importBatch.count({ where: { organizationId: org.id } })).toBe(0)
}

describe('uploading an import', () => {
  test('a file with more columns than the limit is refused with the limit named, and nothing is stored', async () => {
    const { org, cookie } = await practice()
    const headers = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')
    const form = new FormData()
    form.set('file', csv(`${headers}\nAcme,2026-01-05\n`))
    await expectRefused(org, cookie, form, (message) =>
      expect(message).toBe(
        `The file has 100,000 columns; the limit is ${importLimits.maxColumns}. Keep the columns you need and try again.`,
      ),
    )
  })

  test('a row wider than the limit is refused too, even under a narrow header', async () => {
    const { org, cookie } = await practice()
    const form = new FormData()
    form.set('file', csv(`Company,Date Applied\n${Array.from({ length: 500 }, () => 'x').join(',')}\n`))
    await expectRefused(org, cookie, form, (message) => expect(message).toContain('500 columns'))
  })

  test('a form with thousands of fields is refused after the first few parts', async () => {
    const { org, cookie } = await practice()
    const form = new FormData()
    form.set('file', csv('Company,Date Applied,Client Email\nAcme,2026-01-05,ana@example.test\n'))
    for (let i = 0; i < 30_000; i++) form.append(`f${i}`, 'x')
    await expectRefused(org, cookie, form, (message) =>
      expect(message).toBe('The upload has more parts than this form sends. Choose one file and try again.'),
    )
  })

  test('two files, or an overlong client field, are refused kindly', async () => {
    const { org, cookie } = await practice()
    const two = new FormData()
    two.append('file', csv('Company\nAcme\n'))
    two.append('file', csv('Company\nAcme\n'))
    expect(error((await upload(org, cookie, two)).data)).toBe('Upload one file at a time.')
    const long = new FormData()
    long.set('clientId', 'x'.repeat(5000))
    long.set('file', csv('Company\nAcme\n'))
    const result = await upload(org, cookie, long)
    expect([result.status, error(result.data)]).toEqual([400, 'A field of the upload form is too long.'])
  })

  test('a usual file still goes to its preview', async () => {
    const { org, cookie } = await practice()
    const form = new FormData()
    form.set('file', csv('Company,Date Applied,Client Email\nAcme,2026-01-05,ana@example.test\n'))
    const result = await upload(org, cookie, form)
    expect(result.status).toBe(302)
    expect(result.location).toMatch(new RegExp(`^/orgs/${org.slug}/imports/`))
  })
})
