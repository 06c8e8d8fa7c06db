import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { issueSignInLink } from '~/domain/clients/access-links.server'
import { prisma } from '~/lib/db.server'
import * as invite from '~/routes/invite.$token'
import * as dataPage from '~/routes/me.data'
import * as portalDownload from '~/routes/me_.data.download'
import * as clientPage from '~/routes/orgs.$org.clients.$clientId/route'
import * as coachDownload from '~/routes/orgs.$org.clients.$clientId_.data'
import * as erasePage from '~/routes/orgs.$org.clients.$clientId_.erase'
import * as settings from '~/routes/orgs.$org.settings'
import * as security from '~/routes/orgs.$org.settings_.security'
import { coachOnlyText, createClientWithRecords } from './client-records'
import { createClient, createMember, createPracticeWithOwner } from './factories'
import { createPortalClient, portalRequest } from './portal-helpers'
import { call, cookieFor, request, signedInMember, type Handler } from './route-calls'

// Who may take a client's data away, send it, or erase it, called the way Remix calls the routes.

const context = { requestId: 'test', cspNonce: 'test' }

async function practiceWithClient(options: { ownClientsOnly?: boolean } = {}) {
  const { org, owner } = await createPracticeWithOwner(prisma, {
    org: { coachesSeeOwnClientsOnly: options.ownClientsOnly ?? false },
  })
  const { client, coach, email } = await createClientWithRecords(prisma, org.id, 'Dana Records')
  return {
    org,
    owner,
    client,
    coach,
    email,
    ownerCookie: await cookieFor(owner.id),
    coachCookie: await cookieFor(coach.id),
  }
}

/** The download's files, or the status it answered instead. */
async function download(fn: Handler, req: Request, params: Record<string, string> = {}) {
  let out: unknown
  try {
    out = await fn({ request: req, params, context })
  } catch (thrown) {
    out = thrown
  }
  const response = out as Response
  if (response.status !== 200) return { status: response.status, files: null }
  expect(response.headers.get('Content-Type')).toBe('application/zip')
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()))
  return {
    status: 200,
    files,
    all: Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n'),
  }
}

const snapshot = async (clientId: string) => ({
  client: await prisma.client.findUnique({ where: { id: clientId } }),
  applications: await prisma.jobApplication.findMany({ where: { clientId }, orderBy: { id: 'asc' } }),
  messages: await prisma.message.count({ where: { clientId } }),
  notes: await prisma.note.count({ where: { clientId } }),
})

describe('the portal’s download', () => {
  test('a client downloads their own records only, never the coach’s notes; without a session, the signed-out page', async () => {
    const a = await createPortalClient({ client: { name: 'Alex Able' } })
    await createClientWithRecords(prisma, a.org.id, 'Blake Baker')
    await prisma.note.create({ data: { organizationId: a.org.id, clientId: a.client.id, body: coachOnlyText } })
    await prisma.jobApplication.create({
      data: { organizationId: a.org.id, clientId: a.client.id, company: 'Alex Co', roleTitle: 'Analyst' },
    })
    const page = await call(dataPage.loader as Handler, portalRequest(a.cookie, '/me/data'))
    expect(page.data).toMatchObject({ summary: { applications: 1, messages: 0 } })
    const got = await download(portalDownload.loader as Handler, portalRequest(a.cookie, '/me/data/download'))
    expect(got.status).toBe(200)
    expect(got.all).toContain('Alex Co')
    expect(got.all).not.toContain('Blake')
    expect(got.all).not.toContain('Globex')
    expect(got.all).not.toContain(coachOnlyText)
    expect(
      await prisma.auditEvent.count({
        where: { organizationId: a.org.id, action: 'client.data_exported', actorType: 'CLIENT' },
      }),
    ).toBe(1)

    const anonymous = await call(portalDownload.loader as Handler, portalRequest(null, '/me/data/download'))
    expect(anonymous).toMatchObject({ status: 302, location: '/me/signed-out' })
  })
})

describe('a coach’s download', () => {
  test('a member downloads a client of their practice; another practice and another coach’s client get 404', async () => {
    const p = await practiceWithClient({ ownClientsOnly: true })
    const params = { org: p.org.slug, clientId: p.client.id }
    const path = `/orgs/${p.org.slug}/clients/${p.client.id}/data`
    const own = await download(coachDownload.loader as Handler, request(p.coachCookie, path), params)
    expect(own.status).toBe(200)
    expect(own.all).toContain('Globex')
    expect(own.all).not.toContain(coachOnlyText)

    const otherCoach = await signedInMember(p.org.id, 'COACH')
    expect((await download(coachDownload.loader as Handler, request(otherCoach.cookie, path), params)).status).toBe(404)
    const { org: elsewhere, owner: stranger } = await createPracticeWithOwner(prisma)
    const strangerCookie = await cookieFor(stranger.id)
    expect((await download(coachDownload.loader as Handler, request(strangerCookie, path), params)).status).toBe(404)
    // The stranger's own practice slug with this practice's client id: still 404.
    const crossed = { org: elsewhere.slug, clientId: p.client.id }
    const crossedPath = `/orgs/${elsewhere.slug}/clients/${p.client.id}/data`
    expect(
      (await download(coachDownload.loader as Handler, request(strangerCookie, crossedPath), crossed)).status,
    ).toBe(404)
  })
})

describe('custom field values in the download', () => {
  test('the portal’s and the coach’s downloads list the client’s field values by name, retired ones marked, dates as days', async () => {
    const a = await createPortalClient({ client: { name: 'Alex Able' } })
    const field = (name: string, kind: 'TEXT' | 'NUMBER' | 'DATE' | 'CHOICE' | 'MULTI_CHOICE', more = {}) =>
      prisma.clientField.create({ data: { organizationId: a.org.id, name, kind, ...more } })
    const programme = await field('Programme', 'CHOICE', { choices: ['Data', 'Design'] })
    const skills = await field('Skills', 'MULTI_CHOICE', { choices: ['SQL', 'Python', 'Figma'] })
    const started = await field('Started', 'DATE')
    const budget = await field('Training budget', 'NUMBER')
    const unused = await field('Unused', 'TEXT')
    const legacy = await field('Legacy intake', 'TEXT', { retiredAt: new Date('2026-10-01T00:00:00Z') })
    await prisma.client.update({
      where: { id: a.client.id },
      data: {
        customFields: {
          [programme.id]: 'Data',
          [skills.id]: ['SQL', 'Python'],
          [started.id]: '2026-02-01',
          [budget.id]: 12500,
          [legacy.id]: 'Autumn 2025',
          // A value whose field is gone (not this practice's): never in the archive.
          stray: 'not a field',
        },
      },
    })
    const other = await createClient(prisma, a.org.id, {
      name: 'Blake Baker',
      customFields: { [programme.id]: 'Design' },
    })
    const expected = [
      { field: 'Programme', value: 'Data', retired: 'no' },
      { field: 'Skills', value: 'SQL, Python', retired: 'no' },
      { field: 'Started', value: '2026-02-01', retired: 'no' },
      { field: 'Training budget', value: '12500', retired: 'no' },
      { field: 'Legacy intake', value: 'Autumn 2025', retired: 'yes' },
    ]
    const fieldsOf = (files: Record<string, Uint8Array>, ext: string) =>
      strFromU8(files[Object.keys(files).find((f) => f.endsWith(`/fields.${ext}`))!]!)

    const mine = await download(portalDownload.loader as Handler, portalRequest(a.cookie, '/me/data/download'))
    expect(JSON.parse(fieldsOf(mine.files!, 'json'))).toEqual(expected)
    expect(fieldsOf(mine.files!, 'csv').trim().split(/\r?\n/)).toEqual([
      'Field,Value,Retired',
      'Programme,Data,no',
      'Skills,"SQL, Python",no',
      'Started,2026-02-01,no',
      'Training budget,12500,no',
      'Legacy intake,Autumn 2025,yes',
    ])
    for (const hidden of [programme.id, legacy.id, unused.id, 'Unused', 'not a field', 'Design'])
      expect(fieldsOf(mine.files!, 'json')).not.toContain(hidden)

    const cookie = await cookieFor(a.owner.id)
    const params = { org: a.org.slug, clientId: a.client.id }
    const coach = await download(
      coachDownload.loader as Handler,
      request(cookie, `/orgs/${a.org.slug}/clients/${a.client.id}/data`),
      params,
    )
    expect(JSON.parse(fieldsOf(coach.files!, 'json'))).toEqual(expected)
    const theirs = await download(
      coachDownload.loader as Handler,
      request(cookie, `/orgs/${a.org.slug}/clients/${other.id}/data`),
      { ...params, clientId: other.id },
    )
    expect(JSON.parse(fieldsOf(theirs.files!, 'json'))).toEqual([
      { field: 'Programme', value: 'Design', retired: 'no' },
    ])
  })
})

describe('emailing a client their data', () => {
  test('the email’s link signs the client in once and opens their data page', async () => {
    const p = await practiceWithClient()
    const path = `/orgs/${p.org.slug}/clients/${p.client.id}`
    const sent = await call(clientPage.action as Handler, request(p.coachCookie, path, { intent: 'email-data' }), {
      org: p.org.slug,
      clientId: p.client.id,
    })
    expect(sent.status).toBe(302)
    const email = await prisma.outboundEmail.findFirstOrThrow({ where: { to: p.email, kind: 'client-data' } })
    const link = /\/invite\/([a-z2-7]+)\?to=%2Fme%2Fdata/.exec(email.text)
    expect(link).not.toBeNull()
    const opened = await call(
      invite.action as Handler,
      request(null, `/invite/${link![1]}?to=%2Fme%2Fdata`, {}),
      { token: link![1]! },
      context,
    )
    expect(opened).toMatchObject({ status: 302, location: '/me/data' })
    const again = await call(
      invite.action as Handler,
      request(null, `/invite/${link![1]}?to=%2Fme%2Fdata`, {}),
      { token: link![1]! },
      context,
    )
    expect(again.status).toBe(400)
  })

  test('an archived client is refused kindly; a link cannot lead off the portal', async () => {
    const p = await practiceWithClient()
    await prisma.client.update({ where: { id: p.client.id }, data: { status: 'ARCHIVED' } })
    const refused = await call(
      clientPage.action as Handler,
      request(p.ownerCookie, `/orgs/${p.org.slug}/clients/${p.client.id}`, { intent: 'email-data' }),
      { org: p.org.slug, clientId: p.client.id },
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.data)).toContain('archived client cannot sign in')
    expect(await prisma.outboundEmail.count({ where: { to: p.email, kind: 'client-data' } })).toBe(0)

    const other = await createPortalClient()
    const { token } = await issueSignInLink({ db: other.c.db, organizationId: other.org.id, clientId: other.client.id })
    const offsite = await call(
      invite.action as Handler,
      request(null, `/invite/${token}?to=https://evil.example`, {}),
      { token },
      context,
    )
    expect(offsite).toMatchObject({ status: 302, location: '/me' })
  })
})

describe('erasing a client through the page', () => {
  test('a coach gets 403 and nothing changes; another practice’s owner gets 404', async () => {
    const p = await practiceWithClient()
    const params = { org: p.org.slug, clientId: p.client.id }
    const path = `/orgs/${p.org.slug}/clients/${p.client.id}/erase`
    const before = await snapshot(p.client.id)
    expect((await call(erasePage.loader as Handler, request(p.coachCookie, path), params)).status).toBe(403)
    expect(
      (await call(erasePage.action as Handler, request(p.coachCookie, path, { confirmName: 'Dana Records' }), params))
        .status,
    ).toBe(403)
    const { org: elsewhere, owner: stranger } = await createPracticeWithOwner(prisma)
    const strangerCookie = await cookieFor(stranger.id)
    expect(
      (await call(erasePage.action as Handler, request(strangerCookie, path, { confirmName: 'Dana Records' }), params))
        .status,
    ).toBe(404)
    const crossed = { org: elsewhere.slug, clientId: p.client.id }
    expect(
      (
        await call(
          erasePage.action as Handler,
          request(strangerCookie, `/orgs/${elsewhere.slug}/clients/${p.client.id}/erase`, {
            confirmName: 'Dana Records',
          }),
          crossed,
        )
      ).status,
    ).toBe(404)
    expect(await snapshot(p.client.id)).toEqual(before)
  })

  test('an admin sees the preview; a wrong or empty name is a 400 that erases nothing; the right name erases', async () => {
    const p = await practiceWithClient()
    const admin = await signedInMember(p.org.id, 'ADMIN')
    const params = { org: p.org.slug, clientId: p.client.id }
    const path = `/orgs/${p.org.slug}/clients/${p.client.id}/erase`
    const page = await call(erasePage.loader as Handler, request(admin.cookie, path), params)
    expect(page.data).toMatchObject({
      preview: { removed: { messages: 4, notes: 1 }, anonymised: { applications: 3 } },
    })
    const before = await snapshot(p.client.id)
    for (const confirmName of ['', 'Dana', 'Dana Record']) {
      const answer = await call(erasePage.action as Handler, request(admin.cookie, path, { confirmName }), params)
      expect(answer.status).toBe(400)
    }
    expect(await snapshot(p.client.id)).toEqual(before)

    const done = await call(
      erasePage.action as Handler,
      request(admin.cookie, path, { confirmName: 'dana records' }),
      params,
    )
    expect(done).toMatchObject({ status: 302, location: `/orgs/${p.org.slug}/clients` })
    expect(await prisma.client.count({ where: { id: p.client.id } })).toBe(0)
    // Erased once: the page for the old id is gone.
    expect((await call(erasePage.loader as Handler, request(admin.cookie, path), params)).status).toBe(404)
  })

  test('an unknown client id answers 404', async () => {
    const { org, owner } = await createPracticeWithOwner(prisma)
    await createClient(prisma, org.id)
    const cookie = await cookieFor(owner.id)
    const params = { org: org.slug, clientId: 'cnotaclient000000000000000' }
    expect(
      (await call(erasePage.loader as Handler, request(cookie, `/orgs/${org.slug}/clients/x/erase`), params)).status,
    ).toBe(404)
  })
})

describe('the retention setting', () => {
  test('an owner chooses a period (audited); a value off the list is a 400; a coach gets 403', async () => {
    const p = await practiceWithClient()
    const params = { org: p.org.slug }
    const path = `/orgs/${p.org.slug}/settings`
    const form = {
      name: p.org.name,
      timezone: 'UTC',
      digestDay: '1',
      digestHour: '8',
      ghostingThresholdDays: '21',
    }
    const saveRetention = (cookie: string, months: string) =>
      call(
        settings.action as Handler,
        request(cookie, path, { ...form, archivedClientRetentionMonths: months }),
        params,
      )
    expect((await saveRetention(p.coachCookie, '12')).status).toBe(403)
    expect((await saveRetention(p.ownerCookie, '1')).status).toBe(400)
    expect(
      (await prisma.organization.findUniqueOrThrow({ where: { id: p.org.id } })).archivedClientRetentionMonths,
    ).toBeNull()
    const saved = await call(
      settings.action as Handler,
      request(p.ownerCookie, path, { ...form, archivedClientRetentionMonths: '24' }),
      params,
    )
    expect(saved.status).toBe(302)
    expect(
      (await prisma.organization.findUniqueOrThrow({ where: { id: p.org.id } })).archivedClientRetentionMonths,
    ).toBe(24)
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: p.org.id, action: 'practice.settings_changed' },
    })
    expect(audit.metadata).toMatchObject({ changed: ['archivedClientRetentionMonths'] })
  })
})

describe('the security controls page', () => {
  test('an owner sees what is on, and nothing claimed that the deployment did not state; a coach gets 403', async () => {
    const p = await practiceWithClient()
    await prisma.organization.update({
      where: { id: p.org.id },
      data: { archivedClientRetentionMonths: 24 },
    })
    const params = { org: p.org.slug }
    const path = `/orgs/${p.org.slug}/settings/security`
    const page = await call(security.loader as Handler, request(p.ownerCookie, path), params)
    expect(page.data).toMatchObject({
      controls: {
        requireTwoFactor: false,
        archivedClientRetentionMonths: 24,
        members: 2,
        membersWithTwoFactor: 0,
        dataLocation: null,
        encryptionAtRest: null,
        sso: null,
      },
    })
    // A coach's passkey counts as two-factor; single sign-on is stated as it is set up, the secret never shown.
    const withPasskey = await createMember(prisma, p.org.id, { name: 'Pat Passkey' })
    await prisma.passkey.create({
      data: {
        userId: withPasskey.id,
        credentialId: `cred-${p.org.id}`,
        publicKey: new Uint8Array([1, 2, 3]),
        deviceType: 'singleDevice',
        name: 'Laptop',
      },
    })
    await prisma.ssoConnection.create({
      data: {
        organizationId: p.org.id,
        issuer: 'https://id.example.test',
        clientId: 'rebound',
        clientSecretSealed: new Uint8Array([9, 9, 9]),
        allowedDomains: ['example.test'],
        ssoOnly: false,
      },
    })
    const after = await call(security.loader as Handler, request(p.ownerCookie, path), params)
    expect(after.data).toMatchObject({
      controls: {
        members: 3,
        membersWithTwoFactor: 1,
        sso: { issuer: 'https://id.example.test', ssoOnly: false, allowedDomains: ['example.test'] },
      },
    })
    expect(JSON.stringify(after.data)).not.toContain('clientSecret')
    expect((await call(security.loader as Handler, request(p.coachCookie, path), params)).status).toBe(403)
    const { owner: stranger } = await createPracticeWithOwner(prisma)
    expect((await call(security.loader as Handler, request(await cookieFor(stranger.id), path), params)).status).toBe(
      404,
    )
  })
})
