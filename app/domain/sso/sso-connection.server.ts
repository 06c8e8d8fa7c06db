import { InputError } from '~/lib/input-error'
import { discoverProvider, issuerProblem } from '~/lib/oidc.server'
import { sealSecret, unsealSecret } from '~/lib/sealed-secret.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { recordTenantEvent, writeAudited } from '../practices/audit.server'
import type { SsoSettings } from './sso-schema'

// A practice's OpenID Connect provider, as its owner sets it (docs/decisions/0025-single-sign-on.md).
// The client secret is sealed at rest and never read back to a page: the form only says one is saved.

const secretPurpose = 'sso client secret'

export function sealClientSecret(secret: string, organizationId: string) {
  return sealSecret(secret, secretPurpose, organizationId)
}

/** The saved secret, or null when it no longer opens (SESSION_SECRET changed): the owner enters it again. */
export function unsealClientSecret(sealed: Uint8Array, organizationId: string) {
  return unsealSecret(sealed, secretPurpose, organizationId)
}

/** What the settings page shows: everything but the secret. */
export async function findSsoSettings(t: TenantContext) {
  const connection = await t.db.ssoConnection.findFirst({
    select: { issuer: true, clientId: true, allowedDomains: true, ssoOnly: true, updatedAt: true },
  })
  const linkedMembers = connection ? await t.db.ssoIdentity.count() : 0
  return connection ? { ...connection, linkedMembers } : null
}

/**
 * Saves the provider after reading its discovery document, so a mistyped issuer is caught here and not
 * at a member's first sign-in. An empty secret keeps the saved one.
 */
export async function saveSsoConnection(t: TenantContext, input: SsoSettings, ip?: string | null) {
  const existing = await t.db.ssoConnection.findFirst()
  const newSecret = input.clientSecret?.trim() || null
  const secret = newSecret ?? (existing ? unsealClientSecret(existing.clientSecretSealed, t.org.id) : null)
  if (!secret) throw new InputError('clientSecret', 'Enter the client secret your provider gave this app')
  const problem = issuerProblem(input.issuer)
  if (problem) throw new InputError('issuer', problem)
  try {
    await discoverProvider({ issuer: input.issuer, clientId: input.clientId, clientSecret: secret })
  } catch {
    throw new InputError(
      'issuer',
      `We couldn’t read this provider’s settings at ${input.issuer}/.well-known/openid-configuration. Check the issuer address.`,
    )
  }
  const data = {
    issuer: input.issuer,
    clientId: input.clientId,
    allowedDomains: input.allowedDomains,
    ssoOnly: input.ssoOnly,
    ...(newSecret ? { clientSecretSealed: sealClientSecret(newSecret, t.org.id) } : {}),
  }
  return t.db.$transaction(async (tx) => {
    const connection = existing
      ? await tx.ssoConnection.update({ where: { id: existing.id }, data })
      : await tx.ssoConnection.create({
          data: { ...data, organizationId: t.org.id, clientSecretSealed: sealClientSecret(secret, t.org.id) },
        })
    await recordTenantEvent(
      { ...t, db: tx },
      existing ? 'sso.updated' : 'sso.configured',
      { type: 'SsoConnection', id: connection.id },
      {
        issuer: connection.issuer,
        clientId: connection.clientId,
        allowedDomains: connection.allowedDomains,
        ssoOnly: connection.ssoOnly,
        secretChanged: Boolean(newSecret),
      },
      { ip },
    )
    return connection
  })
}

/** Turns single sign-on off. Linked identities stay, so setting the same provider up again needs no new links. */
export async function removeSsoConnection(t: TenantContext, ip?: string | null) {
  const existing = await t.db.ssoConnection.findFirst({ select: { id: true, issuer: true } })
  if (!existing) return false
  await writeAudited(
    t,
    (tx) => tx.ssoConnection.deleteMany({ where: { id: existing.id } }),
    'sso.removed',
    { type: 'SsoConnection', id: existing.id },
    { issuer: existing.issuer },
    { ip },
  )
  return true
}
