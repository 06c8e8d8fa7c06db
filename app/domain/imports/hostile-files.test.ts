import { expect, test } from 'vitest'
import { InputError } from '~/lib/input-error'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createClient, createPracticeWithOwner } from '../../../tests/factories'
import { createImport, previewImportBatch } from './batches.server'

// What people upload by mistake is refused with a message that says what to do (the upload route turns
// an InputError into a 400 with it), or reaches the preview with the columns still to choose; never a crash.

const text = (value: string) => new TextEncoder().encode(value)
const zipStart = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]

test.each([
  ['an empty file', new Uint8Array(), /^The file is empty\.$/],
  ['blank lines only', text('\n\n  \r\n'), /^The file is empty\.$/],
  ['a header without rows', text('Company,Title,Applied\r\n'), /header but no rows/],
  ['a 10 MB file', text('Company,Title\n' + 'Acme,Analyst\n'.repeat(800_000)), /larger than 5 MB\. Split it/],
  ['an Excel workbook', new Uint8Array([...zipStart, ...text('[Content_Types].xml')]), /Excel workbook.*Save as.*CSV/],
  ['an old Excel workbook', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /older Excel/],
  ['a PDF', text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /a PDF, not a CSV/],
  ['a picture', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /a picture, not a CSV/],
])('%s is refused with a kind message', async (_, bytes, message) => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const error = await createImport(t, { name: 'upload.csv', bytes }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InputError)
  expect((error as InputError).message).toMatch(message)
  expect(await prisma.importBatch.count({ where: { organizationId: org.id } })).toBe(0)
})

test('one column, or a file in UTF-16 without its byte-order mark, reaches the preview without a crash', async () => {
  const { org, owner } = await createPracticeWithOwner(prisma)
  const t = createTenantContext(prisma, { user: owner, org, role: 'OWNER' })
  const client = await createClient(prisma, org.id)
  const single = await createImport(
    t,
    { name: 'one.csv', bytes: text('Company\nAcme\nGlobex\n') },
    { clientId: client.id },
  )
  const one = (await previewImportBatch(t, single.id))!
  // A file with no title column imports each row as “Title not given”; without dates it cannot.
  expect('preview' in one && one.preview.problems).toEqual(['Choose the column that holds the applied date.'])
  const wide = new Uint8Array(Buffer.from('Company,Title,Applied\nAcme,Analyst,2026-01-02\n', 'utf16le'))
  const utf16 = await createImport(t, { name: 'utf16.csv', bytes: wide }, { clientId: client.id })
  const read = (await previewImportBatch(t, utf16.id))!
  expect('preview' in read && read.preview.valid.map((r) => [r.company, r.roleTitle, r.appliedOn])).toEqual([
    ['Acme', 'Analyst', '2026-01-02'],
  ])
})
